import Fluent
import Foundation
import PrepRoomCore

/// A member holding an organisation's seat on STAC (one seat each: a local authority, SCIS,
/// Jordanhill School). An organisation without a row has a vacancy.
public final class CouncilSeat: Model, @unchecked Sendable {
    public static let schema = "council_seats"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "since") public var since: Date

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $organisationID, $userID, $since] }

    public init() {}
}

/// A meeting of the council: its agenda, and its minutes once written, in Markdown;
/// members read it once it is published.
public final class CouncilMeeting: Model, @unchecked Sendable {
    public static let schema = "council_meetings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "title") public var title: String
    @Field(key: "held_on") public var heldOn: Date
    @Field(key: "agenda") public var agenda: String
    /// Empty until written.
    @Field(key: "minutes") public var minutes: String
    @OptionalField(key: "published_at") public var publishedAt: Date?
    @OptionalField(key: "updated_by") public var updatedBy: UUID?
    @Field(key: "updated_at") public var updatedAt: Date

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $title, $heldOn, $agenda, $minutes, $publishedAt, $updatedBy, $updatedAt] }

    public init() {}
}
