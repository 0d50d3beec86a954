import Fluent
import Foundation
import SQLKit

/// Email addresses waiting to be confirmed from a link sent to them; only the digest of the
/// link's token is kept, as for password resets.
public enum EmailChangeStore {
    static let table = "email_changes"
    private static func sql(_ db: any Database) -> any SQLDatabase { db as! any SQLDatabase }

    /// Records the request, replacing any earlier one of the person.
    public static func request(for userID: UUID, newEmail: String, digest: String, now: Date, expiresAt: Date, on db: any Database) async throws {
        try await sql(db).raw("DELETE FROM email_changes WHERE user_id = \(bind: userID)").run()
        try await sql(db).raw("""
            INSERT INTO email_changes (id, user_id, new_email, digest, created_at, expires_at)
            VALUES (\(bind: UUID()), \(bind: userID), \(bind: newEmail), \(bind: digest), \(bind: now), \(bind: expiresAt))
            """).run()
    }

    public struct Pending: Sendable { public var userID: UUID; public var newEmail: String }

    public static func pending(_ digest: String, now: Date, on db: any Database) async throws -> Pending? {
        struct Row: Decodable { var userId: UUID; var newEmail: String }
        return try await sql(db).raw("""
            SELECT user_id, new_email FROM email_changes WHERE digest = \(bind: digest) AND expires_at > \(bind: now)
            """).first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase).map { Pending(userID: $0.userId, newEmail: $0.newEmail) }
    }

    /// Uses the link up; of two uses at once only one gets the change back.
    public static func redeem(_ digest: String, now: Date, on db: any Database) async throws -> Pending? {
        struct Row: Decodable { var userId: UUID; var newEmail: String }
        return try await sql(db).raw("""
            DELETE FROM email_changes WHERE digest = \(bind: digest) AND expires_at > \(bind: now) RETURNING user_id, new_email
            """).first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase).map { Pending(userID: $0.userId, newEmail: $0.newEmail) }
    }

    public static func prune(now: Date, on db: any Database) async throws -> Int {
        try await sql(db).raw("DELETE FROM email_changes WHERE expires_at <= \(bind: now) RETURNING id").all().count
    }
}
