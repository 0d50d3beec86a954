import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("Delivery: attendance, results and certificates")
struct DeliveryTests {
    @Test func completionIssuesVerifiableCertificatesAndRevocationShows() async throws {
        try await withPrepRoom(seed: true) { app in
            let run = try await makeRun(app, capacity: 3)
            let runID = try run.requireID().uuidString
            let members = try await makeMembers(app, count: 4)
            var ids: [String] = []
            for member in members { ids.append(try #require(try await book(app, run: run, token: member.token).json()["id"] as? String)) }
            let admin = try await token(app, role: .courseAdmin)
            func post(_ path: String, _ body: [String: Any], as bearer: String) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/\(path)", headers: .json(bearer: bearer), body: jsonBody(body))
            }
            // Delegate 0 completes; 1 attends only day 1; 2 attends both but does not pass.
            for session in 0..<2 {
                #expect(try await post("attendance", ["bookingId": ids[0], "session": session, "present": true], as: admin).status == .ok)
                #expect(try await post("attendance", ["bookingId": ids[2], "session": session, "present": true], as: admin).status == .ok)
            }
            #expect(try await post("attendance", ["bookingId": ids[1], "session": 0, "present": true], as: admin).status == .ok)
            #expect(try await post("results", ["bookingId": ids[0], "outcome": "passed"], as: admin).status == .ok)
            #expect(try await post("results", ["bookingId": ids[1], "outcome": "passed"], as: admin).status == .ok)
            #expect(try await post("results", ["bookingId": ids[2], "outcome": "not_passed"], as: admin).status == .ok)

            let waitlisted = try await post("results", ["bookingId": ids[3], "outcome": "passed"], as: admin)
            #expect(waitlisted.status == .unprocessableEntity)
            #expect(try waitlisted.apiError()["field"] as? String == "bookingId")
            #expect(try await post("results", ["bookingId": UUID().uuidString, "outcome": "passed"], as: admin).status == .unprocessableEntity)
            #expect(try await post("attendance", ["bookingId": ids[0], "session": 5, "present": true], as: admin).status == .unprocessableEntity)
            #expect(try await post("results", ["bookingId": ids[0], "outcome": "passed"], as: members[0].token).status == .forbidden)
            let early = try await post("close", [:], as: admin)
            #expect(early.status == .conflict)
            #expect(try early.apiError()["code"] as? String == "run_not_delivered")

            try await moveIntoThePast(app, run: run)
            let closed = try await post("close", [:], as: admin)
            #expect(closed.status == .ok)
            #expect(try closed.json()["completed"] as? Int == 1)
            #expect(try closed.json()["certificatesIssued"] as? Int == 1)
            #expect((try closed.json()["verification"] as? [String: Any])?["selected"] as? Bool == false)
            #expect(try await post("close", [:], as: admin).status == .conflict)
            #expect(try await post("results", ["bookingId": ids[0], "outcome": "not_passed"], as: admin).status == .conflict)

            let mine = try await app.testing().sendRequest(.GET, "/api/v1/me/certificates", headers: .bearer(members[0].token)).json()
            let certificate = try #require((mine["items"] as? [[String: Any]])?.first)
            let number = try #require(certificate["number"] as? String)
            #expect(number.hasPrefix("PR-") && number.count == 22)
            #expect(certificate["scqfLevel"] as? Int == 6)
            let verified = try await app.testing().sendRequest(.GET, "/api/v1/certificates/\(number.lowercased())").json()
            #expect(verified["valid"] as? Bool == true)
            #expect(verified["holderName"] as? String == "Member 0")
            #expect(verified["courseCode"] as? String == "chemical-handling")
            #expect(verified.keys.contains("expiresAt"))
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/certificates/PR-0000-0000-0000-0000").status == .notFound)

            #expect(try await app.testing().sendRequest(.POST, "/api/v1/certificates/\(number)/revoke", headers: .json(bearer: members[0].token),
                                                        body: jsonBody(["reason": "x"])).status == .forbidden)
            let revoked = try await app.testing().sendRequest(.POST, "/api/v1/certificates/\(number)/revoke", headers: .json(bearer: admin),
                                                              body: jsonBody(["reason": "Assessment evidence was incomplete"]))
            #expect(revoked.status == .ok)
            let after = try await app.testing().sendRequest(.GET, "/api/v1/certificates/\(number)").json()
            #expect(after["valid"] as? Bool == false)
            #expect(after["standing"] as? String == "revoked")
            let actions = Set(try await AuditEntry.query(on: app.db).all().map(\.action))
            #expect(actions.isSuperset(of: ["attendance.recorded", "result.recorded", "run.closed", "certificate.issued", "certificate.revoked"]))
        }
    }
}
