import Fluent
import Foundation
import PrepRoomCore

/// The history table, begun with each objective's status as Figure 1 gives it.
struct CreateObjectiveHistory: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ObjectiveStatusChange.schema)
            .id()
            .field("objective_id", .uuid, .required, .references(Objective.schema, "id", onDelete: .cascade))
            .field("from_status", .string)
            .field("to_status", .string, .required)
            .field("note", .string, .required)
            .field("changed_by", .uuid)
            .field("changed_by_name", .string, .required)
            .field("changed_at", .datetime, .required)
            .create()
        for objective in try await Objective.query(on: database).all() {
            try await ObjectiveStatusChange(objectiveID: try objective.requireID(), from: nil, to: objective.status,
                                            note: ObjectiveStatusChange.figureOneNote, by: nil, name: "PrepRoom",
                                            at: ObjectiveStatusChange.figureOneDate).create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ObjectiveStatusChange.schema).delete()
    }
}
