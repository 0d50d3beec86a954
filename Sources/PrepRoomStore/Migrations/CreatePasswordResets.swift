import Fluent
import SQLKit

/// The emailed links that reset a forgotten password (`PasswordResetStore`). A person's
/// links go with their account.
struct CreatePasswordResets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PasswordResetStore.table)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("digest", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "digest")
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX password_resets_user ON password_resets (user_id, created_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX password_resets_user").run()
        try await database.schema(PasswordResetStore.table).delete()
    }
}
