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
        try await (db as! any SQLDatabase).raw("""
            SELECT \(unsafeRaw: AccountRow.columns) FROM user_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.digest = \(bind: digest) AND t.expires_at > \(bind: now)
            """).first().flatMap(AccountRow.init)?.approvedUser
    }

    /// The account of a browser session, if it is still approved.
    public static func approvedUser(id: UUID, on db: any Database) async throws -> User? {
        try await (db as! any SQLDatabase).raw("""
            SELECT \(unsafeRaw: AccountRow.columns) FROM users u WHERE u.id = \(bind: id)
            """).first().flatMap(AccountRow.init)?.approvedUser
    }

    /// An account as the sign-in lookups read it (the token's here, the browser session's in
    /// `BrowserSessionStore.live`). They run before every signed-in request, so they are
    /// plain statements read column by column: Fluent's models, and SQLKit's Codable
    /// decoder with snake-case keys, cost more than the statement itself on this path
    /// (Benchmarks/README.md, "Signed-in pages").
    struct AccountRow {
        /// The columns of `users u` that fill it (a constant: nothing from a request).
        static let columns = """
            u.id, u.email, u.name, u.password_hash, u.roles, u.status, u.organisation_id, u.centre_id,
            u.created_at, u.approved_at, u.disabled_reason, u.email_opt_outs
            """
        let user: User

        init(_ row: any SQLRow) throws {
            let user = User(id: try row.decode(column: "id", as: UUID.self), email: try row.decode(column: "email", as: String.self),
                            name: try row.decode(column: "name", as: String.self),
                            passwordHash: try row.decode(column: "password_hash", as: String.self),
                            roles: Role.decodeList(try row.decode(column: "roles", as: String.self)),
                            status: try row.decode(column: "status", as: AccountStatus.self), organisationID: try row.optional("organisation_id", as: UUID.self))
            user.centreID = try row.optional("centre_id", as: UUID.self)
            user.createdAt = try row.optional("created_at", as: Date.self)
            user.approvedAt = try row.optional("approved_at", as: Date.self)
            user.disabledReason = try row.optional("disabled_reason", as: String.self)
            user.emailOptOuts = try row.optional("email_opt_outs", as: String.self)
            user.$id.exists = true
            self.user = user
        }

        /// The account if it may act: approved.
        var approvedUser: User? { user.status == .approved ? user : nil }
    }

    /// A person's API tokens that have not expired, newest first (their security page).
    public static func liveTokens(of userID: UUID, now: Date, on db: any Database) async throws -> [UserToken] {
        try await (db as! any SQLDatabase).models(UserToken.self, """
            SELECT * FROM user_tokens WHERE user_id = \(bind: userID) AND expires_at > \(bind: now) ORDER BY created_at DESC
            """)
    }

    public static func find(_ id: UUID, on db: any Database) async throws -> User? {
        try await User.find(id, on: db)
    }

    /// The account with this address, however it was typed (`RegistrationForm.normalise`).
    public static func find(email: String, on db: any Database) async throws -> User? {
        try await User.query(on: db).filter(\.$email == RegistrationForm.normalise(email)).first()
    }

    /// The approved admins (the last of them may not lose the role or be erased).
    public static func approvedAdmins(on db: any Database) async throws -> [User] {
        try await User.query(on: db).filter(\.$status == .approved)
            .filter(\.$roleList, .contains(inverse: false, .anywhere), Role.admin.rawValue).all()
            .filter { $0.roles.contains(.admin) }
    }

    /// Notes a successful sign-in, which the inactive-accounts review counts from.
    public static func signedIn(_ id: UUID, at now: Date, on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("UPDATE users SET last_signed_in_at = \(bind: now) WHERE id = \(bind: id)").run()
    }

    /// Registrations waiting for an admin, oldest first.
    public static func pending(on db: any Database) async throws -> [User] {
        try await User.query(on: db).filter(\.$status == .pending).sort(\.$createdAt).all()
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
