import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// Techné's discussion: reading categories and topics as each person may, starting a
/// topic, replying, marking the reply that solved it, and locking a topic.
package struct CommunityDesk {
    package let db: any Database
    package var now = Date()

    package init(db: any Database) { self.db = db }

    package struct CategoryPage: Sendable {
        package var category: CommunityCategory
        package var topics: [TopicLine]
        package var page: Pagination
        package var hasMore: Bool
    }

    package struct TopicPage: Sendable {
        package var id: UUID
        package var topic: CommunityTopic
        package var category: CommunityCategory
        package var posts: [PostLine]
    }

    package func categories() async throws -> [CategorySummary] {
        try await CommunityStore.categories(on: db)
    }

    /// 404 for no such category; a visitor asking for a members-only one is asked to sign in.
    package func category(_ key: String?, for user: User?) async throws -> CommunityCategory {
        guard let key, Slug.isValid(key), let category = try await CommunityStore.category(key: key, on: db) else {
            throw ServiceError.notFound("category")
        }
        guard CommunityRules.mayRead(membersOnly: category.membersOnly, signedIn: user != nil) else { throw ServiceError.signInRequired }
        return category
    }

    package func categoryPage(_ key: String?, page: Pagination, for user: User?) async throws -> CategoryPage {
        let category = try await category(key, for: user)
        var topics = try await CommunityStore.topics(in: category.requireID(), page, on: db)
        let hasMore = topics.count > page.limit
        if hasMore { topics.removeLast() }
        return CategoryPage(category: category, topics: topics, page: page, hasMore: hasMore)
    }

    package func topic(_ id: UUID, for user: User?) async throws -> TopicPage {
        guard let topic = try await CommunityStore.topic(id, on: db), let category = try await CommunityStore.category(topic.categoryID, on: db) else {
            throw ServiceError.notFound("topic")
        }
        guard CommunityRules.mayRead(membersOnly: category.membersOnly, signedIn: user != nil) else { throw ServiceError.signInRequired }
        return TopicPage(id: id, topic: topic, category: category, posts: try await CommunityStore.posts(of: id, on: db))
    }

    /// The topic and its opening post, in one transaction.
    package func startTopic(in key: String?, title: String?, body: String?, by user: User) async throws -> CommunityTopic {
        let category = try await category(key, for: user)
        let problems = CommunityRules.problems(title: title, body: body)
        guard problems.isEmpty else { throw ServiceError.invalid(problems) }
        let topic = CommunityTopic(categoryID: try category.requireID(), title: (title ?? "").trimmed, authorID: try user.requireID(), at: now)
        try await db.writeTransaction { [now] db in
            try await topic.create(on: db)
            try await CommunityPost(topicID: topic.requireID(), position: 1, authorID: user.requireID(), body: (body ?? "").trimmed, at: now).create(on: db)
        }
        return topic
    }

    /// 409 on a locked topic.
    package func reply(to topicID: UUID, body: String?, by user: User) async throws -> CommunityPost {
        let page = try await topic(topicID, for: user)
        let problems = CommunityRules.problems(body: body)
        guard problems.isEmpty else { throw ServiceError.invalid(problems) }
        let post = try await db.writeTransaction { [now] db in
            try await CommunityStore.addReply(to: topicID, by: user.requireID(), body: (body ?? "").trimmed, at: now, on: db)
        }
        guard let post else { throw Self.locked(page.topic) }
        return post
    }

    /// Marks the reply that solved the question, or clears the mark (`postID` nil). The
    /// topic's author or a moderator; the opening post cannot be its own answer.
    package func markSolved(_ topicID: UUID, by postID: UUID?, user: User) async throws -> CommunityTopic {
        let page = try await topic(topicID, for: user)
        let topic = page.topic
        guard CommunityRules.mayMarkSolved(isAuthor: topic.authorID != nil && topic.authorID == user.id, user.permissions) else {
            throw ServiceError.forbidden("Only the person who asked, or a moderator, marks what solved a topic.")
        }
        if let postID {
            guard let post = page.posts.first(where: { $0.id == postID }), post.position > 1 else {
                throw ServiceError.invalid([FieldError("postId", "Choose a reply of this topic")])
            }
        }
        topic.solutionID = postID
        try await db.writeTransaction { db in try await topic.save(on: db) }
        return topic
    }

    /// Locks a topic against replies, or opens it again (moderators; audited).
    package func setLocked(_ topicID: UUID, _ locked: Bool, by user: User) async throws -> CommunityTopic {
        guard CommunityRules.mayModerate(user.permissions) else { throw ServiceError.forbidden("Only moderators lock topics.") }
        let topic = try await topic(topicID, for: user).topic
        guard topic.locked != locked else { return topic }
        topic.locked = locked
        try await db.writeTransaction { db in
            try await topic.save(on: db)
            try await AuditEntry.record(locked ? "community.locked" : "community.unlocked", subject: "topic:\(topicID)", actor: user.id,
                                        details: topic.title, on: db)
        }
        return topic
    }

    static func locked(_ topic: CommunityTopic) -> ServiceError {
        ServiceError.conflict("topic_locked", "\"\(topic.title)\" is locked: it takes no more replies.")
    }
}
