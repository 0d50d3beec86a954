import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// What schemathesis found (`scripts/security`), each held here on the real database: the
/// server refuses what its document calls invalid, and the document states what the
/// server answers.
@Suite("The API keeps to its document")
struct APIConformanceTests {
    @Test func theLastAdminCannotGiveUpTheRole() async throws {
        try await withPrepRoom { app in
            let admin = try await makeUser(app, email: "admin@sserc.example", role: .admin)
            let bearer = try await Tokens.issue(for: admin, on: app.db)
            let demoted = try await app.testing().sendRequest(.PUT, "/api/v1/users/\(try admin.requireID())/roles", headers: .json(bearer: bearer),
                                                              body: jsonBody(["roles": ["manager"]]))
            #expect(demoted.status == .conflict)
            #expect(try demoted.apiError()["code"] as? String == "last_admin")
            #expect(try await User.find(admin.requireID(), on: app.db)?.roles == [.admin], "unchanged")
            let second = try await makeUser(app, email: "admin2@sserc.example", role: .admin)
            #expect(second.roles == [.admin])
            let allowed = try await app.testing().sendRequest(.PUT, "/api/v1/users/\(try admin.requireID())/roles", headers: .json(bearer: bearer),
                                                              body: jsonBody(["roles": ["manager"]]))
            #expect(allowed.status == .ok, "with another admin it may")
        }
    }

    @Test func aMalformedBodyIsRefusedNotTakenAsNone() async throws {
        try await withPrepRoom(seed: true) { app in
            let run = try await makeRun(app, capacity: 5)
            let member = try #require(try await makeMembers(app, count: 1).first)
            let booking = try #require(try await book(app, run: run, token: member.token).json()["id"] as? String)
            for body in ["{\"reason\": ", "\u{0}", "[1,"] {
                let response = try await app.testing().sendRequest(.DELETE, "/api/v1/bookings/\(booking)", headers: .json(bearer: member.token),
                                                                   body: ByteBuffer(string: body))
                #expect(response.status == .badRequest, "\(body.debugDescription)")
            }
            #expect(try await Booking.find(UUID(uuidString: booking), on: app.db)?.status == .confirmed, "still booked")
            let wrongShape = try await app.testing().sendRequest(.DELETE, "/api/v1/bookings/\(booking)", headers: .json(bearer: member.token),
                                                                 body: jsonBody([1, 2]))
            #expect(wrongShape.status == .unprocessableEntity)
            #expect(try wrongShape.apiError()["field"] as? String == "body")
            let cancelled = try await app.testing().sendRequest(.DELETE, "/api/v1/bookings/\(booking)", headers: .bearer(member.token))
            #expect(cancelled.status == .ok, "no body at all is fine: the reason is optional")
        }
    }

    @Test func aWrongRoleIsToldSoBeforeAnythingAboutTheBody() async throws {
        try await withPrepRoom(seed: true) { app in
            let technician = try await token(app, role: .technician)
            let refused = try await app.testing().sendRequest(.POST, "/api/v1/objectives/T1/visibility", headers: .json(bearer: technician),
                                                              body: jsonBody([String: String]()))
            #expect(refused.status == .forbidden)
        }
    }

    @Test func emptyOrOutOfRangeQueryValuesAre422InTheAPI() async throws {
        try await withPrepRoom(seed: true) { app in
            for path in ["/api/v1/runs?limit=", "/api/v1/centres?status=", "/api/v1/courses?certificated=maybe",
                         "/api/v1/courses?level=13", "/api/v1/courses?subject=", "/api/v1/runs?from=2026-02-30T00:00:00Z"] {
                #expect(try await app.testing().sendRequest(.GET, path).status == .unprocessableEntity, "\(path)")
            }
            #expect(try await app.testing().sendRequest(.GET, "/courses?level=&subject=").status == .ok, "a page's blank form fields are absent")
            let admin = try await token(app, role: .admin)
            let empty = try await app.testing().sendRequest(.PUT, "/api/v1/me/equality", headers: .json(bearer: admin), body: jsonBody(["sex": ""]))
            #expect(empty.status == .unprocessableEntity)
        }
    }

    @Test func theDocumentStatesLimitsAndTheAnswersEveryOperationMayGive() throws {
        let document = OpenAPIDocument.document
        let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        for (path, operations) in paths {
            for (method, operation) in operations {
                let responses = try #require(operation["responses"] as? [String: Any])
                for status in ["400", "401", "429"] { #expect(responses[status] != nil, "\(method) \(path) lacks \(status)") }
                if operation["requestBody"] != nil {
                    #expect(responses["415"] != nil && responses["422"] != nil, "\(method) \(path)")
                }
            }
        }
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let course = try #require((schemas["Course"] as? [String: Any])?["properties"] as? [String: [String: Any]])
        #expect(course["title"]?["maxLength"] as? Int == TextLimit.title)
        #expect(course["code"]?["pattern"] as? String == Schema.code)
        let run = try #require((schemas["RunInput"] as? [String: Any])?["properties"] as? [String: [String: Any]])
        #expect(run["capacity"]?["maximum"] as? Int == RunRules.maxCapacity)
    }
}
