import Fluent

/// Enums are stored as plain strings: portable across SQLite and PostgreSQL and easy to extend.
struct CreateOrganisations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Organisation.schema)
            .id()
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .unique(on: "name")
            .create()
        try await database.schema(Centre.schema)
            .id()
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("local_authority_id", .uuid, .required, .references(Organisation.schema, "id"))
            .field("status", .string, .required)
            .field("venue", .string, .required)
            .field("contact_email", .string)
            .field("created_at", .datetime)
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Centre.schema).delete()
        try await database.schema(Organisation.schema).delete()
    }
}
