import Fluent

struct CreateAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .id()
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("password_hash", .string, .required)
            .field("roles", .string, .required)
            .field("status", .string, .required)
            .field("organisation_id", .uuid, .references(Organisation.schema, "id"))
            .field("centre_id", .uuid, .references(Centre.schema, "id"))
            .field("created_at", .datetime)
            .field("approved_at", .datetime)
            .unique(on: "email")
            .create()
        try await database.schema(UserToken.schema)
            .id()
            .field("digest", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("created_at", .datetime)
            .field("expires_at", .datetime, .required)
            .unique(on: "digest")
            .create()
        try await database.schema(SignInFailure.schema)
            .id()
            .field("email", .string, .required)
            .field("address", .string, .required)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SignInFailure.schema).delete()
        try await database.schema(UserToken.schema).delete()
        try await database.schema(User.schema).delete()
    }
}
