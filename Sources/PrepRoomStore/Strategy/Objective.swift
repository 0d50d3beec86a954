import Fluent
import Foundation
import PrepRoomCore

/// A strategic objective (T1..T10) with its current status.
public final class Objective: Model, @unchecked Sendable {
    public static let schema = "objectives"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "workstream") public var workstream: String
    @Field(key: "title") public var title: String
    @Field(key: "lead") public var lead: String
    @Enum(key: "horizon") public var horizon: Horizon
    @Enum(key: "status") public var status: ObjectiveStatus
    @Field(key: "is_public") public var isPublic: Bool
    /// Order within the workstream, as Figure 1 lists them.
    @Field(key: "position") public var position: Int

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $code, $workstream, $title, $lead, $horizon, $status, $isPublic, $position] }

    public init() {}
    public init(_ facts: ObjectiveFacts, position: Int, isPublic: Bool = true) {
        code = facts.code; workstream = facts.workstream; title = facts.title; lead = facts.lead
        horizon = facts.horizon; status = facts.status; self.isPublic = isPublic; self.position = position
    }
}

/// One dated entry in an objective's history: the status it moved to, and why.
public final class ObjectiveStatusChange: Model, @unchecked Sendable {
    public static let schema = "objective_status_changes"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "objective_id") public var objective: Objective
    @OptionalEnum(key: "from_status") public var from: ObjectiveStatus?
    @Enum(key: "to_status") public var to: ObjectiveStatus
    @Field(key: "note") public var note: String
    @OptionalField(key: "changed_by") public var changedBy: UUID?
    @Field(key: "changed_by_name") public var changedByName: String
    @Field(key: "changed_at") public var changedAt: Date

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $objective, $from, $to, $note, $changedBy, $changedByName, $changedAt] }

    public init() {}
    public init(objectiveID: UUID, from: ObjectiveStatus?, to: ObjectiveStatus, note: String, by: UUID?, name: String, at: Date) {
        self.$objective.id = objectiveID; self.from = from; self.to = to; self.note = note
        self.changedBy = by; self.changedByName = name; self.changedAt = at
    }
}

extension ObjectiveStatusChange {
    /// The first entry of every objective: its status in Figure 1 of the 2024 CEO introduction.
    public static let figureOneNote = "Status as reported in Figure 1 of the 2024 CEO introduction."
    public static let figureOneDate = ServiceTime.london(2024, 1, 1) // assumed: the day; the texts give the year
}
