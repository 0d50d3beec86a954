import Fluent
import FluentSQL

/// The outcome of a run's latest placement (1: a place, 0: the waiting list), written by the
/// placement UPDATE itself so that one statement both decides and reports (see
/// `BookingStore.placementUpdate`).
struct AddPlacementOutcome: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Run.schema).field("last_placement_confirmed", .int, .required, .sql(.default(0))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Run.schema).deleteField("last_placement_confirmed").update()
    }
}
