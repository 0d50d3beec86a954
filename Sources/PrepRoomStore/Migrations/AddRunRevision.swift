import Fluent
import FluentSQL

/// A run's revision: one more with every change people can see on its public pages (its
/// details, its places, its status). The schedule's version, which keys the cached public
/// pages, sums them (`CatalogueQuery.scheduleVersion`).
struct AddRunRevision: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Run.schema).field("revision", .int, .required, .sql(.default(0))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Run.schema).deleteField("revision").update()
    }
}
