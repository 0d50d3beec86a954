import Fluent
import FluentSQL
import Foundation
import PrepRoomCore
import SQLKit

/// One notification as the member's list shows it.
public struct NotificationLine: Sendable, Equatable {
    public var id: UUID
    public var kind: CommunityNotificationKind
    public var topicID: UUID
    public var topicTitle: String
    public var postID: UUID
    public var position: Int
    /// Nil once the post's author is erased.
    public var actor: String?
    public var createdAt: Date
    public var read: Bool
}

/// Someone to tell about a post, with what the email needs.
public struct NotificationRecipient: Sendable, Equatable {
    public var userID: UUID
    public var email: String
    public var name: String
    /// Whether they stopped Techné's emails (their `email_opt_outs`).
    public var wantsEmail: Bool
    public var emailMode: CommunityEmailMode
}

/// Following, notifications and the queue of posts to tell followers about.
public enum CommunityNotificationStore {
    // MARK: Following

    /// Follows a topic (or a category), in the caller's transaction; following twice is
    /// following once.
    public static func follow(topic topicID: UUID? = nil, category categoryID: UUID? = nil, by userID: UUID, at now: Date, on db: any Database) async throws {
        let column = topicID != nil ? "topic_id" : "category_id"
        try await (db as! any SQLDatabase).raw("""
            INSERT INTO community_follows (id, user_id, topic_id, category_id, followed_at)
            VALUES (\(bind: UUID()), \(bind: userID), \(bind: topicID), \(bind: categoryID), \(bind: now))
            ON CONFLICT (user_id, \(unsafeRaw: column)) DO NOTHING
            """).run()
    }

    public static func unfollow(topic topicID: UUID? = nil, category categoryID: UUID? = nil, by userID: UUID, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        if let topicID {
            try await sql.raw("DELETE FROM community_follows WHERE user_id = \(bind: userID) AND topic_id = \(bind: topicID)").run()
        } else if let categoryID {
            try await sql.raw("DELETE FROM community_follows WHERE user_id = \(bind: userID) AND category_id = \(bind: categoryID)").run()
        }
    }

    public static func follows(topic topicID: UUID? = nil, category categoryID: UUID? = nil, by userID: UUID, on db: any Database) async throws -> Bool {
        let sql = db as! any SQLDatabase
        if let topicID {
            return try await sql.raw("SELECT 1 AS found FROM community_follows WHERE user_id = \(bind: userID) AND topic_id = \(bind: topicID)").first() != nil
        }
        guard let categoryID else { return false }
        return try await sql.raw("SELECT 1 AS found FROM community_follows WHERE user_id = \(bind: userID) AND category_id = \(bind: categoryID)").first() != nil
    }

    // MARK: The member's list

    /// The member's notifications, newest first, a page at a time (one more than asked).
    public static func lines(for userID: UUID, _ page: Pagination, on db: any Database) async throws -> [NotificationLine] {
        try await (db as! any SQLDatabase).raw("""
            SELECT n.id, n.kind, n.topic_id, n.post_id, n.created_at, n.read_at, t.title, p.position, u.name AS actor
            FROM community_notifications n JOIN community_topics t ON t.id = n.topic_id JOIN community_posts p ON p.id = n.post_id
            LEFT JOIN users u ON u.id = p.author_id
            WHERE n.user_id = \(bind: userID) AND p.hidden_at IS NULL
            ORDER BY n.created_at DESC, n.id LIMIT \(bind: page.limit + 1) OFFSET \(bind: page.offset)
            """).all().map { try line($0, read: try $0.optional("read_at", as: Date.self) != nil) }
    }

    private static func line(_ row: any SQLRow, read: Bool) throws -> NotificationLine {
        NotificationLine(id: try row.decode(column: "id", as: UUID.self),
                         kind: CommunityNotificationKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .reply,
                         topicID: try row.decode(column: "topic_id", as: UUID.self), topicTitle: try row.decode(column: "title", as: String.self),
                         postID: try row.decode(column: "post_id", as: UUID.self), position: try row.decode(column: "position", as: Int.self),
                         actor: try row.optional("actor", as: String.self), createdAt: try row.decode(column: "created_at", as: Date.self), read: read)
    }

    public static func unreadCount(of userID: UUID, on db: any Database) async throws -> Int {
        try await (db as! any SQLDatabase).raw("""
            SELECT COUNT(*) AS n FROM community_notifications WHERE user_id = \(bind: userID) AND read_at IS NULL
            """).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Marks the member's notifications read: all of them, or those of one topic (opening
    /// the topic reads them). Returns how many changed.
    @discardableResult
    public static func markRead(of userID: UUID, topic topicID: UUID? = nil, at now: Date, on db: any Database) async throws -> Int {
        var query: SQLQueryString = "UPDATE community_notifications SET read_at = \(bind: now) WHERE user_id = \(bind: userID) AND read_at IS NULL"
        if let topicID { query.appendInterpolation(unsafeRaw: " AND topic_id = "); query.appendInterpolation(bind: topicID) }
        query.appendInterpolation(unsafeRaw: " RETURNING id")
        return try await (db as! any SQLDatabase).raw(query).all().count
    }

    // MARK: Email choices

    public static func emailMode(of userID: UUID, on db: any Database) async throws -> CommunityEmailMode {
        let row = try await (db as! any SQLDatabase).raw("SELECT email_mode FROM community_members WHERE user_id = \(bind: userID)").first()
        return try row.flatMap { CommunityEmailMode(rawValue: try $0.decode(column: "email_mode", as: String.self)) } ?? .standard
    }

    public static func setEmailMode(_ mode: CommunityEmailMode, of userID: UUID, on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("""
            INSERT INTO community_members (id, user_id, email_mode) VALUES (\(bind: UUID()), \(bind: userID), \(bind: mode.rawValue))
            ON CONFLICT (user_id) DO UPDATE SET email_mode = \(bind: mode.rawValue)
            """).run()
    }
}

extension CommunityNotificationStore {
    // MARK: Telling followers (the background work)

    public static func queueFanout(of postID: UUID, at now: Date, on db: any Database) async throws {
        try await CommunityFanoutJob(postID: postID, at: now).create(on: db)
    }

    /// Takes the oldest waiting post off the queue, in the caller's transaction: a second
    /// instance taking it at the same moment waits for this transaction and finds it gone.
    public static func takeFanout(on db: any Database) async throws -> UUID? {
        let sql = db as! any SQLDatabase
        guard let job = try await sql.raw("SELECT id, post_id FROM community_fanout ORDER BY queued_at, id LIMIT 1").first() else { return nil }
        let id = try job.decode(column: "id", as: UUID.self)
        guard try await sql.raw("DELETE FROM community_fanout WHERE id = \(bind: id) RETURNING id").first() != nil else { return nil }
        return try job.decode(column: "post_id", as: UUID.self)
    }

    public static func waitingFanouts(on db: any Database) async throws -> Int {
        try await (db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM community_fanout").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Approved members following the topic or the category, with their email choices.
    public static func followers(topic topicID: UUID? = nil, category categoryID: UUID? = nil, on db: any Database) async throws -> [NotificationRecipient] {
        let column = topicID != nil ? "topic_id" : "category_id"
        return try await recipients("""
            JOIN community_follows f ON f.user_id = u.id WHERE f.\(unsafeRaw: column) = \(bind: topicID ?? categoryID)
            """, on: db)
    }

    /// Approved members whose names fit the pattern (`Mentions.namePattern`), to be matched exactly after.
    public static func namedLike(_ pattern: String, on db: any Database) async throws -> [NotificationRecipient] {
        try await recipients("WHERE LOWER(u.name) LIKE \(bind: pattern)", on: db)
    }

    /// Members who have posted in the topic: a mention shared by two people goes to the one taking part.
    public static func participants(of topicID: UUID, on db: any Database) async throws -> Set<UUID> {
        Set(try await (db as! any SQLDatabase).raw("""
            SELECT DISTINCT author_id FROM community_posts WHERE topic_id = \(bind: topicID) AND author_id IS NOT NULL
            """).all().map { try $0.decode(column: "author_id", as: UUID.self) })
    }

    private static func recipients(_ filter: SQLQueryString, on db: any Database) async throws -> [NotificationRecipient] {
        let query: SQLQueryString = """
            SELECT u.id, u.email, u.name, u.email_opt_outs, m.email_mode
            FROM users u LEFT JOIN community_members m ON m.user_id = u.id
            """ + " " + filter + " AND u.status = \(bind: AccountStatus.approved.rawValue)"
        return try await (db as! any SQLDatabase).raw(query).all().map { row in
            NotificationRecipient(userID: try row.decode(column: "id", as: UUID.self), email: try row.decode(column: "email", as: String.self),
                                  name: try row.decode(column: "name", as: String.self),
                                  wantsEmail: !OptionalEmail.decode(try row.optional("email_opt_outs", as: String.self)).contains(.communityNotifications),
                                  emailMode: try row.optional("email_mode", as: String.self).flatMap(CommunityEmailMode.init(rawValue:)) ?? .standard)
        }
    }

    /// Adds the notifications, in the caller's transaction, a few hundred rows to a
    /// statement; one per member and post (a second is ignored). `emailed` marks those
    /// emailed as they happened.
    public static func insert(_ kind: CommunityNotificationKind, for users: [UUID], topic topicID: UUID, post postID: UUID,
                              emailed: Set<UUID>, at now: Date, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for chunk in stride(from: 0, to: users.count, by: 400).map({ users[$0..<min($0 + 400, users.count)] }) {
            var query: SQLQueryString = "INSERT INTO community_notifications (id, user_id, kind, topic_id, post_id, created_at, emailed_at) VALUES "
            for (index, userID) in chunk.enumerated() {
                if index > 0 { query.appendInterpolation(unsafeRaw: ", ") }
                query.appendInterpolation(unsafeRaw: "(")
                query.appendInterpolation(binds: [UUID(), userID, kind.rawValue, topicID, postID, now, emailed.contains(userID) ? now : nil] as [any Encodable & Sendable])
                query.appendInterpolation(unsafeRaw: ")")
            }
            query.appendInterpolation(unsafeRaw: " ON CONFLICT (user_id, post_id) DO NOTHING")
            try await sql.raw(query).run()
        }
    }
}

extension CommunityNotificationStore {
    /// The member's unread notifications not yet emailed, oldest first (for the digest).
    public static func unemailed(of userID: UUID, on db: any Database) async throws -> [NotificationLine] {
        try await (db as! any SQLDatabase).raw("""
            SELECT n.id, n.kind, n.topic_id, n.post_id, n.created_at, t.title, p.position, u.name AS actor
            FROM community_notifications n JOIN community_topics t ON t.id = n.topic_id JOIN community_posts p ON p.id = n.post_id
            LEFT JOIN users u ON u.id = p.author_id
            WHERE n.user_id = \(bind: userID) AND n.read_at IS NULL AND n.emailed_at IS NULL AND p.hidden_at IS NULL
            ORDER BY n.created_at, n.id
            """).all().map { try line($0, read: false) }
    }

    public static func markEmailed(_ ids: [UUID], at now: Date, on db: any Database) async throws {
        guard !ids.isEmpty else { return }
        let sql = db as! any SQLDatabase
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ ids[$0..<min($0 + 500, ids.count)] }) {
            try await sql.raw("UPDATE community_notifications SET emailed_at = \(bind: now) WHERE id IN (\(binds: Array(chunk)))").run()
        }
    }
}
