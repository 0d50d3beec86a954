import Fluent

/// When a person last signed in (the inactive-accounts review counts from it) and when an
/// account was erased (`Erasure`). One column per ALTER TABLE: SQLite adds only one at a time.
struct AddAccountActivity: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema).field("last_signed_in_at", .datetime).update()
        try await database.schema(User.schema).field("erased_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).deleteField("erased_at").update()
        try await database.schema(User.schema).deleteField("last_signed_in_at").update()
    }
}
