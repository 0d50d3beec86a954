import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// A member's side of Techné's notifications: the list and its unread count, marking them
/// read, following topics and categories, and how they are emailed.
package struct NotificationDesk {
    package let db: any Database
    package var now = Date()

    package init(db: any Database) { self.db = db }

    package struct Page: Sendable {
        package var lines: [NotificationLine]
        package var page: Pagination
        package var hasMore: Bool
        package var unread: Int
        package var emailMode: CommunityEmailMode
        /// False when the person stopped Techné's emails (the one-click link, or their account's email choices).
        package var emailed: Bool
    }

    package func page(for user: User, _ page: Pagination) async throws -> Page {
        let userID = try user.requireID()
        var lines = try await CommunityNotificationStore.lines(for: userID, page, on: db)
        let hasMore = lines.count > page.limit
        if hasMore { lines.removeLast() }
        return Page(lines: lines, page: page, hasMore: hasMore, unread: try await CommunityNotificationStore.unreadCount(of: userID, on: db),
                    emailMode: try await CommunityNotificationStore.emailMode(of: userID, on: db), emailed: user.wants(.communityNotifications))
    }

    /// Every notification read; returns how many were not.
    package func markAllRead(by user: User) async throws -> Int {
        try await db.writeTransaction { [now] db in try await CommunityNotificationStore.markRead(of: user.requireID(), at: now, on: db) }
    }

    /// Reading a topic reads its notifications; returns how many were unread.
    @discardableResult
    package func readTopic(_ topicID: UUID, by user: User) async throws -> Int {
        try await db.writeTransaction { [now] db in try await CommunityNotificationStore.markRead(of: user.requireID(), topic: topicID, at: now, on: db) }
    }

    package func setEmailMode(_ value: String?, for user: User) async throws -> CommunityEmailMode {
        guard let mode = value.flatMap(CommunityEmailMode.init(rawValue:)) else {
            throw ServiceError.invalid([FieldError("mode", "Choose immediate or daily")])
        }
        try await db.writeTransaction { db in try await CommunityNotificationStore.setEmailMode(mode, of: user.requireID(), on: db) }
        return mode
    }

    /// Follows a topic the person may read, or stops.
    package func follow(topic topicID: UUID, _ following: Bool, by user: User) async throws {
        _ = try await CommunityDesk(db: db).topic(topicID, for: user)
        try await db.writeTransaction { [now] db in
            if following { try await CommunityNotificationStore.follow(topic: topicID, by: user.requireID(), at: now, on: db) }
            else { try await CommunityNotificationStore.unfollow(topic: topicID, by: user.requireID(), on: db) }
        }
    }

    /// Follows a category (told of each new topic in it), or stops.
    package func follow(category key: String?, _ following: Bool, by user: User) async throws -> CommunityCategory {
        let category = try await CommunityDesk(db: db).category(key, for: user)
        let categoryID = try category.requireID()
        try await db.writeTransaction { [now] db in
            if following { try await CommunityNotificationStore.follow(category: categoryID, by: user.requireID(), at: now, on: db) }
            else { try await CommunityNotificationStore.unfollow(category: categoryID, by: user.requireID(), on: db) }
        }
        return category
    }
}
