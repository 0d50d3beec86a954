import Fluent
import Foundation
import SQLKit

/// Sessions that end (idle and absolute timeouts), tokens that can be revoked and end,
/// throttling by account and context, request rate counters shared by every instance, and
/// accounts that can be disabled. Vapor's own session table is replaced: its rows had no
/// times to expire by, and any request with an unknown cookie created one.
struct CreateSignInSecurity: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SignInContext.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("digest", .string, .required)
            .field("last_used_at", .datetime, .required)
            .unique(on: "user_id", "kind", "digest")
            .create()
        try await database.schema(BrowserSessionRecord.schema)
            .id()
            .field("digest", .string, .required)
            .field("user_id", .uuid, .references(User.schema, "id", onDelete: .cascade))
            .field("data", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("user_agent", .string)
            .unique(on: "digest")
            .create()
        try await database.schema("rate_counters")
            .field("bucket", .string, .identifier(auto: false))
            .field("window_start", .int64, .required)
            .field("hits", .int64, .required)
            .create()
        try await database.schema(SignInFailure.schema).field("device", .string).update()
        try await database.schema(UserToken.schema).field("label", .string).update()
        try await database.schema(User.schema).field("disabled_reason", .string).update()
        try await SessionRecord.migration.revert(on: database).get()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX sign_in_failures_email ON sign_in_failures (email, at)").run()
        try await sql.raw("CREATE INDEX sign_in_failures_address ON sign_in_failures (address, at)").run()
        try await sql.raw("CREATE INDEX browser_sessions_user ON browser_sessions (user_id)").run()
        try await sql.raw("CREATE INDEX user_tokens_user ON user_tokens (user_id)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in ["user_tokens_user", "browser_sessions_user", "sign_in_failures_address", "sign_in_failures_email"] {
            try await sql.raw("DROP INDEX \(unsafeRaw: index)").run()
        }
        try await SessionRecord.migration.prepare(on: database).get()
        try await database.schema(User.schema).deleteField("disabled_reason").update()
        try await database.schema(UserToken.schema).deleteField("label").update()
        try await database.schema(SignInFailure.schema).deleteField("device").update()
        try await database.schema("rate_counters").delete()
        try await database.schema(BrowserSessionRecord.schema).delete()
        try await database.schema(SignInContext.schema).delete()
    }
}
