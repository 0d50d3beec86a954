import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// Rules with unit tests in Core, checked here end to end on the real database.
@Suite("Scope and limits on the real database")
struct ScopeRuleTests {
    @Test func capacityCannotDropBelowConfirmedPlaces() async throws {
        try await withPrepRoom(seed: true) { app in
            let run = try await makeRun(app, capacity: 3, sessions: 1)
            for member in try await makeMembers(app, count: 2) { _ = try await book(app, run: run, token: member.token) }
            let admin = try await token(app, role: .courseAdmin)
            let stored = try #require(try await RunStore.find(run.requireID(), on: app.db))
            let session = try #require(stored.orderedSessions.first)
            let iso = ISO8601DateFormatter()
            let body: [String: Any] = ["courseCode": "chemical-handling", "capacity": 1, "venue": "SSERC, Dunfermline",
                                       "sessions": [["start": iso.string(from: session.startsAt), "end": iso.string(from: session.endsAt)]]]
            let response = try await app.testing().sendRequest(.PUT, "/api/v1/runs/\(try run.requireID())", headers: .json(bearer: admin), body: jsonBody(body))
            #expect(response.status == .unprocessableEntity)
            #expect(try response.apiError()["field"] as? String == "capacity")
            #expect(try await Run.find(run.requireID(), on: app.db)?.capacity == 3)
        }
    }

    @Test func aCoordinatorReachesTheirOwnCentresRunsOnly() async throws {
        try await withPrepRoom(seed: true) { app in
            let centres = try await Centre.query(on: app.db).filter(\Centre.$status == .approved).sort(\Centre.$name).all()
            let ownRun = try await makeRun(app, capacity: 5, centreID: try centres[0].requireID())
            let otherRun = try await makeRun(app, capacity: 5, centreID: try centres[1].requireID())
            let member = try #require(try await makeMembers(app, count: 1).first)
            let bookingID = try #require(try await book(app, run: ownRun, token: member.token).json()["id"] as? String)
            let coordinator = try await makeUser(app, email: "coord@college.ac.uk", role: .centreCoordinator, centreID: try centres[0].requireID())
            let bearer = try await Tokens.issue(for: coordinator, on: app.db)

            #expect(try await app.testing().sendRequest(.GET, "/api/v1/runs/\(try ownRun.requireID())/bookings", headers: .bearer(bearer)).status == .ok)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/runs/\(try otherRun.requireID())/bookings", headers: .bearer(bearer)).status == .forbidden)
            let attended = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(try ownRun.requireID())/attendance", headers: .json(bearer: bearer),
                                                               body: jsonBody(["bookingId": bookingID, "session": 0, "present": true]))
            #expect(attended.status == .ok)
            let elsewhere = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(try otherRun.requireID())/close", headers: .bearer(bearer))
            #expect(elsewhere.status == .forbidden)
            #expect(try await Run.find(otherRun.requireID(), on: app.db)?.status == .scheduled)

            // Another centre's run edit form holds that centre's notes: refused, and not linked.
            let page = Browser(app)
            _ = try await page.signIn("coord@college.ac.uk")
            #expect(try await page.get("/runs/\(try ownRun.requireID())/edit").status == .ok)
            #expect(try await page.get("/runs/\(try otherRun.requireID())/edit").status == .forbidden)
            let national = try await makeRun(app, capacity: 5)
            #expect(try await page.get("/runs/\(try national.requireID())/edit").status == .forbidden)
            let otherPage = try await page.get("/runs/\(try otherRun.requireID())").text
            #expect(!otherPage.contains("Edit run"))
        }
    }

    @Test func peopleRegisterOnlyAsTechniciansOrTeachers() async throws {
        try await withPrepRoom { app in
            let response = try await app.testing().sendRequest(.POST, "/api/v1/registrations", headers: .json,
                body: jsonBody(["email": "eve@example.org", "name": "Eve", "password": "correct horse battery", "roles": ["admin"]]))
            #expect(response.status == .unprocessableEntity)
            #expect(try response.apiError()["field"] as? String == "roles[0]")
            #expect(try await User.query(on: app.db).count() == 0)
        }
    }

    /// A whole school signs in from one address, so the allowance per address is large;
    /// a hundred failures for different emails stop that address, not everyone.
    @Test func oneAddressTryingManyEmailsIsThrottled() async throws {
        try await withPrepRoom { app in
            app.security.trustProxy = true
            try await makeUser(app, email: "tech@school.sch.uk", role: .technician)
            func attempt(_ email: String, _ password: String, from address: String) async throws -> TestingHTTPResponse {
                var headers = HTTPHeaders.json
                headers.add(name: "X-Forwarded-For", value: address)
                return try await app.testing().sendRequest(.POST, "/api/v1/tokens", headers: headers,
                                                           body: jsonBody(["email": email, "password": password]))
            }
            for n in 0..<100 {
                #expect(try await attempt("guess\(n)@school.sch.uk", "not the password", from: "203.0.113.50").status == .unauthorized)
            }
            let blocked = try await attempt("tech@school.sch.uk", "correct horse battery", from: "203.0.113.50")
            #expect(blocked.status == .tooManyRequests, "100 failures from one address slow that address, whatever the email")
            let elsewhere = try await attempt("tech@school.sch.uk", "correct horse battery", from: "198.51.100.7")
            #expect(elsewhere.status == .created, "other addresses are not affected")
        }
    }
}
