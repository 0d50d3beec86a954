import Fluent
import Foundation
import PrepRoomCore

/// A member following a topic or a category (exactly one of the two).
public final class CommunityFollow: Model, @unchecked Sendable {
    public static let schema = "community_follows"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @OptionalField(key: "topic_id") public var topicID: UUID?
    @OptionalField(key: "category_id") public var categoryID: UUID?
    @Field(key: "followed_at") public var followedAt: Date

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $userID, $topicID, $categoryID, $followedAt] }

    public init() {}
}

/// Something new in Techné for one member: a mention, a reply or a topic.
public final class CommunityNotification: Model, @unchecked Sendable {
    public static let schema = "community_notifications"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Enum(key: "kind") public var kind: CommunityNotificationKind
    @Field(key: "topic_id") public var topicID: UUID
    @Field(key: "post_id") public var postID: UUID
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "read_at") public var readAt: Date?
    /// When it went by email (as it happened or in a digest); nil while it has not.
    @OptionalField(key: "emailed_at") public var emailedAt: Date?

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $userID, $kind, $topicID, $postID, $createdAt, $readAt, $emailedAt] }

    public init() {}
}

/// A member's choices about Techné's email, and the last daily digest they were sent.
public final class CommunityMember: Model, @unchecked Sendable {
    public static let schema = "community_members"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Enum(key: "email_mode") public var emailMode: CommunityEmailMode
    /// The digest day (`DigestDay`) of the last digest: claimed before it is queued.
    @OptionalField(key: "digest_day") public var digestDay: String?

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $userID, $emailMode, $digestDay] }

    public init() {}
}

/// A post whose notifications are still to be made. Posting only queues this, in the
/// post's own transaction; the background work tells the followers, so a reply in a topic
/// with thousands of followers answers as fast as any other.
public final class CommunityFanoutJob: Model, @unchecked Sendable {
    public static let schema = "community_fanout"

    @ID(key: .id) public var id: UUID?
    @Field(key: "post_id") public var postID: UUID
    @Field(key: "queued_at") public var queuedAt: Date

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $postID, $queuedAt] }

    public init() {}
    public init(postID: UUID, at: Date) { self.postID = postID; queuedAt = at }
}
