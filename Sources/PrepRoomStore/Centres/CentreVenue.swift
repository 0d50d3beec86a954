import Fluent
import Foundation
import PrepRoomCore

/// A place where a centre delivers courses.
public final class CentreVenue: Model, @unchecked Sendable {
    public static let schema = "centre_venues"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "centre_id") public var centre: Centre
    @Field(key: "name") public var name: String

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $centre, $name] }

    public init() {}
    public init(centreID: UUID, name: String) { self.$centre.id = centreID; self.name = name }
}
