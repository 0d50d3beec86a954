import Fluent
import SQLKit
import PrepRoomCore
import PrepRoomStore
import Vapor

extension User: Authenticatable {}

/// Signs in the person behind a request: a bearer token (API clients) or the browser
/// session (browsers). Only approved accounts are ever signed in; a session whose account
/// is no longer approved (disabled, say) ends here.
struct Authentication: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            guard let user = try await Tokens.user(for: bearer.token, on: request.db) else {
                throw ServiceError(.unauthorized, "invalid_token", "The bearer token is unknown, revoked or has expired.")
            }
            request.auth.login(user)
        } else if let id = request.browserSession.userID {
            if let user = try await User.find(id, on: request.db), user.status == .approved {
                request.auth.login(user)
            } else {
                request.browserSession.end()
            }
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    var currentUser: User? { auth.get(User.self) }

    /// The signed-in person, or 401 (API) / a redirect to sign in (pages).
    func requireUser() throws -> User {
        guard let user = currentUser else { throw ServiceError.signInRequired }
        return user
    }

    /// The signed-in person if `allowed` says their roles may do this, else 403.
    @discardableResult
    func require(_ allowed: (Permissions) -> Bool, _ message: String = "Your account is not allowed to do this.") throws -> User {
        let user = try requireUser()
        guard allowed(user.permissions) else { throw ServiceError.forbidden(message) }
        return user
    }

    /// Whether the request came with a bearer token (API clients need no CSRF token).
    var usesBearerToken: Bool { headers.bearerAuthorization != nil }
}

/// Bearer tokens: random 32 bytes shown once; only their digest is stored. They expire,
/// and their holder lists and revokes them (`/me/security`, `/api/v1/tokens`).
enum Tokens {
    static let lifetime: TimeInterval = 30 * 86_400

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hex
    }

    /// 32 random bytes, URL-safe base64: for tokens, session and device cookies.
    static func random() -> String {
        [UInt8].random(count: 32).base64
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func issue(for user: User, label: String? = nil, on db: any Database) async throws -> String {
        let token = random()
        try await UserToken(digest: digest(token), userID: user.requireID(), expiresAt: Date().addingTimeInterval(lifetime), label: label)
            .create(on: db)
        return token
    }

    /// One plain join per API request: Fluent's model loading, reflective, cost more than
    /// the query itself on this path (Benchmarks/README.md).
    static func user(for token: String, on db: any Database) async throws -> User? {
        struct Row: Decodable {
            var id: UUID, email: String, name: String, passwordHash: String, roles: String, status: AccountStatus
            var organisationId: UUID?, centreId: UUID?
        }
        guard token.count <= 64 else { return nil }
        guard let row = try await (db as! any SQLDatabase).select()
            .columns(SQLColumn("id", table: "users"), SQLColumn("email", table: "users"), SQLColumn("name", table: "users"),
                     SQLColumn("password_hash", table: "users"), SQLColumn("roles", table: "users"), SQLColumn("status", table: "users"),
                     SQLColumn("organisation_id", table: "users"), SQLColumn("centre_id", table: "users"))
            .from(UserToken.schema)
            .join(User.schema, on: SQLColumn("user_id", table: UserToken.schema), .equal, SQLColumn("id", table: User.schema))
            .where(SQLColumn("digest", table: UserToken.schema), .equal, SQLBind(digest(token)))
            .where(SQLColumn("expires_at", table: UserToken.schema), .greaterThan, SQLBind(Date()))
            .first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase),
            row.status == .approved
        else { return nil }
        let user = User(id: row.id, email: row.email, name: row.name, passwordHash: row.passwordHash,
                        roles: Role.decodeList(row.roles), status: row.status, organisationID: row.organisationId)
        user.$centre.id = row.centreId
        user.$id.exists = true
        return user
    }

    /// Revokes one of the person's own tokens; 404 for any other id, theirs or not, so
    /// nobody learns which ids exist.
    static func revoke(_ id: UUID?, of user: User, on db: any Database) async throws {
        guard let id, let token = try await UserToken.query(on: db).filter(\.$id == id).filter(\.$user.$id == user.requireID()).first()
        else { throw ServiceError.notFound("token") }
        try await token.delete(on: db)
    }

    /// The person's live tokens, newest first.
    static func live(of user: User, on db: any Database) async throws -> [UserToken] {
        try await UserToken.query(on: db).filter(\.$user.$id == user.requireID()).filter(\.$expiresAt > Date())
            .sort(\.$createdAt, .descending).all()
    }

    /// The token the request came with, as stored.
    static func current(_ req: Request) -> String? {
        req.headers.bearerAuthorization.map { digest($0.token) }
    }
}
