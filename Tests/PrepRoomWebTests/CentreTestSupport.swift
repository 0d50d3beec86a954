import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// A centre that applies, is approved for one course, schedules, delivers and is verified.
struct CentreFixture {
    let app: Application
    let admin: String
    let coordinator: String
    let coordinatorUser: User
    let centreID: UUID

    /// An applicant applies through the API and a course admin approves it, with
    /// `chemical-handling` from a year ago.
    static func make(_ app: Application, approveCourse: Bool = true) async throws -> CentreFixture {
        let admin = try await token(app, role: .courseAdmin)
        let applicant = try await makeUser(app, email: "coordinator@fife.example", role: .technician)
        let coordinator = try await Tokens.issue(for: applicant, on: app.db)
        let fife = try #require(try await Organisation.query(on: app.db).filter(\.$name == "Fife Council").first())
        let applied = try await app.testing().sendRequest(.POST, "/api/v1/centres", headers: .json(bearer: coordinator), body: jsonBody([
            "name": "Fife Science Centre", "kind": "council", "localAuthorityId": try fife.requireID().uuidString,
            "contactName": "Test Technician", "contactEmail": "coordinator@fife.example",
            "venues": ["Fife Science Centre, Glenrothes"], "statement": "We have two prep rooms and a trained team for chemical handling.",
        ]))
        #expect(applied.status == .created, "\(applied.text)")
        let centreID = try #require(UUID(uuidString: try applied.json()["id"] as? String ?? ""))
        let approved = try await app.testing().sendRequest(.POST, "/api/v1/centres/\(centreID)/status", headers: .json(bearer: admin),
                                                           body: jsonBody(["status": "approved"]))
        #expect(approved.status == .ok, "\(approved.text)")
        if approveCourse {
            let granted = try await app.testing().sendRequest(.POST, "/api/v1/centres/\(centreID)/approvals", headers: .json(bearer: admin),
                                                              body: jsonBody(["courseCode": "chemical-handling", "from": ServiceTime.isoDay(Date().addingTimeInterval(-365 * 86_400))]))
            #expect(granted.status == .created, "\(granted.text)")
        }
        let user = try #require(try await User.find(applicant.requireID(), on: app.db))
        return CentreFixture(app: app, admin: admin, coordinator: coordinator, coordinatorUser: user, centreID: centreID)
    }

    func schedule(_ code: String = "chemical-handling", as token: String? = nil, centre: UUID? = nil, days: Double = 20) async throws -> TestingHTTPResponse {
        let start = Date().addingTimeInterval(days * 86_400)
        return try await app.testing().sendRequest(.POST, "/api/v1/runs", headers: .json(bearer: token ?? coordinator), body: jsonBody([
            "courseCode": code, "capacity": 16, "venue": "Fife Science Centre, Glenrothes", "centreId": (centre ?? centreID).uuidString,
            "sessions": [["start": ISO8601DateFormatter().string(from: start), "end": ISO8601DateFormatter().string(from: start.addingTimeInterval(6 * 3600))]],
        ]))
    }

    /// A delivered run of this centre: `delegates` enrolled, attended and passed, run moved into the past.
    func deliveredRun(delegates: Int, prefix: String = "delegate") async throws -> Run {
        let created = try await schedule()
        #expect(created.status == .created, "\(created.text)")
        let run = try #require(try await Run.find(UUID(uuidString: try created.json()["id"] as? String ?? ""), on: app.db))
        let runID = try run.requireID()
        for member in try await makeMembers(app, count: delegates, prefix: prefix) {
            let enrolled = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/enrolments", headers: .json(bearer: coordinator),
                                                               body: jsonBody(["email": member.user.email]))
            #expect(enrolled.status == .created, "\(enrolled.text)")
            let bookingID = try #require(try enrolled.json()["id"] as? String)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/attendance", headers: .json(bearer: coordinator),
                                                        body: jsonBody(["bookingId": bookingID, "session": 0, "present": true])).status == .ok)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/results", headers: .json(bearer: coordinator),
                                                        body: jsonBody(["bookingId": bookingID, "outcome": "passed"])).status == .ok)
        }
        try await moveIntoThePast(app, run: run)
        return run
    }

    func close(_ run: Run) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "/api/v1/runs/\(try run.requireID())/close", headers: .bearer(coordinator))
    }

    func decide(_ run: Run, _ outcome: String, as token: String, extra: [String: String] = [:]) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "/api/v1/runs/\(try run.requireID())/verification", headers: .json(bearer: token),
                                            body: jsonBody(["outcome": outcome, "notes": "Evidence reviewed"].merging(extra) { $1 }))
    }
}
