import Fluent
import Foundation
import PrepRoomCore

/// A dated change of a centre's status, with who made it and why.
public final class CentreStatusChange: Model, @unchecked Sendable {
    public static let schema = "centre_status_changes"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "centre_id") public var centre: Centre
    @OptionalEnum(key: "from_status") public var from: CentreStatus?
    @Enum(key: "to_status") public var to: CentreStatus
    @OptionalField(key: "reason") public var reason: String?
    @OptionalField(key: "changed_by") public var changedBy: UUID?
    @Field(key: "changed_at") public var changedAt: Date

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $centre, $from, $to, $reason, $changedBy, $changedAt] }

    public init() {}
    public init(centreID: UUID, from: CentreStatus?, to: CentreStatus, reason: String?, by: UUID?, at: Date) {
        self.$centre.id = centreID; self.from = from; self.to = to; self.reason = reason; self.changedBy = by; self.changedAt = at
    }
}
