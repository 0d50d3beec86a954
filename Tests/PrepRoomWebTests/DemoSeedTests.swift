import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("Demo data in the database")
struct DemoSeedTests {
    @Test func seedingLoadsEverythingOnceAndOnlyIntoAnEmptyDatabase() async throws {
        try await withPrepRoom { app in
            #expect(try await DemoSeeder.seedIfEmpty(app.db))
            #expect(try await Organisation.query(on: app.db).filter(\Organisation.$kind == .localAuthority).count() == 32)
            #expect(try await Organisation.query(on: app.db).filter(\Organisation.$kind == .memberBody).count() == 2)
            #expect(try await Centre.query(on: app.db).filter(\Centre.$status == .approved).count() == 8)
            #expect(try await Centre.query(on: app.db).filter(\Centre.$status == .applicant).count() == 4)
            #expect(try await Course.query(on: app.db).filter(\Course.$certificated == true).count() >= 12)
            #expect(try await Run.query(on: app.db).count() == DemoData.runs.count)
            #expect(try await Objective.query(on: app.db).count() == 10)
            let sessions = try await RunSession.query(on: app.db).count()
            #expect(sessions == DemoData.runs.reduce(0) { $0 + $1.plan.sessions.count })
            #expect(try await DemoSeeder.seedIfEmpty(app.db) == false, "a second load changes nothing")
            #expect(try await Run.query(on: app.db).count() == DemoData.runs.count)
        }
    }

    @Test func pastRunsStayInThePastAndTheCalendarIsAlive() async throws {
        try await withPrepRoom(seed: true) { app in
            let september2024 = try await RunStore.between(ServiceTime.london(2024, 9, 1), ServiceTime.london(2024, 10, 1), on: app.db)
            #expect(september2024.contains { $0.course.code == "chemical-handling" && $0.startsAt == ServiceTime.london(2024, 9, 3, 9, 30) })
            let upcoming = try await RunStore.upcoming(now: Date(), on: app.db)
            #expect(upcoming.count >= 10, "loaded today, the demo has a calendar to book")
        }
    }
}
