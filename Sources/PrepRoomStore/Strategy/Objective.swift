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

    public init() {}
    public init(_ facts: ObjectiveFacts, position: Int, isPublic: Bool = true) {
        code = facts.code; workstream = facts.workstream; title = facts.title; lead = facts.lead
        horizon = facts.horizon; status = facts.status; self.isPublic = isPublic; self.position = position
    }
}

struct CreateObjectives: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Objective.schema)
            .id()
            .field("code", .string, .required)
            .field("workstream", .string, .required)
            .field("title", .string, .required)
            .field("lead", .string, .required)
            .field("horizon", .string, .required)
            .field("status", .string, .required)
            .field("is_public", .bool, .required)
            .field("position", .int, .required)
            .unique(on: "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Objective.schema).delete()
    }
}
