import Fluent
import FluentSQL
import Foundation
import PrepRoomCore
import SQLKit

/// A category with how many topics it holds, for the list of categories.
public struct CategorySummary: Sendable {
    public var category: CommunityCategory
    public var topics: Int
    public init(category: CommunityCategory, topics: Int) { self.category = category; self.topics = topics }
}

/// One line of a category's list of topics.
public struct TopicLine: Sendable, Equatable {
    public var id: UUID
    public var title: String
    /// Nil once the author's account is erased.
    public var author: String?
    public var replies: Int
    public var lastPostedAt: Date
    public var solved: Bool
    public var locked: Bool
    public var pinned: Bool
    /// Posts since the reader last opened it (nil when they never have, or for a visitor).
    public var unread: Int? = nil
}

/// One post as a topic's page shows it.
public struct PostLine: Sendable, Equatable {
    public var id: UUID
    public var position: Int
    public var authorID: UUID?
    public var author: String?
    public var body: String
    public var postedAt: Date
    /// Set when a moderator hid it (only moderators are shown such a post).
    public var hiddenReason: String?
    public var hidden: Bool
    /// Held for a moderator's approval (and so hidden).
    public var held: Bool
    /// When it was last edited; nil for a post never edited.
    public var editedAt: Date? = nil
}

/// A post with its open flags, as the moderators' queue lists it.
public struct FlaggedPost: Sendable, Equatable {
    public var postID: UUID
    public var authorID: UUID?
    public var topicID: UUID
    public var topicTitle: String
    public var position: Int
    public var author: String?
    public var body: String
    public var reasons: [String]
    public var firstFlaggedAt: Date
}

/// Techné's discussion as plain reads: each list in one statement.
public enum CommunityStore {
    public static func categories(on db: any Database) async throws -> [CategorySummary] {
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT c.*, (SELECT COUNT(*) FROM community_topics t WHERE t.category_id = c.id) AS topic_count
            FROM community_categories c ORDER BY c.position, c.name
            """).all()
        return try rows.map { CategorySummary(category: try $0.decode(fluentModel: CommunityCategory.self), topics: try $0.decode(column: "topic_count", as: Int.self)) }
    }

    public static func category(key: String, on db: any Database) async throws -> CommunityCategory? {
        try await (db as! any SQLDatabase).model(CommunityCategory.self, "SELECT * FROM community_categories WHERE key = \(bind: key)")
    }

    public static func category(_ id: UUID, on db: any Database) async throws -> CommunityCategory? {
        try await (db as! any SQLDatabase).model(CommunityCategory.self, "SELECT * FROM community_categories WHERE id = \(bind: id)")
    }

    /// A category's topics, pinned ones first, then latest activity first, a page at a time;
    /// one more than asked is read so the page knows whether another follows. A topic whose
    /// opening post is hidden (or held) is left out, but for moderators and its author.
    public static func topics(in categoryID: UUID, _ page: Pagination, reader: UUID? = nil, moderator: Bool = false,
                              on db: any Database) async throws -> [TopicLine] {
        let reader = reader ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        return try await (db as! any SQLDatabase).raw("""
            SELECT t.id, t.title, t.replies, t.last_posted_at, t.solution_id, t.locked, t.pinned, u.name AS author, r.position AS read_up_to
            FROM community_topics t LEFT JOIN users u ON u.id = t.author_id
            LEFT JOIN community_reads r ON r.topic_id = t.id AND r.user_id = \(bind: reader)
            WHERE t.category_id = \(bind: categoryID)
              AND (\(bind: moderator) OR t.author_id = \(bind: reader) OR NOT EXISTS (
                   SELECT 1 FROM community_posts p WHERE p.topic_id = t.id AND p.position = 1 AND p.hidden_at IS NOT NULL))
            ORDER BY t.pinned DESC, t.last_posted_at DESC, t.id LIMIT \(bind: page.limit + 1) OFFSET \(bind: page.offset)
            """).all().map { row in
                TopicLine(id: try row.decode(column: "id", as: UUID.self), title: try row.decode(column: "title", as: String.self),
                          author: try row.optional("author", as: String.self), replies: try row.decode(column: "replies", as: Int.self),
                          lastPostedAt: try row.decode(column: "last_posted_at", as: Date.self),
                          solved: try row.optional("solution_id", as: UUID.self) != nil, locked: try row.decode(column: "locked", as: Bool.self),
                          pinned: try row.decode(column: "pinned", as: Bool.self),
                          unread: try row.optional("read_up_to", as: Int.self).map { max(0, try row.decode(column: "replies", as: Int.self) + 1 - $0) })
            }
    }

    public static func topic(_ id: UUID, on db: any Database) async throws -> CommunityTopic? {
        try await (db as! any SQLDatabase).model(CommunityTopic.self, "SELECT * FROM community_topics WHERE id = \(bind: id)")
    }

    /// A topic's posts in order, with their authors' names.
    public static func posts(of topicID: UUID, on db: any Database) async throws -> [PostLine] {
        try await (db as! any SQLDatabase).raw("""
            SELECT p.id, p.position, p.author_id, p.body, p.posted_at, p.hidden_at, p.hidden_reason, p.held, p.edited_at, u.name AS author
            FROM community_posts p LEFT JOIN users u ON u.id = p.author_id
            WHERE p.topic_id = \(bind: topicID) ORDER BY p.position
            """).all().map { row in
                PostLine(id: try row.decode(column: "id", as: UUID.self), position: try row.decode(column: "position", as: Int.self),
                         authorID: try row.optional("author_id", as: UUID.self), author: try row.optional("author", as: String.self),
                         body: try row.decode(column: "body", as: String.self), postedAt: try row.decode(column: "posted_at", as: Date.self),
                         hiddenReason: try row.optional("hidden_reason", as: String.self), hidden: try row.optional("hidden_at", as: Date.self) != nil,
                         held: try row.decode(column: "held", as: Bool.self), editedAt: try row.optional("edited_at", as: Date.self))
            }
    }

    public static func post(_ id: UUID, on db: any Database) async throws -> CommunityPost? {
        try await (db as! any SQLDatabase).model(CommunityPost.self, "SELECT * FROM community_posts WHERE id = \(bind: id)")
    }

    /// Adds a reply as the topic's next post, in the caller's transaction: the topic's row
    /// is updated first (only while it is unlocked), so two replies at once queue on it and
    /// take positions in turn. Nil when the topic is locked.
    public static func addReply(to topicID: UUID, by authorID: UUID, body: String, held: Bool = false, at now: Date,
                                on db: any Database) async throws -> CommunityPost? {
        guard let row = try await (db as! any SQLDatabase).raw("""
            UPDATE community_topics SET replies = replies + 1, last_posted_at = \(bind: now)
            WHERE id = \(bind: topicID) AND locked = \(bind: false) RETURNING replies
            """).first() else { return nil }
        let post = CommunityPost(topicID: topicID, position: try row.decode(column: "replies", as: Int.self) + 1, authorID: authorID, body: body, at: now)
        if held { post.hold(at: now) }
        try await post.create(on: db)
        return post
    }
}

extension CommunityStore {
    /// How many topics a category holds, for the API's list total.
    public static func topicCount(in categoryID: UUID, on db: any Database) async throws -> Int {
        try await (db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM community_topics WHERE category_id = \(bind: categoryID)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }
}

extension CommunityStore {
    public static func flagged(post postID: UUID, by userID: UUID, on db: any Database) async throws -> Bool {
        try await (db as! any SQLDatabase).raw("""
            SELECT 1 AS found FROM community_flags WHERE post_id = \(bind: postID) AND flagged_by = \(bind: userID)
            """).first() != nil
    }

    /// The posts with open flags, the longest waiting first, each with every reason given.
    public static func openFlags(on db: any Database) async throws -> [FlaggedPost] {
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT f.reason, f.flagged_at, p.id AS post_id, p.position, p.body, p.author_id, t.id AS topic_id, t.title, u.name AS author
            FROM community_flags f JOIN community_posts p ON p.id = f.post_id JOIN community_topics t ON t.id = p.topic_id
            LEFT JOIN users u ON u.id = p.author_id
            WHERE f.outcome IS NULL ORDER BY f.flagged_at, f.id
            """).all()
        var posts: [FlaggedPost] = []
        var index: [UUID: Int] = [:]
        for row in rows {
            let postID = try row.decode(column: "post_id", as: UUID.self)
            let reason = try row.decode(column: "reason", as: String.self)
            if let at = index[postID] { posts[at].reasons.append(reason); continue }
            index[postID] = posts.count
            posts.append(FlaggedPost(postID: postID, authorID: try row.optional("author_id", as: UUID.self), topicID: try row.decode(column: "topic_id", as: UUID.self),
                                     topicTitle: try row.decode(column: "title", as: String.self), position: try row.decode(column: "position", as: Int.self),
                                     author: try row.optional("author", as: String.self), body: try row.decode(column: "body", as: String.self),
                                     reasons: [reason], firstFlaggedAt: try row.decode(column: "flagged_at", as: Date.self)))
        }
        return posts
    }

    /// Closes a post's open flags with the moderator's outcome, in the caller's transaction.
    public static func resolveFlags(of postID: UUID, outcome: String, by userID: UUID, at now: Date, on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("""
            UPDATE community_flags SET outcome = \(bind: outcome), resolved_at = \(bind: now), resolved_by = \(bind: userID)
            WHERE post_id = \(bind: postID) AND outcome IS NULL
            """).run()
    }
}

extension CommunityStore {
    /// The person's suspension from posting, while it lasts.
    public static func suspension(of userID: UUID, at now: Date, on db: any Database) async throws -> CommunitySuspension? {
        try await (db as! any SQLDatabase).model(CommunitySuspension.self, """
            SELECT * FROM community_suspensions WHERE user_id = \(bind: userID) AND until > \(bind: now)
            """)
    }

    public static func anySuspension(of userID: UUID, on db: any Database) async throws -> CommunitySuspension? {
        try await (db as! any SQLDatabase).model(CommunitySuspension.self, "SELECT * FROM community_suspensions WHERE user_id = \(bind: userID)")
    }
}

extension CommunityStore {
    /// How many of the member's posts others see: ones that did not wait, or were approved
    /// (one turned down, or hidden later, does not count).
    public static func approvedPosts(of userID: UUID, on db: any Database) async throws -> Int {
        try await (db as! any SQLDatabase).raw("""
            SELECT COUNT(*) AS n FROM community_posts WHERE author_id = \(bind: userID) AND held = \(bind: false) AND hidden_at IS NULL
            """).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Posts waiting for a moderator's approval, the longest waiting first.
    public static func heldPosts(on db: any Database) async throws -> [FlaggedPost] {
        try await (db as! any SQLDatabase).raw("""
            SELECT p.id AS post_id, p.position, p.body, p.author_id, p.posted_at, t.id AS topic_id, t.title, u.name AS author
            FROM community_posts p JOIN community_topics t ON t.id = p.topic_id LEFT JOIN users u ON u.id = p.author_id
            WHERE p.held = \(bind: true) ORDER BY p.posted_at, p.id
            """).all().map { row in
                FlaggedPost(postID: try row.decode(column: "post_id", as: UUID.self), authorID: try row.optional("author_id", as: UUID.self),
                            topicID: try row.decode(column: "topic_id", as: UUID.self), topicTitle: try row.decode(column: "title", as: String.self),
                            position: try row.decode(column: "position", as: Int.self), author: try row.optional("author", as: String.self),
                            body: try row.decode(column: "body", as: String.self), reasons: [],
                            firstFlaggedAt: try row.decode(column: "posted_at", as: Date.self))
            }
    }
}

extension CommunityStore {
    /// The earlier versions of a topic's posts, oldest first, in one statement.
    public static func versions(inTopic topicID: UUID, on db: any Database) async throws -> [PostVersion] {
        try await (db as! any SQLDatabase).raw("""
            SELECT e.post_id, e.body, e.edited_at, u.name AS editor
            FROM community_post_edits e JOIN community_posts p ON p.id = e.post_id LEFT JOIN users u ON u.id = e.edited_by
            WHERE p.topic_id = \(bind: topicID) ORDER BY e.edited_at, e.id
            """).all().map { row in
                PostVersion(postID: try row.decode(column: "post_id", as: UUID.self), body: try row.decode(column: "body", as: String.self),
                            editedAt: try row.decode(column: "edited_at", as: Date.self), editor: try row.optional("editor", as: String.self))
            }
    }
}

extension CommunityStore {
    /// The last post of the topic the member has read; nil if they never opened it.
    public static func readPosition(of userID: UUID, in topicID: UUID, on db: any Database) async throws -> Int? {
        try await (db as! any SQLDatabase).raw("""
            SELECT position FROM community_reads WHERE user_id = \(bind: userID) AND topic_id = \(bind: topicID)
            """).first()?.decode(column: "position", as: Int.self)
    }

    /// Notes that the member has read the topic up to `position`.
    public static func markRead(_ topicID: UUID, upTo position: Int, by userID: UUID, at now: Date, on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("""
            INSERT INTO community_reads (id, user_id, topic_id, position, read_at)
            VALUES (\(bind: UUID()), \(bind: userID), \(bind: topicID), \(bind: position), \(bind: now))
            ON CONFLICT (user_id, topic_id) DO UPDATE SET position = \(bind: position), read_at = \(bind: now)
            """).run()
    }
}
