import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// Found by schemathesis: on SQLite a write transaction that reads first (a setting looked
/// up, then saved) failed with "database is locked" whenever another connection committed
/// in between, and the request answered 500. `writeTransaction` now takes the write lock
/// at its start.
@Suite("Writes that contend")
struct WriteContentionTests {
    @Test func readThenWriteTransactionsSurviveOtherWriters() async throws {
        try await withPrepRoom { app in
            let admin = try await makeUser(app, email: "admin@sserc.example", role: .admin)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        try await ExternalVerificationDesk.savePolicy(ExternalVerificationPolicy(largeCohortThreshold: 10 + index % 5, sampleRate: 0.1),
                                                       by: admin, on: app.db)
                    }
                    group.addTask {
                        try await SignInFailure(email: "x\(index)@school.sch.uk", address: "a", at: Date()).create(on: app.db)
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await SignInFailure.query(on: app.db).count() == 20)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "verification.policy_changed").count() == 20)
        }
    }
}
