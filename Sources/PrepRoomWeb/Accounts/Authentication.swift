import Fluent
import SQLKit
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
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
            // Read with the session when it was loaded (`BrowserSessionStore.live`).
            var user = request.browserSession.loadedAccount.flatMap { $0.id == id ? $0 : nil }
            if user == nil { user = try await UserStore.approvedUser(id: id, on: request.db) }
            if let user {
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

extension Tokens {
    /// The token the request came with, as stored.
    static func current(_ req: Request) -> String? {
        req.headers.bearerAuthorization.map { digest($0.token) }
    }
}
