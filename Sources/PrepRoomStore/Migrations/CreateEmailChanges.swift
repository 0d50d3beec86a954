import Fluent

/// Email addresses waiting for confirmation from the link sent to them (`EmailChangeStore`).
struct CreateEmailChanges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EmailChangeStore.table)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("new_email", .string, .required)
            .field("digest", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "digest")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EmailChangeStore.table).delete()
    }
}
