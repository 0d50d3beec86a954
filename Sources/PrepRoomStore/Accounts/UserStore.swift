import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// Reading accounts.
public enum UserStore {
    /// The approved account holding a live token with this digest: one plain join per API
    /// request, since Fluent's reflective model loading cost more than the query itself on
    /// this path (Benchmarks/README.md).
    public static func approvedUser(tokenDigest digest: String, now: Date, on db: any Database) async throws -> User? {
        struct Row: Decodable {
            var id: UUID, email: String, name: String, passwordHash: String, roles: String, status: AccountStatus
            var organisationId: UUID?, centreId: UUID?
        }
        guard let row = try await (db as! any SQLDatabase).select()
            .columns(SQLColumn("id", table: "users"), SQLColumn("email", table: "users"), SQLColumn("name", table: "users"),
                     SQLColumn("password_hash", table: "users"), SQLColumn("roles", table: "users"), SQLColumn("status", table: "users"),
                     SQLColumn("organisation_id", table: "users"), SQLColumn("centre_id", table: "users"))
            .from(UserToken.schema)
            .join(User.schema, on: SQLColumn("user_id", table: UserToken.schema), .equal, SQLColumn("id", table: User.schema))
            .where(SQLColumn("digest", table: UserToken.schema), .equal, SQLBind(digest))
            .where(SQLColumn("expires_at", table: UserToken.schema), .greaterThan, SQLBind(now))
            .first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase),
            row.status == .approved
        else { return nil }
        let user = User(id: row.id, email: row.email, name: row.name, passwordHash: row.passwordHash,
                        roles: Role.decodeList(row.roles), status: row.status, organisationID: row.organisationId)
        user.$centre.id = row.centreId
        user.$id.exists = true
        return user
    }
}
