import NIOConcurrencyHelpers
import PrepRoomServices
import Vapor

/// Counts the requests being answered, so that on SIGTERM the process waits for them to
/// finish before it closes the databases: a request still running when they close would
/// otherwise stop the process (Fluent's `req.db` force-unwraps a database that is gone).
final class InFlightRequests: AsyncMiddleware, Sendable {
    private let count = NIOLockedValueBox(0)

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        count.withLockedValue { $0 += 1 }
        defer { count.withLockedValue { $0 -= 1 } }
        return try await next.respond(to: request)
    }

    var current: Int { count.withLockedValue { $0 } }

    /// Returns once nothing is in flight, or after `limit`; true if everything finished.
    func drain(within limit: Duration = .seconds(30)) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while current > 0 {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }
}

extension Application {
    private struct InFlightKey: StorageKey { typealias Value = InFlightRequests }

    var inFlightRequests: InFlightRequests {
        if let existing = storage[InFlightKey.self] { return existing }
        let made = InFlightRequests()
        storage[InFlightKey.self] = made
        return made
    }
}
