import Foundation

/// How many requests of one kind one client may make in a window. Past it the answer is
/// 429 with `Retry-After`, and nothing is done.
public struct RateLimit: Sendable, Equatable {
    public var name: String
    public var limit: Int
    public var windowSeconds: Int

    public init(_ name: String, limit: Int, per windowSeconds: Int) {
        self.name = name; self.limit = limit; self.windowSeconds = windowSeconds
    }

    /// Registrations from one address: a school registering its staff fits; a script does not.
    public static let registration = RateLimit("registration", limit: 20, per: 3600)
    /// Requests for a password reset link from one address (each account also gets at
    /// most one email every `PasswordResetRules.resendInterval`).
    public static let passwordReset = RateLimit("password-reset", limit: 20, per: 3600)
    /// Sign-in attempts from one address, right or wrong (a school shares one NAT address).
    public static let signIn = RateLimit("sign-in", limit: 120, per: 300)
    /// API requests per bearer token, and per address for requests without one.
    public static let apiPerToken = RateLimit("api-token", limit: 1200, per: 60)
    public static let apiPerAddress = RateLimit("api-address", limit: 600, per: 60)

    public func allows(hits: Int) -> Bool { hits <= limit }
}
