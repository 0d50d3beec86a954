import Fluent
import Foundation
import PrepRoomCore

/// Removes what has ended: browser sessions past their idle or absolute time, expired API
/// tokens and password reset links, sign-in failures the throttle has forgotten, usual contexts unused for too long,
/// and spent rate counters. Each delete is idempotent, so every instance may run it.
public enum Housekeeping {
    public struct Report: Sendable, Equatable {
        public var sessions = 0, tokens = 0, failures = 0, contexts = 0, resetLinks = 0
        public init(sessions: Int = 0, tokens: Int = 0, failures: Int = 0, contexts: Int = 0, resetLinks: Int = 0) {
            self.sessions = sessions; self.tokens = tokens; self.failures = failures; self.contexts = contexts
            self.resetLinks = resetLinks
        }
    }

    public static func run(policy: SessionPolicy, throttle: SignInThrottle = SignInThrottle(), contextLifetime: TimeInterval,
                           now: Date = Date(), on db: any Database) async throws -> Report {
        var report = Report()
        report.sessions = try await BrowserSessionStore.prune(policy: policy, now: now, on: db)
        report.tokens = try await UserToken.query(on: db).filter(\.$expiresAt <= now).count()
        try await UserToken.query(on: db).filter(\.$expiresAt <= now).delete()
        let since = throttle.windowStart(now: now)
        report.failures = try await SignInFailure.query(on: db).filter(\.$at <= since).count()
        try await SignInFailure.query(on: db).filter(\.$at <= since).delete()
        let unused = now.addingTimeInterval(-contextLifetime)
        report.contexts = try await SignInContext.query(on: db).filter(\.$lastUsedAt <= unused).count()
        try await SignInContext.query(on: db).filter(\.$lastUsedAt <= unused).delete()
        report.resetLinks = try await PasswordResetStore.prune(now: now, on: db) + EmailChangeStore.prune(now: now, on: db)
        try await RateCounters.prune(before: now, on: db)
        return report
    }
}
