import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import SQLKit
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("Housekeeping")
struct HousekeepingTests {
    @Test func endedSessionsExpiredTokensAndOldFailuresGoLiveOnesStay() async throws {
        try await withPrepRoom { app in
            let user = try await makeUser(app, email: "tech@school.sch.uk", role: .technician)
            let policy = app.security.sessionPolicy
            let now = Date()
            _ = try await Tokens.issue(for: user, on: app.db)
            try await UserToken(digest: "expired", userID: user.requireID(), expiresAt: now.addingTimeInterval(-1)).create(on: app.db)
            try await BrowserSessionRecord(digest: "live", userID: user.requireID(), data: "{}", at: now, userAgent: nil).create(on: app.db)
            try await BrowserSessionRecord(digest: "idle", userID: user.requireID(), data: "{}", at: now.addingTimeInterval(-policy.idle - 1), userAgent: nil).create(on: app.db)
            try await SignInFailure(email: "x@y.z", address: "a", at: now.addingTimeInterval(-2 * 3600)).create(on: app.db)
            try await SignInFailure(email: "x@y.z", address: "a", at: now).create(on: app.db)
            let report = try await Housekeeping.run(policy: policy, contextLifetime: Accounts.usualContextLifetime, now: now, on: app.db)
            #expect(report == Housekeeping.Report(sessions: 1, tokens: 1, failures: 1, contexts: 0))
            #expect(try await BrowserSessionRecord.query(on: app.db).all().map(\.digest) == ["live"])
            #expect(try await UserToken.query(on: app.db).count() == 1)
            #expect(try await SignInFailure.query(on: app.db).count() == 1)
        }
    }
}
