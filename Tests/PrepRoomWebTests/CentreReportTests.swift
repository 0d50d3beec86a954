import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("Delivery reports per centre")
struct CentreReportTests {
    @Test func unitsHoursCompletionsAndOutcomesPerProviderWithCSV() async throws {
        try await withPrepRoom(seed: true) { app in
            let centre = try await CentreFixture.make(app)
            let verifier = try await token(app, role: .verifier)
            let run = try await centre.deliveredRun(delegates: 3)
            _ = try await centre.close(run)
            _ = try await centre.decide(run, "accepted", as: verifier)
            let manager = try await token(app, role: .manager)
            let report = try await app.testing().sendRequest(.GET, "/api/v1/reports/centres", headers: .bearer(manager))
            #expect(report.status == .ok, "\(report.text)")
            let lines = try #require(try report.json()["lines"] as? [[String: Any]])
            let fife = try #require(lines.first { $0["provider"] as? String == "Fife Science Centre" })
            #expect(fife["runs"] as? Int == 1)
            #expect(fife["delegatesCompleted"] as? Int == 3)
            #expect(fife["cpdUnits"] as? Int == 3)
            #expect(fife["trainingHours"] as? Double == 18)
            #expect(fife["accepted"] as? Int == 1)
            #expect(lines.first?["provider"] as? String == "PrepRoom national base")
            let csv = try await app.testing().sendRequest(.GET, "/staff/reports/centres.csv", headers: .bearer(manager))
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.text.contains("\"Fife Science Centre\",\"1\",\"3\",\"3\",\"18\",\"1\",\"0\",\"0\""), "\(csv.text)")
            let technician = try await token(app, role: .technician)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/reports/centres", headers: .bearer(technician)).status == .forbidden)
            let bad = try await app.testing().sendRequest(.GET, "/api/v1/reports/centres?from=2027-13-01", headers: .bearer(manager))
            #expect(bad.status == .unprocessableEntity)
        }
    }
}
