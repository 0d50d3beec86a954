import Foundation

/// Slows password guessing: after `limit` failures for one email (or from one address)
/// inside `window`, further attempts are refused until the oldest failure ages out.
/// The failures themselves live in the database so every server instance agrees.
public struct SignInThrottle: Sendable {
    public var limit: Int
    public var window: TimeInterval

    public init(limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    public func windowStart(now: Date) -> Date { now.addingTimeInterval(-window) }

    /// `failures` are the times of recent failed attempts for this email or address.
    /// Returns nil when an attempt may proceed, else when the next one will be allowed.
    public func retryAfter(failures: [Date], now: Date) -> Date? {
        let recent = failures.filter { $0 > windowStart(now: now) }.sorted()
        guard recent.count >= limit else { return nil }
        return recent[recent.count - limit].addingTimeInterval(window)
    }
}
