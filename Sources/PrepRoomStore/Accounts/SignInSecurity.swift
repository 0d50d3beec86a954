import Fluent
import Foundation
import SQLKit

/// A browser or address an account signed in from before: its usual context, exempt from
/// the throttle that slows attempts from unknown contexts (`SignInThrottle`). Only digests
/// are kept: the device cookie's, and the address's.
public final class SignInContext: Model, @unchecked Sendable {
    public static let schema = "sign_in_contexts"

    public enum Kind: String, Codable, Sendable { case device, address }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: User
    @Enum(key: "kind") public var kind: Kind
    @Field(key: "digest") public var digest: String
    @Field(key: "last_used_at") public var lastUsedAt: Date

    public init() {}
    public init(userID: UUID, kind: Kind, digest: String, at: Date) {
        self.$user.id = userID; self.kind = kind; self.digest = digest; self.lastUsedAt = at
    }
}

/// A browser's session: who is signed in and the few values kept between its requests
/// (the CSRF token, a message for the next page). The cookie holds a random token; only
/// its digest is stored. Sessions end after `SessionPolicy`'s idle and absolute limits.
public final class BrowserSessionRecord: Model, @unchecked Sendable {
    public static let schema = "browser_sessions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "digest") public var digest: String
    @OptionalParent(key: "user_id") public var user: User?
    /// A JSON object of strings.
    @Field(key: "data") public var data: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "last_seen_at") public var lastSeenAt: Date
    /// The browser's own description, shortened, so a person can tell their sessions apart.
    @OptionalField(key: "user_agent") public var userAgent: String?

    public init() {}
    public init(digest: String, userID: UUID?, data: String, at: Date, userAgent: String?) {
        self.digest = digest; self.$user.id = userID; self.data = data
        self.createdAt = at; self.lastSeenAt = at; self.userAgent = userAgent
    }
}

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
