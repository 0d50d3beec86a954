import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import SQLKit
import Testing
import VaporTesting

/// Reports are kept between visits while nothing they read has changed (`ReportCache`,
/// `ReportRevisions`): these check that a kept report is served, and that any change to
/// what it reads, through this instance or another, is in the next one.
@Suite("Reports kept between visits")
struct ReportCacheTests {
    /// The cache's minute is part of its version; a fixed one keeps these tests from
    /// seeing a rebuild when a minute turns between two visits.
    private static func fixClock(_ app: Application) {
        let now = Date()
        app.useReportCache(ReportCache(clock: { now }))
    }

    /// A table nobody has decided about would let a report go stale without anyone noticing.
    @Test func everyTableIsCountedOrSaidNotToBeReadByReports() async throws {
        try await withPrepRoom { app in
            let decided = Set(ReportRevisions.counted + ReportRevisions.countedByHand + ReportRevisions.notCounted)
            #expect(decided.count == ReportRevisions.counted.count + ReportRevisions.countedByHand.count + ReportRevisions.notCounted.count,
                    "a table is in two lists")
            let tables = try await DatabaseCatalogue.tables(on: app.db)
            #expect(tables.filter { !decided.contains($0) } == [], "add each to ReportRevisions.counted, countedByHand or notCounted")
            #expect(Set(ReportRevisions.counted).isSubset(of: Set(tables)))
            let sql = app.db as! any SQLDatabase
            for table in ReportRevisions.counted {
                let triggers = try await sql.raw(PortableSQL.isPostgreSQL(sql)
                    ? """
                    SELECT t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = current_schema() AND c.relname = \(bind: table) AND t.tgname LIKE '%report_revision'
                    """
                    : "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = \(bind: table) AND name LIKE '%report_%'").all()
                #expect(triggers.count == (PortableSQL.isPostgreSQL(sql) ? 1 : 3), "\(table) has its trigger(s)")
            }
        }
    }

    @Test func writesToCountedTablesMoveTheVersionAndOthersDoNot() async throws {
        try await withPrepRoom(seed: true) { app in
            let start = try await ReportRevisions.version(on: app.db)
            _ = try await makeUser(app, email: "counted@example.org", role: .technician)
            let afterUser = try await ReportRevisions.version(on: app.db)
            #expect(afterUser > start, "users are counted")
            try await AuditEntry.record("test.note", subject: "nothing", actor: nil, details: "", on: app.db)
            #expect(try await ReportRevisions.version(on: app.db) == afterUser, "the audit log is not read by reports")
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE users SET last_signed_in_at = \(bind: Date()) WHERE email = 'counted@example.org'").run()
            #expect(try await ReportRevisions.version(on: app.db) == afterUser, "a sign-in changes nothing a report reads")
            try await sql.raw("UPDATE users SET name = 'Renamed' WHERE email = 'counted@example.org'").run()
            let afterRename = try await ReportRevisions.version(on: app.db)
            #expect(afterRename > afterUser, "a name is in the reports (who has not answered)")
            _ = try await RunTotals.recount(on: app.db)
            #expect(try await ReportRevisions.version(on: app.db) > afterRename, "recounting the totals moves it by hand")
        }
    }

    @Test func aReportIsServedFromTheCacheUntilWhatItReadsChangesOnAnyInstance() async throws {
        try await withPrepRoom(seed: true) { app in
            Self.fixClock(app)
            let manager = try await token(app, role: .manager)
            let path = "/api/v1/reports/annual"
            func target(_ app: Application) async throws -> Int? {
                let report = try await app.testing().sendRequest(.GET, path, headers: .bearer(manager)).json()
                return (report["trainingDays"] as? [String: Any])?["target"] as? Int
            }
            let first = try #require(try await target(app))
            let builds = app.reportCache.builds
            #expect(try await target(app) == first)
            #expect(app.reportCache.builds == builds, "the second visit was served from the cache")

            // Another instance sets the target: this one's kept report must not be served.
            try await withSecondInstance(of: app) { second in
                let saved = try await second.testing().sendRequest(.PUT, "/api/v1/reports/training-day-target",
                                                                   headers: .json(bearer: manager), body: jsonBody(["target": first + 7]))
                #expect(saved.status == .ok)
            }
            #expect(try await target(app) == first + 7)
            #expect(app.reportCache.builds == builds + 1)

            // A delegate attending a day of a run in the period: the training days move at once.
            let days = { (app: Application) async throws -> Int? in
                let report = try await app.testing().sendRequest(.GET, path, headers: .bearer(manager)).json()
                return (report["trainingDays"] as? [String: Any])?["delivered"] as? Int
            }
            let before = try #require(try await days(app))
            let run = try await makeRun(app, capacity: 4, days: 2)
            let member = try #require(try await makeMembers(app, count: 1).first)
            let booking = try await book(app, run: run, token: member.token).json()
            let admin = try await token(app, role: .courseAdmin)
            let marked = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(try run.requireID())/attendance", headers: .json(bearer: admin),
                                                             body: jsonBody(["bookingId": try #require(booking["id"] as? String), "session": 0, "present": true]))
            #expect(marked.status == .ok || marked.status == .created, "\(marked.text)")
            #expect(try await days(app) == before + 1)
        }
    }

    /// Many managers opening a report at once wait for one build of it, not one each.
    @Test func visitorsAskingAtOnceShareOneBuild() async throws {
        try await withPrepRoom(seed: true) { app in
            Self.fixClock(app)
            let manager = try await token(app, role: .manager)
            let builds = app.reportCache.builds
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await app.testing().sendRequest(.GET, "/api/v1/reports/centres", headers: .bearer(manager)).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: .ok, count: 8))
            #expect(app.reportCache.builds == builds + 1)
        }
    }

    /// A build that fails is not kept: the next visit builds again; a good one is kept.
    @Test func aFailedBuildIsNotKept() async throws {
        try await withPrepRoom { app in
            let now = Date()
            let cache = ReportCache(clock: { now })
            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                try await cache.report("figures", on: app.db) { () async throws -> Int in throw Refused() }
            }
            let built = try await cache.report("figures", on: app.db) { 7 }
            let kept = try await cache.report("figures", on: app.db) { 8 }
            #expect(built == 7)
            #expect(kept == 7, "kept while the version holds")
            #expect(cache.builds == 2)
        }
    }

    /// The manager's staff home shows the year's training days from the same kept figures.
    @Test func theStaffHomeTrainingDaysFollowAChangedReport() async throws {
        try await withPrepRoom(seed: true) { app in
            Self.fixClock(app)
            let manager = try await token(app, role: .manager)
            let home = try await app.testing().sendRequest(.GET, "/staff", headers: .bearer(manager))
            #expect(home.status == .ok)
            let builds = app.reportCache.builds
            _ = try await app.testing().sendRequest(.GET, "/staff", headers: .bearer(manager))
            #expect(app.reportCache.builds == builds)
            let technician = try await token(app, role: .technician)
            #expect(try await app.testing().sendRequest(.GET, "/staff", headers: .bearer(technician)).status == .forbidden)
        }
    }
}
