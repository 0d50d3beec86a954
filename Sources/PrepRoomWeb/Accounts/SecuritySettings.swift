import NIOConcurrencyHelpers
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// The security settings of a running app, fixed at start-up.
struct SecuritySettings: Sendable {
    var sessionPolicy: SessionPolicy
    var secureCookies: Bool
    /// Take the client's address from `X-Forwarded-For` (behind a proxy of one's own).
    var trustProxy: Bool
    /// Off only for load tests that sign in thousands of people from one address.
    var rateLimits: Bool
    /// The API's own limits (tests lower them to reach them quickly).
    var apiPerToken = RateLimit.apiPerToken
    var apiPerAddress = RateLimit.apiPerAddress
    /// Sign-in allowances and waits (tests lengthen the first wait, so a slow machine
    /// cannot outlast it in the middle of an attack they stage).
    var signInThrottle = SignInThrottle()
    /// A real hash of nothing in particular, checked against when an email has no account.
    var dummyPasswordHash: String
}

extension Application {
    private struct SecurityKey: StorageKey { typealias Value = SecuritySettings }

    var security: SecuritySettings {
        get {
            storage[SecurityKey.self] ?? SecuritySettings(sessionPolicy: SessionPolicy(), secureCookies: false, trustProxy: false,
                                                          rateLimits: true, dummyPasswordHash: "")
        }
        set { storage[SecurityKey.self] = newValue }
    }

    private struct InstanceLimiterKey: StorageKey { typealias Value = InstanceRateLimiter }

    var instanceRateLimiter: InstanceRateLimiter {
        if let limiter = storage[InstanceLimiterKey.self] { return limiter }
        let limiter = InstanceRateLimiter()
        storage[InstanceLimiterKey.self] = limiter
        return limiter
    }
}

extension Request {
    /// The client's address, for throttling. Behind a proxy (PREPROOM_TRUST_PROXY=1) the
    /// address the proxy saw: the last one it appended to `X-Forwarded-For`.
    var clientAddress: String {
        if application.security.trustProxy {
            if let forwarded = headers.forwarded.last?.for { return forwarded }
            if let chain = headers.first(name: "X-Forwarded-For"),
               let last = chain.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
                return String(last.prefix(64))
            }
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }

    /// Counts this request against `limit` for one person (`key`), in the database so
    /// every instance counts the same; 429 with `Retry-After` past it.
    func enforce(_ limit: RateLimit, person key: UUID?) async throws {
        guard application.security.rateLimits, let key else { return }
        let (hits, ends) = try await RateCounters.hit("\(limit.name):\(key)", windowSeconds: limit.windowSeconds, on: db)
        guard limit.allows(hits: hits) else {
            throw ServiceError.tooManyRequests("You have posted a lot in a short time. Try again after \(ServiceTime.clock(ends)).", until: ends)
        }
    }

    /// Counts this request against `limit` for its address, in the database so every
    /// instance counts the same; 429 with `Retry-After` past it.
    func enforce(_ limit: RateLimit) async throws {
        guard application.security.rateLimits else { return }
        let (hits, ends) = try await RateCounters.hit("\(limit.name):\(clientAddress)", windowSeconds: limit.windowSeconds, on: db)
        guard limit.allows(hits: hits) else {
            throw ServiceError.tooManyRequests("Too many requests from your address. Try again after \(ServiceTime.clock(ends)).", until: ends)
        }
    }
}

/// Fixed-window counters held by this instance, for the API's general request limits.
/// A hit on every API request is too hot a path for a database write, so each instance
/// counts its own: behind a balancer of N instances a client may make up to N times the
/// limit. Registrations and sign-ins are counted in the database instead (`enforce`).
final class InstanceRateLimiter: Sendable {
    private struct Window { var start: Int; var hits: Int }
    private let windows = NIOLockedValueBox<[String: Window]>([:])
    private let capacity = 100_000

    /// The hits in the current window, this one included, and when the window ends.
    func hit(_ key: String, windowSeconds: Int, now: Date = Date()) -> (hits: Int, windowEnds: Date) {
        let start = Int(now.timeIntervalSince1970) / windowSeconds * windowSeconds
        let hits = windows.withLockedValue { all -> Int in
            if all.count >= capacity { all = all.filter { $0.value.start == start } }
            var window = all[key] ?? Window(start: start, hits: 0)
            if window.start != start { window = Window(start: start, hits: 0) }
            window.hits += 1
            all[key] = window
            return window.hits
        }
        return (hits, Date(timeIntervalSince1970: TimeInterval(start + windowSeconds)))
    }
}

/// The API's request limits: per bearer token, or per address without one.
struct APIRateLimits: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.application.security.rateLimits, request.url.path.hasPrefix(SiteURL.apiDocumentation.path) else {
            return try await next.respond(to: request)
        }
        let settings = request.application.security
        let (limit, key) = request.headers.bearerAuthorization.map { (settings.apiPerToken, "t:" + Tokens.digest($0.token)) }
            ?? (settings.apiPerAddress, "a:" + request.clientAddress)
        let (hits, ends) = request.application.instanceRateLimiter.hit(key, windowSeconds: limit.windowSeconds)
        guard limit.allows(hits: hits) else {
            throw ServiceError.tooManyRequests("Too many requests. Try again after \(ServiceTime.clock(ends)).", until: ends)
        }
        return try await next.respond(to: request)
    }
}
