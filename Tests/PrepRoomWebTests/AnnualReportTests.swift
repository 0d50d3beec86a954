import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("Annual report figures")
struct AnnualReportTests {
    /// A delivered two-day run at the base with three delegates from two authorities (two
    /// attend both days and pass, one attends one day), and a full upcoming run with a
    /// waiting list of five.
    /// A period a report page cannot use comes back in its form with the problem named, and
    /// the page still shows the default period's figures; the API and CSVs refuse it.
    @Test func aBadPeriodIsNamedOnTheReportPageWithWhatWasTyped() async throws {
        try await withPrepRoom(seed: true) { app in
            let manager = try await token(app, role: .manager)
            for path in ["/staff/reports/annual", "/staff/reports/centres", "/staff/reports/evaluation", "/staff/reports/equality"] {
                let impossible = try await app.testing().sendRequest(.GET, "\(path)?from=2025-02-30&to=2025-03-01", headers: .bearer(manager))
                #expect(impossible.status == .unprocessableEntity, "\(path)")
                #expect(impossible.text.contains("<title>Error: "), "\(path)")
                #expect(impossible.text.contains("value=\"2025-02-30\""), "\(path): what was typed stays in the form")
                #expect(impossible.text.contains("must be a real date"), "\(path)")
                #expect(impossible.text.contains("id=\"period\""), "\(path)")
                let backwards = try await app.testing().sendRequest(.GET, "\(path)?from=2025-03-01&to=2025-02-01", headers: .bearer(manager))
                #expect(backwards.status == .unprocessableEntity, "\(path)")
                #expect(backwards.text.contains("The period must end on or after its first day."), "\(path)")
                #expect(backwards.text.contains("value=\"2025-02-01\""), "\(path)")
                #expect(try await app.testing().sendRequest(.GET, "\(path)?from=2025-03-01&to=2025-03-31", headers: .bearer(manager)).status == .ok)
            }
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/reports/annual?from=2025-02-30", headers: .bearer(manager)).status == .unprocessableEntity)
            #expect(try await app.testing().sendRequest(.GET, "/staff/reports/annual.csv?from=2025-02-30", headers: .bearer(manager)).status == .unprocessableEntity)
            let technician = try await token(app, role: .technician)
            #expect(try await app.testing().sendRequest(.GET, "/staff/reports/annual?from=2025-02-30", headers: .bearer(technician)).status == .forbidden)
        }
    }

    @Test func trainingDaysDelegatesCompletionsAndDemandAreCountedWithSQL() async throws {
        try await withPrepRoom(seed: true) { app in
            let fife = try #require(try await Organisation.query(on: app.db).filter(\.$name == "Fife Council").first())
            let angus = try #require(try await Organisation.query(on: app.db).filter(\.$name == "Angus Council").first())
            let admin = try await makeUser(app, email: "admin@sserc.example", role: .courseAdmin)
            let adminToken = try await Tokens.issue(for: admin, on: app.db)
            let run = try await makeRun(app, capacity: 10, sessions: 2)
            let members = try await makeMembers(app, count: 3)
            for (index, member) in members.enumerated() {
                member.user.$organisation.id = index == 2 ? angus.id : fife.id
                try await member.user.save(on: app.db)
                let booking = try await book(app, run: run, token: member.token).json()
                let id = try #require(booking["id"] as? String)
                for session in 0..<(index == 2 ? 1 : 2) {
                    _ = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(try run.requireID())/attendance", headers: .json(bearer: adminToken),
                                                            body: jsonBody(["bookingId": id, "session": session, "present": true]))
                }
                _ = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(try run.requireID())/results", headers: .json(bearer: adminToken),
                                                        body: jsonBody(["bookingId": id, "outcome": index == 2 ? "not_passed" : "passed"]))
            }
            try await moveIntoThePast(app, run: run)
            let closed = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(try run.requireID())/close", headers: .bearer(adminToken)).json()
            #expect(closed["certificatesIssued"] as? Int == 2)
            let full = try await makeRun(app, course: "electrical-safety-and-pat", capacity: 2, days: 40)
            for member in try await makeMembers(app, count: 7, prefix: "waiting") { _ = try await book(app, run: full, token: member.token) }
            // Two of the Fife delegates also book with an accredited centre: each counts once
            // for each provider, and still once for Fife.
            let centre = try await CentreFixture.make(app)
            let local = try await makeRun(app, capacity: 10, days: 20, centreID: centre.centreID)
            for member in members.prefix(2) { #expect(try await book(app, run: local, token: member.token).status == .created) }

            let manager = try await token(app, role: .manager)
            let from = ServiceTime.isoDay(Date().addingTimeInterval(-30 * 86_400)), to = ServiceTime.isoDay(Date().addingTimeInterval(60 * 86_400))
            let response = try await app.testing().sendRequest(.GET, "/api/v1/reports/annual?from=\(from)&to=\(to)", headers: .bearer(manager))
            #expect(response.status == .ok, "\(response.text)")
            let report = try response.json()
            let days = try #require(report["trainingDays"] as? [String: Any])
            #expect(days["delivered"] as? Int == 5, "2 + 2 + 1 delegate-days")
            #expect(days["target"] as? Int == 1536)
            #expect(report["completions"] as? Int == 2)
            #expect(report["certificatesIssued"] as? Int == 2)
            let authorities = try #require(report["delegatesByAuthority"] as? [[String: Any]])
            #expect(authorities.first?["label"] as? String == "Fife Council")
            #expect(authorities.first?["value"] as? Int == 2)
            #expect(authorities.contains { $0["label"] as? String == "Angus Council" && $0["value"] as? Int == 1 })
            #expect(authorities.contains { $0["label"] as? String == "Not recorded" && $0["value"] as? Int == 2 }, "the full run's two confirmed")
            let providers = try #require(report["delegatesByCentre"] as? [[String: Any]])
            #expect(providers.count == 2, "\(providers)")
            #expect(providers.first?["label"] as? String == ProviderName.nationalBase)
            #expect(providers.first?["value"] as? Int == 5, "three on the delivered run, two confirmed on the full one")
            #expect(providers.contains { $0["label"] as? String == "Fife Science Centre" && $0["value"] as? Int == 2 })
            let demand = try #require((report["demand"] as? [[String: Any]])?.first)
            #expect(demand["courseCode"] as? String == "electrical-safety-and-pat")
            #expect(demand["waiting"] as? Int == 5)
            // Places per run is the largest run of the course in the period (the demo calendar has some).
            let places = try #require(demand["placesPerRun"] as? Int)
            #expect(places >= 2)
            #expect(demand["runsToClear"] as? Int == AnnualFigures.runsToClear(waiting: 5, placesPerRun: places))

            let page = try await app.testing().sendRequest(.GET, "/staff/reports/annual?from=\(from)&to=\(to)", headers: .bearer(manager))
            #expect(page.text.contains("<svg"))
            #expect(page.text.contains("5</strong> training days delivered against a target of 1536"))
            let csv = try await app.testing().sendRequest(.GET, "/staff/reports/annual.csv?section=authorities&from=\(from)&to=\(to)", headers: .bearer(manager))
            #expect(csv.text.contains("\"Fife Council\",\"2\""))
            #expect(try await app.testing().sendRequest(.GET, "/staff/reports/annual.csv?section=nope", headers: .bearer(manager)).status == .unprocessableEntity)

            let target = try await app.testing().sendRequest(.PUT, "/api/v1/reports/training-day-target", headers: .json(bearer: manager), body: jsonBody(["target": 1600]))
            #expect(target.status == .ok)
            let again = try await app.testing().sendRequest(.GET, "/api/v1/reports/annual?from=\(from)&to=\(to)", headers: .bearer(manager)).json()
            #expect((again["trainingDays"] as? [String: Any])?["target"] as? Int == 1600)
            let technician = try await token(app, role: .technician)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/reports/annual", headers: .bearer(technician)).status == .forbidden)
            #expect(try await app.testing().sendRequest(.GET, "/staff/reports/annual", headers: .bearer(technician)).status == .forbidden)
            #expect(try await app.testing().sendRequest(.PUT, "/api/v1/reports/training-day-target", headers: .json(bearer: manager),
                                                        body: jsonBody(["target": 0])).status == .unprocessableEntity)
        }
    }
}
