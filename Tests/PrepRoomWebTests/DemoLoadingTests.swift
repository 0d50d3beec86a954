import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// `serve` loads invented people and runs only where a new user tries the service: the
/// embedded database, outside production. An operator's PostgreSQL or a production start
/// stays empty until someone runs `seed --demo`.
@Suite("Demo data only when asked")
struct DemoLoadingTests {
    @Test func serveLoadsTheDemoOnlyIntoAnEmptyEmbeddedDatabaseOutsideProduction() async throws {
        try await withPrepRoom { app in
            try await Entrypoint.loadDemoIfWanted(app)
            let courses = try await Course.query(on: app.db).count()
            if app.databaseChoice?.isEmbedded == true {
                #expect(courses == DemoData.courses.count, "SQLite outside production: the demo is loaded")
            } else {
                #expect(courses == 0, "DATABASE_URL: nothing is loaded")
            }
        }
    }

    @Test func productionNeverGetsTheDemo() async throws {
        try await withPrepRoom { app in
            app.environment = .production
            try await Entrypoint.loadDemoIfWanted(app)
            #expect(try await Course.query(on: app.db).count() == 0)
            #expect(try await User.query(on: app.db).count() == 0)
        }
    }

    @Test func aDatabaseWithDataIsLeftAsItIs() async throws {
        try await withPrepRoom { app in
            let course = Course(DemoData.courses[0])
            try await course.create(on: app.db)
            try await Entrypoint.loadDemoIfWanted(app)
            #expect(try await Course.query(on: app.db).count() == 1)
        }
    }
}
