import Fluent
import Foundation
import SQLKit

/// The links that reset a forgotten password (`PasswordResetRules`): only the digest of
/// each link's token is kept, so the table read by someone else opens no account.
public enum PasswordResetStore {
    static let table = "password_resets"
    private static func sql(_ db: any Database) -> any SQLDatabase { db as! any SQLDatabase }

    /// When the person was last sent a link, if they ever were (and it has not been used).
    public static func lastIssued(to userID: UUID, on db: any Database) async throws -> Date? {
        struct Row: Decodable { var createdAt: Date }
        return try await sql(db).raw("""
            SELECT created_at FROM password_resets WHERE user_id = \(bind: userID) ORDER BY created_at DESC LIMIT 1
            """).first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)?.createdAt
    }

    public static func issue(to userID: UUID, digest: String, now: Date, expiresAt: Date, on db: any Database) async throws {
        try await sql(db).raw("""
            INSERT INTO password_resets (id, user_id, digest, created_at, expires_at)
            VALUES (\(bind: UUID()), \(bind: userID), \(bind: digest), \(bind: now), \(bind: expiresAt))
            """).run()
    }

    /// Whose link this is, while it works.
    public static func holder(of digest: String, now: Date, on db: any Database) async throws -> UUID? {
        struct Row: Decodable { var userId: UUID }
        return try await sql(db).raw("""
            SELECT user_id FROM password_resets WHERE digest = \(bind: digest) AND expires_at > \(bind: now)
            """).first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)?.userId
    }

    /// Uses the link up: it is deleted, with every other link of the same person, and the
    /// holder returned. Of two requests racing with one link only one gets a holder back.
    public static func redeem(_ digest: String, now: Date, on db: any Database) async throws -> UUID? {
        struct Row: Decodable { var userId: UUID }
        guard let holder = try await sql(db).raw("""
            DELETE FROM password_resets WHERE digest = \(bind: digest) AND expires_at > \(bind: now) RETURNING user_id
            """).first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)?.userId else { return nil }
        try await sql(db).raw("DELETE FROM password_resets WHERE user_id = \(bind: holder)").run()
        return holder
    }

    /// Removes links that have expired; returns how many.
    public static func prune(now: Date, on db: any Database) async throws -> Int {
        try await sql(db).raw("DELETE FROM password_resets WHERE expires_at <= \(bind: now) RETURNING id").all().count
    }
}
