import Fluent
import Foundation
import PrepRoomCore

/// A theme a member suggested for a twilight Meet, with how many members want it and what
/// staff decided.
public final class MeetsTopic: Model, @unchecked Sendable {
    public static let schema = "meets_topics"

    @ID(key: .id) public var id: UUID?
    @Field(key: "title") public var title: String
    /// Why it matters to technicians.
    @Field(key: "why") public var why: String
    /// Kit someone could show, if any.
    @Field(key: "kit") public var kit: String
    /// Nil once the suggester's account is erased.
    @OptionalField(key: "suggested_by") public var suggestedBy: UUID?
    @Field(key: "suggested_at") public var suggestedAt: Date
    /// How many votes it holds (`meets_topic_votes` has one row per vote).
    @Field(key: "votes") public var votes: Int
    @Enum(key: "status") public var status: MeetsTopicStatus
    /// Why staff declined it.
    @OptionalField(key: "status_reason") public var statusReason: String?
    /// The Meet's run in the catalogue, once scheduled.
    @OptionalField(key: "run_id") public var runID: UUID?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @OptionalField(key: "decided_by") public var decidedBy: UUID?

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] {
        [$id, $title, $why, $kit, $suggestedBy, $suggestedAt, $votes, $status, $statusReason, $runID, $decidedAt, $decidedBy]
    }

    public init() {}
    public init(title: String, why: String, kit: String, by userID: UUID, at: Date) {
        self.title = title; self.why = why; self.kit = kit; suggestedBy = userID; suggestedAt = at; votes = 0; status = .suggested
    }
}

/// One member's vote for a Meets topic: one each, withdrawn by deleting it.
public final class MeetsVote: Model, @unchecked Sendable {
    public static let schema = "meets_topic_votes"

    @ID(key: .id) public var id: UUID?
    @Field(key: "topic_id") public var topicID: UUID
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "voted_at") public var votedAt: Date

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $topicID, $userID, $votedAt] }

    public init() {}
}
