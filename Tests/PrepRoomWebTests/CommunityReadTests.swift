import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// What is new since a member's last visit, on the real database (both engines).
@Suite("Techné: new since your last visit")
struct CommunityReadTests {
    @Test func theTopicMarksWhatIsNewAndTheListCountsIt() async throws {
        try await withPrepRoom { app in
            _ = try await makeUser(app, email: "reader@school.sch.uk", role: .technician)
            let writer = try await token(app, role: .technician, email: "writer@school.sch.uk")
            let started = try await app.testing().sendRequest(.POST, "/api/v1/community/categories/chemistry/topics", headers: .json(bearer: writer),
                                                              body: jsonBody(["title": "Keeping bromine water", "body": "How long does it last?"]))
            let topic = try #require(try started.json()["id"] as? String)
            let reader = Browser(app)
            _ = try await reader.signIn("reader@school.sch.uk")
            let first = try await reader.get("/community/topics/\(topic)").body.string
            #expect(!first.contains("id=\"new-since\""), "a first visit: nothing is marked")
            #expect(!(try await reader.get("/community/chemistry").body.string.contains(" new</span>")))

            for body in ["A week in a dark bottle.", "Less in the light."] {
                _ = try await app.testing().sendRequest(.POST, "/api/v1/community/topics/\(topic)/replies", headers: .json(bearer: writer), body: jsonBody(["body": body]))
            }
            let list = try await reader.get("/community/chemistry").body.string
            #expect(list.contains(">2 new</span>"))
            let again = try await reader.get("/community/topics/\(topic)").body.string
            let marker = try #require(again.range(of: "id=\"new-since\""))
            #expect(again.range(of: "id=\"post-2\"").map { marker.lowerBound < $0.lowerBound } == true, "the marker comes before the first new reply")
            #expect(!(try await reader.get("/community/chemistry").body.string.contains(" new</span>")), "read now")
            #expect(try await reader.get("/community/topics/\(topic)").body.string.contains("id=\"new-since\"") == false)
        }
    }
}
