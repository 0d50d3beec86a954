import Fluent
import Foundation
import PrepRoomCore

/// A category of Techné's discussion (Chemistry, General safety, …).
public final class CommunityCategory: Model, @unchecked Sendable {
    public static let schema = "community_categories"

    @ID(key: .id) public var id: UUID?
    /// The category's part of its address: `/community/chemistry`.
    @Field(key: "key") public var key: String
    @Field(key: "name") public var name: String
    @Field(key: "description") public var description: String
    @Field(key: "members_only") public var membersOnly: Bool
    @Field(key: "position") public var position: Int

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $key, $name, $description, $membersOnly, $position] }

    public init() {}
    public init(key: String, name: String, description: String, membersOnly: Bool, position: Int) {
        self.key = key; self.name = name; self.description = description; self.membersOnly = membersOnly; self.position = position
    }
}

/// A question or discussion: its opening post is the first of its posts.
public final class CommunityTopic: Model, @unchecked Sendable {
    public static let schema = "community_topics"

    @ID(key: .id) public var id: UUID?
    @Field(key: "category_id") public var categoryID: UUID
    @Field(key: "title") public var title: String
    /// Nil once the author's account is erased.
    @OptionalField(key: "author_id") public var authorID: UUID?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "last_posted_at") public var lastPostedAt: Date
    /// Posts after the opening one.
    @Field(key: "replies") public var replies: Int
    /// The reply the author (or a moderator) marked as the one that solved it.
    @OptionalField(key: "solution_id") public var solutionID: UUID?
    /// A locked topic takes no more replies.
    @Field(key: "locked") public var locked: Bool
    /// A pinned topic heads its category's list.
    @Field(key: "pinned") public var pinned: Bool

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $categoryID, $title, $authorID, $createdAt, $lastPostedAt, $replies, $solutionID, $locked, $pinned] }

    public init() {}
    public init(categoryID: UUID, title: String, authorID: UUID, at: Date) {
        self.categoryID = categoryID; self.title = title; self.authorID = authorID
        createdAt = at; lastPostedAt = at; replies = 0; locked = false; pinned = false
    }
}

/// One post of a topic, in Markdown as its author wrote it (`Markdown` reads it).
public final class CommunityPost: Model, @unchecked Sendable {
    public static let schema = "community_posts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "topic_id") public var topicID: UUID
    /// 1 for the opening post, then each reply in turn.
    @Field(key: "position") public var position: Int
    @OptionalField(key: "author_id") public var authorID: UUID?
    @Field(key: "body") public var body: String
    @Field(key: "posted_at") public var postedAt: Date
    /// Set when a moderator hid the post: members no longer see it.
    @OptionalField(key: "hidden_at") public var hiddenAt: Date?
    @OptionalField(key: "hidden_reason") public var hiddenReason: String?
    @OptionalField(key: "hidden_by") public var hiddenBy: UUID?
    /// Held for a moderator's approval (a new member's first posts); hidden meanwhile.
    @Field(key: "held") public var held: Bool
    /// When it was last edited (its earlier versions are `CommunityPostEdit`s).
    @OptionalField(key: "edited_at") public var editedAt: Date?

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $topicID, $position, $authorID, $body, $postedAt, $hiddenAt, $hiddenReason, $hiddenBy, $held, $editedAt] }

    public init() {}
    public init(topicID: UUID, position: Int, authorID: UUID, body: String, at: Date) {
        self.topicID = topicID; self.position = position; self.authorID = authorID; self.body = body; postedAt = at; held = false
    }

    /// Holds the post for a moderator: hidden, with the reason its author is shown.
    public func hold(at now: Date) {
        held = true; hiddenAt = now; hiddenReason = CommunityRules.heldReason
    }
}

/// A member's flag on a post, for a moderator to hide the post or dismiss the flag.
public final class CommunityFlag: Model, @unchecked Sendable {
    public static let schema = "community_flags"

    @ID(key: .id) public var id: UUID?
    @Field(key: "post_id") public var postID: UUID
    /// Nil once the flagger's account is erased.
    @OptionalField(key: "flagged_by") public var flaggedBy: UUID?
    @Field(key: "reason") public var reason: String
    @Field(key: "flagged_at") public var flaggedAt: Date
    /// Nil while the flag waits; then "hidden" or "dismissed".
    @OptionalField(key: "outcome") public var outcome: String?
    @OptionalField(key: "resolved_at") public var resolvedAt: Date?
    @OptionalField(key: "resolved_by") public var resolvedBy: UUID?

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $postID, $flaggedBy, $reason, $flaggedAt, $outcome, $resolvedAt, $resolvedBy] }

    public init() {}
    public init(postID: UUID, by userID: UUID, reason: String, at: Date) {
        self.postID = postID; flaggedBy = userID; self.reason = reason; flaggedAt = at
    }
}

/// A member suspended from posting in Techné until a day (they may post again from it).
public final class CommunitySuspension: Model, @unchecked Sendable {
    public static let schema = "community_suspensions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "until") public var until: Date
    @Field(key: "reason") public var reason: String
    @OptionalField(key: "suspended_by") public var suspendedBy: UUID?
    @Field(key: "suspended_at") public var suspendedAt: Date

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $userID, $until, $reason, $suspendedBy, $suspendedAt] }

    public init() {}
    public init(userID: UUID, until: Date, reason: String, by: UUID?, at: Date) {
        self.userID = userID; self.until = until; self.reason = reason; suspendedBy = by; suspendedAt = at
    }
}
