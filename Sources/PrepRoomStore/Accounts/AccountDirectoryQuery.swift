import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// One account as the admins' list shows it.
public struct AccountListing: Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var email: String
    public var roles: [Role]
    public var status: AccountStatus
    public var createdAt: Date?
    /// The last sign-in, where the inactive-accounts review lists it.
    public var lastSignedInAt: Date? = nil
}

/// The admins' accounts page, one page at a time. The service holds a national workforce
/// (100,000 accounts in `Benchmarks/pages --data tenyear`): listing them all took 2.6 s,
/// so the decided accounts are read a page at a time in name order from `users_name`, and
/// a page asks for one row more than it shows instead of counting every account.
public enum AccountDirectoryQuery {
    /// How many registrations wait for an admin (the staff home shows the number alone).
    public static func waitingCount(on db: any Database) async throws -> Int {
        try await (db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM users WHERE status = 'pending'").first()?
            .decode(column: "n", as: Int.self) ?? 0
    }

    /// Registrations waiting for an admin, oldest first: at most `limit`, and how many wait.
    public static func waiting(limit: Int, on db: any Database) async throws -> (items: [AccountListing], total: Int) {
        let sql = db as! any SQLDatabase
        let total = try await waitingCount(on: db)
        let rows = try await sql.raw("""
            SELECT \(unsafeRaw: Row.columns) FROM users WHERE status = 'pending' ORDER BY created_at, id LIMIT \(bind: limit)
            """).all().map(Row.init)
        return (rows.map(\.listing), total)
    }

    /// Every account that is not waiting, by name then email, optionally only those whose
    /// name or email contains every word of `search` (case-insensitive); one page, and
    /// whether another follows.
    public static func decided(matching search: String?, _ page: Pagination, on db: any Database) async throws
        -> (items: [AccountListing], hasMore: Bool) {
        let sql = db as! any SQLDatabase
        let query = sql.select().columns(Row.columnList.map { SQLColumn($0) }).from(User.schema)
            .where("status", .notEqual, SQLBind(AccountStatus.pending.rawValue))
        for word in Self.words(search) {
            let pattern = "%" + PortableSQL.likeEscaped(word) + "%"
            query.where(SQLQueryString(
                "(LOWER(name) LIKE \(bind: pattern) ESCAPE '!' OR LOWER(email) LIKE \(bind: pattern) ESCAPE '!')"))
        }
        let rows = try await query.orderBy("name").orderBy("email").limit(page.limit + 1).offset(page.offset)
            .all().map(Row.init)
        return (rows.prefix(page.limit).map(\.listing), rows.count > page.limit)
    }

    /// Approved and disabled accounts with no sign-in since `cutoff` (counted from
    /// registration for those who never signed in), longest unused first: one page, and how
    /// many there are.
    public static func inactive(before cutoff: Date, _ page: Pagination, on db: any Database) async throws
        -> (items: [AccountListing], total: Int) {
        struct Inactive: Decodable {
            var id: UUID, name: String, email: String, roles: String, status: AccountStatus, createdAt: Date?, lastSignedInAt: Date?
        }
        struct Count: Decodable { var n: Int }
        let sql = db as! any SQLDatabase
        let filter: SQLQueryString = "status IN ('approved', 'disabled') AND COALESCE(last_signed_in_at, created_at) < \(bind: cutoff)"
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM users WHERE \(filter)").first(decoding: Count.self)?.n ?? 0
        let rows = try await sql.raw("""
            SELECT id, name, email, roles, status, created_at, last_signed_in_at FROM users WHERE \(filter)
            ORDER BY COALESCE(last_signed_in_at, created_at), id LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)
            """).all(decoding: Inactive.self, keyDecodingStrategy: .convertFromSnakeCase)
        return (rows.map {
            AccountListing(id: $0.id, name: $0.name, email: $0.email, roles: Role.decodeList($0.roles), status: $0.status,
                           createdAt: $0.createdAt, lastSignedInAt: $0.lastSignedInAt)
        }, total)
    }

    /// The words of a search, lower-cased; at most eight, so a pasted essay stays one query.
    static func words(_ search: String?) -> [String] {
        (search ?? "").lowercased().split(whereSeparator: \.isWhitespace).prefix(8).map(String.init)
    }

    /// A `users` row, read column by column (SQLKit's Codable decoding with snake-case keys
    /// cost more than the statement).
    private struct Row {
        var id: UUID, name: String, email: String, roles: String, status: AccountStatus, createdAt: Date?
        init(_ row: any SQLRow) throws {
            id = try row.decode(column: "id", as: UUID.self); name = try row.decode(column: "name", as: String.self)
            email = try row.decode(column: "email", as: String.self); roles = try row.decode(column: "roles", as: String.self)
            status = try row.decode(column: "status", as: AccountStatus.self); createdAt = try row.optional("created_at", as: Date.self)
        }
        static let columnList = ["id", "name", "email", "roles", "status", "created_at"]
        /// A constant, never anything from a request.
        static let columns = columnList.joined(separator: ", ")
        var listing: AccountListing {
            AccountListing(id: id, name: name, email: email, roles: Role.decodeList(roles), status: status, createdAt: createdAt)
        }
    }
}
