import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// One request's view of its browser session: who is signed in and the few values kept
/// between requests. Nothing is stored until there is something to keep, so a visitor who
/// only reads pages (or sees a sign-in form) costs no row.
final class BrowserSession: @unchecked Sendable {
    fileprivate(set) var storedID: UUID?
    private(set) var userID: UUID?
    private var values: [String: String] = [:]
    fileprivate var lastSeenAt: Date?
    /// The approved account read with the stored session (`Authentication` uses it).
    private(set) var loadedAccount: User?
    /// Techné's unread notifications, read with the stored session (the menu's bell).
    var unreadNotifications = 0
    fileprivate var changed = false
    fileprivate var ended = false
    fileprivate var begun = false
    /// The request's cookie named a session that has ended (or never was).
    fileprivate var staleCookie = false

    /// There is a stored session (the request came with a live cookie).
    var isStored: Bool { storedID != nil }

    subscript(key: String) -> String? {
        get { values[key] }
        set {
            guard values[key] != newValue else { return }
            values[key] = newValue
            changed = true
        }
    }

    /// A fresh session for a person who has just signed in: a new token, so a token
    /// planted before sign-in is worthless after it, and a new CSRF token with it.
    func begin(for userID: UUID) {
        self.userID = userID
        loadedAccount = nil
        values = [:]
        begun = true
        changed = true
    }

    /// Signs out: the stored session is deleted and its cookie expired.
    func end() { ended = true }

    fileprivate func load(_ live: BrowserSessionStore.Live) {
        storedID = live.id; userID = live.userID; values = live.data; lastSeenAt = live.lastSeenAt
        loadedAccount = live.approvedAccount
        unreadNotifications = live.unreadNotifications
    }

    fileprivate var data: [String: String] { values }
}

extension Request {
    private struct BrowserSessionKey: StorageKey { typealias Value = BrowserSession }

    /// This request's session (an empty one outside `BrowserSessions`, as in a command).
    var browserSession: BrowserSession {
        if let session = storage[BrowserSessionKey.self] { return session }
        let session = BrowserSession()
        storage[BrowserSessionKey.self] = session
        return session
    }
}

/// Reads the session named by the cookie, ends it after the policy's idle or absolute
/// time, and writes back only what changed (or, at most once a minute, that it was seen).
struct BrowserSessions: AsyncMiddleware {
    static let cookieName = "preproom-session"
    let policy: SessionPolicy
    let secureCookies: Bool

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let session = request.browserSession
        if let token = request.cookies[Self.cookieName]?.string, !token.isEmpty {
            if token.count <= 64, let live = try await BrowserSessionStore.live(digest: Tokens.digest(token), policy: policy,
                                                                                now: Date(), on: request.db) {
                session.load(live)
            } else {
                session.staleCookie = true
            }
        }
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            // The error's page is made outside; keep what changed in a stored session.
            try? await persist(session, request: request, response: nil)
            throw error
        }
        try await persist(session, request: request, response: response)
        return response
    }

    private func persist(_ session: BrowserSession, request: Request, response: Response?) async throws {
        let now = Date()
        if session.ended {
            if let id = session.storedID { try await BrowserSessionStore.delete(id: id, on: request.db) }
            if session.storedID != nil || session.staleCookie { response?.cookies[Self.cookieName] = .expired }
            return
        }
        if session.begun || (session.storedID == nil && !session.data.isEmpty) {
            guard let response else { return }
            if let old = session.storedID { try await BrowserSessionStore.delete(id: old, on: request.db) }
            let token = Tokens.random()
            try await BrowserSessionStore.create(digest: Tokens.digest(token), userID: session.userID, data: session.data,
                                                 userAgent: request.headers.first(name: .userAgent), now: now, on: request.db)
            response.cookies[Self.cookieName] = HTTPCookies.Value(string: token, maxAge: Int(policy.absolute), path: "/",
                                                                  isSecure: secureCookies, isHTTPOnly: true, sameSite: .lax)
            return
        }
        if let id = session.storedID {
            if session.changed {
                try await BrowserSessionStore.save(id: id, userID: session.userID, data: session.data, now: now, on: request.db)
            } else if let seen = session.lastSeenAt, policy.needsTouch(lastSeenAt: seen, now: now) {
                try await BrowserSessionStore.touch(id: id, now: now, on: request.db)
            }
        } else if session.staleCookie {
            response?.cookies[Self.cookieName] = .expired
        }
    }
}
