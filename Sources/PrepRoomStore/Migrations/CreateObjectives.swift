import Fluent
import Foundation
import PrepRoomCore

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
