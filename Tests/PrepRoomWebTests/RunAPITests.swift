import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("Scheduling runs through the API")
struct RunAPITests {
    private let day = FutureDay()

    private func runBody(capacity: Int = 16, start: String? = nil, end: String? = nil,
                         extra: [String: Any] = [:]) -> ByteBuffer {
        let next = day.adding(days: 1)
        var body: [String: Any] = ["courseCode": "chemical-handling", "capacity": capacity, "venue": "SSERC, Dunfermline",
                                   "sessions": [["start": start ?? day.utc("09:30"), "end": end ?? day.utc("15:30")],
                                                ["start": next.utc("09:30"), "end": next.utc("15:30")]]]
        body.merge(extra) { $1 }
        return jsonBody(body)
    }

    private func runCount(_ app: Application) async throws -> Int { try await Run.query(on: app.db).count() }

    @Test func aCourseAdminSchedulesAMultiDayRun() async throws {
        try await withPrepRoom(seed: true) { app in
            let admin = try await token(app, role: .courseAdmin)
            let response = try await app.testing().sendRequest(.POST, "/api/v1/runs", headers: .json(bearer: admin), body: runBody(
                extra: ["bookingOpensAt": day.adding(days: -59).utc("09:00"), "bookingClosesAt": day.adding(days: -9).utc("17:00"), "cohort": "Cohort 1 of 2",
                        "cancellationCutOffHours": 72]))
            #expect(response.status == .created)
            let run = try response.json()
            #expect(run["courseCode"] as? String == "chemical-handling")
            #expect(run["capacity"] as? Int == 16)
            #expect(run["confirmed"] as? Int == 0)
            #expect(run["waitlisted"] as? Int == 0)
            #expect((run["sessions"] as? [Any])?.count == 2)
            #expect(run["status"] as? String == "scheduled")
            let id = try #require(run["id"] as? String)
            let fetched = try await app.testing().sendRequest(.GET, "/api/v1/runs/\(id)").json()
            #expect(fetched["cohort"] as? String == "Cohort 1 of 2")
            #expect(fetched["cancellationCutOffHours"] as? Int == 72)
            let audit = try await AuditEntry.query(on: app.db).filter(\AuditEntry.$action == "run.created").all()
            #expect(audit.count == 1)
            #expect(audit.first?.subject == "run:\(id)")
        }
    }

    @Test func badRunsAre422NamingTheFieldAndChangeNothing() async throws {
        try await withPrepRoom(seed: true) { app in
            let admin = try await token(app, role: .courseAdmin)
            let before = try await runCount(app)
            let cases: [(ByteBuffer, String)] = [
                (runBody(capacity: 0), "capacity"),
                (runBody(capacity: -4), "capacity"),
                (runBody(start: day.utc("15:30"), end: day.utc("09:30")), "sessions[0].end"),
                (runBody(extra: ["bookingOpensAt": day.adding(days: -28).utc("09:00"), "bookingClosesAt": day.adding(days: -37).utc("09:00")]), "bookingClosesAt"),
                (runBody(extra: ["courseCode": "no-such-course"]), "courseCode"),
                (runBody(extra: ["cancellationCutOffHours": -1]), "cancellationCutOffHours"),
            ]
            for (body, field) in cases {
                let response = try await app.testing().sendRequest(.POST, "/api/v1/runs", headers: .json(bearer: admin), body: body)
                #expect(response.status == .unprocessableEntity)
                #expect(try response.apiError()["field"] as? String == field)
                #expect(!(try response.apiError()["message"] as? String ?? "").isEmpty)
            }
            #expect(try await runCount(app) == before)
        }
    }

    @Test func malformedJSONIs400AndAMissingFieldIs422() async throws {
        try await withPrepRoom(seed: true) { app in
            let admin = try await token(app, role: .courseAdmin)
            let malformed = try await app.testing().sendRequest(.POST, "/api/v1/runs", headers: .json(bearer: admin), body: ByteBuffer(string: "{\"courseCode\": "))
            #expect(malformed.status == .badRequest)
            #expect(try malformed.apiError()["code"] as? String == "bad_request")
            let missing = try await app.testing().sendRequest(.POST, "/api/v1/runs", headers: .json(bearer: admin),
                                                              body: jsonBody(["courseCode": "chemical-handling", "sessions": []]))
            #expect(missing.status == .unprocessableEntity)
            #expect(try missing.apiError()["field"] as? String == "capacity")
        }
    }

    @Test func aTechnicianIs403AndNobodyIs401() async throws {
        try await withPrepRoom(seed: true) { app in
            let before = try await runCount(app)
            let technician = try await token(app, role: .technician)
            let forbidden = try await app.testing().sendRequest(.POST, "/api/v1/runs", headers: .json(bearer: technician), body: runBody())
            #expect(forbidden.status == .forbidden)
            #expect(try forbidden.apiError()["code"] as? String == "forbidden")
            let anonymous = try await app.testing().sendRequest(.POST, "/api/v1/runs", headers: .json, body: runBody())
            #expect(anonymous.status == .unauthorized)
            let badToken = try await app.testing().sendRequest(.POST, "/api/v1/runs", headers: .json(bearer: "nonsense"), body: runBody())
            #expect(badToken.status == .unauthorized)
            #expect(try await runCount(app) == before)
        }
    }

    @Test func aCentreCoordinatorSchedulesOnlyForTheirOwnCentre() async throws {
        try await withPrepRoom(seed: true) { app in
            let centres = try await Centre.query(on: app.db).filter(\Centre.$status == .approved).sort(\Centre.$name).all()
            let own = try centres[0].requireID(), other = try centres[1].requireID()
            let coordinator = try await makeUser(app, email: "coord@example.org", role: .centreCoordinator, centreID: own)
            let bearer = try await Tokens.issue(for: coordinator, on: app.db)
            let elsewhereVenue = try await app.testing().sendRequest(.POST, "/api/v1/runs", headers: .json(bearer: bearer),
                                                                     body: runBody(extra: ["centreId": own.uuidString]))
            #expect(elsewhereVenue.status == .unprocessableEntity, "a centre delivers at its own venues")
            #expect(try elsewhereVenue.apiError()["field"] as? String == "venue")
            let ok = try await app.testing().sendRequest(.POST, "/api/v1/runs", headers: .json(bearer: bearer),
                                                         body: runBody(extra: ["centreId": own.uuidString, "venue": centres[0].venue]))
            #expect(ok.status == .created)
            #expect(try ok.json()["centreId"] as? String == own.uuidString)
            let elsewhere = try await app.testing().sendRequest(.POST, "/api/v1/runs", headers: .json(bearer: bearer), body: runBody(extra: ["centreId": other.uuidString]))
            #expect(elsewhere.status == .forbidden)
            let national = try await app.testing().sendRequest(.POST, "/api/v1/runs", headers: .json(bearer: bearer), body: runBody())
            #expect(national.status == .forbidden)
        }
    }

    @Test func changingARunKeepsItsIdAndRevalidates() async throws {
        try await withPrepRoom(seed: true) { app in
            let admin = try await token(app, role: .courseAdmin)
            let created = try await app.testing().sendRequest(.POST, "/api/v1/runs", headers: .json(bearer: admin), body: runBody()).json()
            let id = try #require(created["id"] as? String)
            let changed = try await app.testing().sendRequest(.PUT, "/api/v1/runs/\(id)", headers: .json(bearer: admin), body: runBody(capacity: 20))
            #expect(changed.status == .ok)
            #expect(try changed.json()["capacity"] as? Int == 20)
            let bad = try await app.testing().sendRequest(.PUT, "/api/v1/runs/\(id)", headers: .json(bearer: admin), body: runBody(capacity: 0))
            #expect(bad.status == .unprocessableEntity)
            let after = try await app.testing().sendRequest(.GET, "/api/v1/runs/\(id)").json()
            #expect(after["capacity"] as? Int == 20)
        }
    }
}
