import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("Enrolling named delegates and adding venues")
struct EnrolmentTests {
    @Test func enrolmentNeedsAnAccountAndAPlaceAndVenuesAreNotRepeated() async throws {
        try await withPrepRoom(seed: true) { app in
            let centre = try await CentreFixture.make(app)
            let created = try await centre.schedule()
            let runID = try #require(try created.json()["id"] as? String)
            let unknown = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/enrolments", headers: .json(bearer: centre.coordinator),
                                                              body: jsonBody(["email": "nobody@school.example"]))
            #expect(unknown.status == .unprocessableEntity)
            #expect(try unknown.apiError()["field"] as? String == "email")
            // Fill the run's 16 places, then one more is refused and changes nothing.
            let members = try await makeMembers(app, count: 17)
            for member in members.prefix(16) {
                #expect(try await app.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/enrolments", headers: .json(bearer: centre.coordinator),
                                                            body: jsonBody(["email": member.user.email])).status == .created)
            }
            let full = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/enrolments", headers: .json(bearer: centre.coordinator),
                                                           body: jsonBody(["email": members[16].user.email]))
            #expect(full.status == .conflict)
            #expect(try full.apiError()["code"] as? String == "run_full")
            let stored = try #require(try await Run.find(UUID(uuidString: runID), on: app.db))
            #expect(stored.confirmedCount == 16)
            #expect(stored.waitlistCount == 0, "the refused enrolment left no waiting-list place behind")
            #expect(try await Booking.query(on: app.db).filter(\.$run.$id == stored.requireID()).count() == 16)
            let technician = try await token(app, role: .technician)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/enrolments", headers: .json(bearer: technician),
                                                        body: jsonBody(["email": members[16].user.email])).status == .forbidden)

            let again = try await app.testing().sendRequest(.POST, "/api/v1/centres/\(centre.centreID)/venues", headers: .json(bearer: centre.coordinator),
                                                            body: jsonBody(["venue": "Fife Science Centre, Glenrothes"]))
            #expect(again.status == .conflict)
            let added = try await app.testing().sendRequest(.POST, "/api/v1/centres/\(centre.centreID)/venues", headers: .json(bearer: centre.coordinator),
                                                            body: jsonBody(["venue": "Kirkcaldy High School science base"]))
            #expect((try added.json()["venues"] as? [String])?.count == 2)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/centres/\(centre.centreID)/venues", headers: .json(bearer: technician),
                                                        body: jsonBody(["venue": "Somewhere"])).status == .forbidden)
        }
    }
}
