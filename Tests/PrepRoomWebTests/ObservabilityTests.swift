import Fluent
import Foundation
import Logging
import SQLKit
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// What an operator's machines ask: alive, ready, the metrics, and log lines that carry
/// the id the response gives.
@Suite("Health, readiness, metrics and logs")
struct ObservabilityTests {
    @Test func readyWhenTheDatabaseAnswersAndEveryMigrationHasRun() async throws {
        try await withPrepRoom { app in
            let alive = try await app.testing().sendRequest(.GET, SiteURL.alive.path)
            #expect(alive.status == .ok && alive.body.string == "ok")
            let ready = try await app.testing().sendRequest(.GET, SiteURL.ready.path)
            #expect(ready.status == .ok)
            let body = try ready.json()
            #expect(body["ready"] as? Bool == true && body["pendingMigrations"] as? Int == 0 && body["database"] as? String == "ok")
            // Every response carries its request id, a proxy's own when it gave one.
            #expect((ready.headers.first(name: "X-Request-Id")?.count ?? 0) >= 16)
            let traced = try await app.testing().sendRequest(.GET, SiteURL.courses().path, headers: ["X-Request-Id": "lb-7f3a9c"])
            #expect(traced.headers.first(name: "X-Request-Id") == "lb-7f3a9c")
            let missing = try await app.testing().sendRequest(.GET, "/no/such/page", headers: ["X-Request-Id": "lb-404"])
            #expect(missing.status == .notFound && missing.headers.first(name: "X-Request-Id") == "lb-404")
        }
    }

    @Test func notReadyWhileMigrationsArePending() async throws {
        let app = try await Application.make(.testing)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("preproom-ready-\(UUID().uuidString)")
        let schema = "ready_" + UUID().uuidString.prefix(8).lowercased()
        func dropSchema() async {
            if TestDatabase.postgresURL != nil { _ = try? await (app.db as! any SQLDatabase).raw("DROP SCHEMA IF EXISTS \(unsafeRaw: schema) CASCADE").run() }
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let database: DatabaseChoice = TestDatabase.postgresURL == nil
                ? .sqlite(path: folder.appendingPathComponent("new.sqlite").path)
                : .postgres(url: TestDatabase.postgresURL ?? "", searchPath: [schema])
            try await configure(app, AppConfiguration(database: database, bcryptCost: 4, connectionsPerEventLoop: 1))
            if TestDatabase.postgresURL != nil { try await (app.db as! any SQLDatabase).raw("CREATE SCHEMA \(unsafeRaw: schema)").run() }
            app.logger.logLevel = .critical
            let response = try await app.testing().sendRequest(.GET, SiteURL.ready.path)
            #expect(response.status == .serviceUnavailable)
            let body = try response.json()
            #expect(body["ready"] as? Bool == false, "\(body)")
            #expect(body["pendingMigrations"] as? Int == PrepRoomMigrations.all.count, "\(body)")
        } catch {
            await dropSchema(); try? await app.asyncShutdown(); try? FileManager.default.removeItem(at: folder)
            throw error
        }
        await dropSchema()
        try? await app.asyncShutdown()
        try? FileManager.default.removeItem(at: folder)
    }

    @Test func metricsAreForAdminsAndTheScraperOnly() async throws {
        try await withPrepRoom(seed: true) { app in
            app.configuration?.metricsToken = "scrape-me-with-this-long-token"
            let run = try await makeRun(app, capacity: 1, sessions: 1)
            let members = try await makeMembers(app, count: 2)
            for member in members { #expect(try await book(app, run: run, token: member.token).status == .created) }

            let technician = try await app.testing().sendRequest(.GET, SiteURL.metrics.path, headers: .bearer(members[0].token))
            #expect(technician.status == .forbidden)
            let visitor = try await app.testing().sendRequest(.GET, SiteURL.metrics.path)
            #expect(visitor.status != .ok && !visitor.body.string.contains("http_requests_total"))
            var wrong = HTTPHeaders()
            wrong.basicAuthorization = BasicAuthorization(username: "metrics", password: "scrape-me-with-this-long-tokeX")
            #expect(try await app.testing().sendRequest(.GET, SiteURL.metrics.path, headers: wrong).status != .ok)

            var scraper = HTTPHeaders()
            scraper.basicAuthorization = BasicAuthorization(username: "metrics", password: "scrape-me-with-this-long-token")
            let scraped = try await app.testing().sendRequest(.GET, SiteURL.metrics.path, headers: scraper)
            #expect(scraped.status == .ok)
            #expect(scraped.headers.contentType?.subType == "plain")
            let text = scraped.body.string
            #expect(text.contains("http_requests_total{"))
            #expect(text.contains("http_request_duration_seconds_bucket{"))
            #expect(text.contains(#"preproom_bookings_total{placed="confirmed"}"#))
            #expect(text.contains(#"preproom_bookings_total{placed="waitlisted"}"#))
            // Two confirmation emails wait in the outbox (no SMTP server in tests).
            let pending = text.split(separator: "\n").first { $0.hasPrefix("preproom_outbox_pending ") }
            #expect(pending.flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0 >= 2)
            // The pool: its size here; on PostgreSQL the server's connections, the scrape's own active.
            #expect(text.contains("preproom_database_pool_size "))
            let engine = (app.db as? any SQLDatabase)?.dialect.name
            if engine == "postgresql" {
                let active = text.split(separator: "\n").first { $0.hasPrefix(#"preproom_database_connections{state="active"}"#) }
                #expect(active.flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0 >= 1, "\(text)")
            } else {
                #expect(!text.contains("preproom_database_connections{"), "SQLite has no server to ask")
            }

            let admin = try await token(app, role: .admin)
            #expect(try await app.testing().sendRequest(.GET, SiteURL.metrics.path, headers: .bearer(admin)).status == .ok)
        }
    }

    @Test func aLogLineIsOneJSONObjectWithTheRequestID() throws {
        let event = LogEvent(level: .warning, message: "Booking failed\n{\"forged\":true}", metadata: nil,
                             source: "PrepRoomWeb", file: "Sources/PrepRoomWeb/Bookings/BookingPages.swift", function: "book", line: 42)
        let line = JSONLogHandler.line(event, label: "codes.vapor.request", metadata: ["request-id": "lb-7f3a9c"])
        #expect(line.last == 0x0A && line.dropLast().firstIndex(of: 0x0A) == nil, "one line, whatever the message holds")
        let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: String])
        #expect(object["request-id"] == "lb-7f3a9c" && object["level"] == "warning")
        #expect(object["message"] == "Booking failed\n{\"forged\":true}" && object["source"] == "BookingPages.swift:42")
        #expect(object["time"]?.hasSuffix("Z") == true)
    }

    @Test func theLogFormatAndTheScrapeTokenAreSettings() throws {
        #expect(AppConfiguration.logsAsJSON([:], production: true) && !AppConfiguration.logsAsJSON([:], production: false))
        #expect(AppConfiguration.logsAsJSON(["PREPROOM_LOG_FORMAT": "json"], production: false))
        #expect(!AppConfiguration.logsAsJSON(["PREPROOM_LOG_FORMAT": "text"], production: true))
        #expect(throws: AppConfiguration.Problem.self) { try AppConfiguration.fromEnvironment(["PREPROOM_METRICS_TOKEN": "short"]) }
        #expect(try AppConfiguration.fromEnvironment(["PREPROOM_METRICS_TOKEN": String(repeating: "k", count: 32)]).metricsToken?.count == 32)
    }
}
