import Fluent
import FluentSQL
import Foundation
import PrepRoomCore
import SQLKit

/// A category with how many topics it holds, for the list of categories.
public struct CategorySummary: Sendable {
    public var category: CommunityCategory
    public var topics: Int
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

    /// A category's topics, latest activity first, a page at a time; one more than asked is
    /// read so the page knows whether another follows.
    public static func topics(in categoryID: UUID, _ page: Pagination, on db: any Database) async throws -> [TopicLine] {
        try await (db as! any SQLDatabase).raw("""
            SELECT t.id, t.title, t.replies, t.last_posted_at, t.solution_id, t.locked, u.name AS author
            FROM community_topics t LEFT JOIN users u ON u.id = t.author_id
            WHERE t.category_id = \(bind: categoryID)
            ORDER BY t.last_posted_at DESC, t.id LIMIT \(bind: page.limit + 1) OFFSET \(bind: page.offset)
            """).all().map { row in
                TopicLine(id: try row.decode(column: "id", as: UUID.self), title: try row.decode(column: "title", as: String.self),
                          author: try row.optional("author", as: String.self), replies: try row.decode(column: "replies", as: Int.self),
                          lastPostedAt: try row.decode(column: "last_posted_at", as: Date.self),
                          solved: try row.optional("solution_id", as: UUID.self) != nil, locked: try row.decode(column: "locked", as: Bool.self))
            }
    }

    public static func topic(_ id: UUID, on db: any Database) async throws -> CommunityTopic? {
        try await (db as! any SQLDatabase).model(CommunityTopic.self, "SELECT * FROM community_topics WHERE id = \(bind: id)")
    }

    /// A topic's posts in order, with their authors' names.
    public static func posts(of topicID: UUID, on db: any Database) async throws -> [PostLine] {
        try await (db as! any SQLDatabase).raw("""
            SELECT p.id, p.position, p.author_id, p.body, p.posted_at, p.hidden_at, p.hidden_reason, u.name AS author
            FROM community_posts p LEFT JOIN users u ON u.id = p.author_id
            WHERE p.topic_id = \(bind: topicID) ORDER BY p.position
            """).all().map { row in
                PostLine(id: try row.decode(column: "id", as: UUID.self), position: try row.decode(column: "position", as: Int.self),
                         authorID: try row.optional("author_id", as: UUID.self), author: try row.optional("author", as: String.self),
                         body: try row.decode(column: "body", as: String.self), postedAt: try row.decode(column: "posted_at", as: Date.self),
                         hiddenReason: try row.optional("hidden_reason", as: String.self), hidden: try row.optional("hidden_at", as: Date.self) != nil)
            }
    }

    public static func post(_ id: UUID, on db: any Database) async throws -> CommunityPost? {
        try await (db as! any SQLDatabase).model(CommunityPost.self, "SELECT * FROM community_posts WHERE id = \(bind: id)")
    }

    /// Adds a reply as the topic's next post, in the caller's transaction: the topic's row
    /// is updated first (only while it is unlocked), so two replies at once queue on it and
    /// take positions in turn. Nil when the topic is locked.
    public static func addReply(to topicID: UUID, by authorID: UUID, body: String, at now: Date, on db: any Database) async throws -> CommunityPost? {
        guard let row = try await (db as! any SQLDatabase).raw("""
            UPDATE community_topics SET replies = replies + 1, last_posted_at = \(bind: now)
            WHERE id = \(bind: topicID) AND locked = \(bind: false) RETURNING replies
            """).first() else { return nil }
        let post = CommunityPost(topicID: topicID, position: try row.decode(column: "replies", as: Int.self) + 1, authorID: authorID, body: body, at: now)
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
