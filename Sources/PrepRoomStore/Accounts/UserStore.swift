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
        user.centreID = row.centreId
        user.$id.exists = true
        return user
    }

    /// The account of a browser session, if it is still approved.
    public static func approvedUser(id: UUID, on db: any Database) async throws -> User? {
        guard let user = try await User.find(id, on: db), user.status == .approved else { return nil }
        return user
    }

    public static func find(_ id: UUID, on db: any Database) async throws -> User? {
        try await User.find(id, on: db)
    }

    /// Registrations waiting for an admin, oldest first.
    public static func pending(on db: any Database) async throws -> [User] {
        try await User.query(on: db).filter(\.$status == .pending).sort(\.$createdAt).all()
    }

    /// Every account that is not waiting, by name, for the admins' page.
    public static func decided(limit: Int, on db: any Database) async throws -> [User] {
        try await User.query(on: db).filter(\.$status != .pending).sort(\.$name).limit(limit).all()
    }

    /// One page of accounts, oldest first, with the total that match.
    public static func page(status: AccountStatus?, _ page: Pagination, on db: any Database) async throws -> (items: [User], total: Int) {
        let query = User.query(on: db)
        if let status { query.filter(\.$status == status) }
        let total = try await query.count()
        let users = try await query.sort(\.$createdAt).range(page.offset..<(page.offset + page.limit)).all()
        return (users, total)
    }

    /// The accounts of these ids (an audit page names its actors).
    public static func named(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: User] {
        guard !ids.isEmpty else { return [:] }
        let users = try await User.query(on: db).filter(\.$id ~~ Array(ids)).all()
        return Dictionary(users.compactMap { user in user.id.map { ($0, user) } }, uniquingKeysWith: { first, _ in first })
    }
}
