import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("Equality monitoring")
struct EqualityTests {
    @Test func aMemberAnswersChangesAndErasesTheirOwnAnswers() async throws {
        try await withPrepRoom(seed: true) { app in
            let member = try #require(try await makeMembers(app, count: 1).first)
            let saved = try await app.testing().sendRequest(.PUT, "/api/v1/me/equality", headers: .json(bearer: member.token),
                                                            body: jsonBody(["ageBand": "35 to 44", "sex": "Female", "ethnicGroup": "Prefer not to say"]))
            #expect(saved.status == .ok, "\(saved.text)")
            #expect(try saved.json()["sex"] as? String == "Female")
            let bad = try await app.testing().sendRequest(.PUT, "/api/v1/me/equality", headers: .json(bearer: member.token),
                                                          body: jsonBody(["sex": "Robot"]))
            #expect(bad.status == .unprocessableEntity)
            #expect(try bad.apiError()["field"] as? String == "sex")
            #expect(try await EqualityStore.answers(of: member.user.requireID(), on: app.db)?.answers[.sex] == "Female", "unchanged")
            let erased = try await app.testing().sendRequest(.DELETE, "/api/v1/me/equality", headers: .bearer(member.token))
            #expect(erased.status == .noContent)
            #expect(try await EqualityDeclaration.query(on: app.db).count() == 0)
        }
    }

    @Test func staffSeeOnlyAggregatesWithCellsUnderFiveSuppressed() async throws {
        try await withPrepRoom(seed: true) { app in
            let manager = try await token(app, role: .manager)
            let from = ServiceTime.isoDay(Date()), to = ServiceTime.isoDay(Date().addingTimeInterval(60 * 86_400))
            let empty = try await app.testing().sendRequest(.GET, "/api/v1/reports/equality?from=\(from)&to=\(to)", headers: .bearer(manager)).json()
            #expect(empty["everythingSuppressed"] as? Bool == true)
            let page = try await app.testing().sendRequest(.GET, "/staff/reports/equality?from=\(from)&to=\(to)", headers: .bearer(manager))
            #expect(page.text.contains("Too few people answered in this period"))

            let run = try await makeRun(app, capacity: 20)
            for (index, member) in try await makeMembers(app, count: 8).enumerated() {
                _ = try await book(app, run: run, token: member.token)
                _ = try await app.testing().sendRequest(.PUT, "/api/v1/me/equality", headers: .json(bearer: member.token),
                                                        body: jsonBody(["sex": index < 6 ? "Female" : "Male"]))
            }
            // Someone who answered but booked nothing in the period is not counted.
            let outsider = try #require(try await makeMembers(app, count: 1, prefix: "outsider").first)
            _ = try await app.testing().sendRequest(.PUT, "/api/v1/me/equality", headers: .json(bearer: outsider.token), body: jsonBody(["sex": "Female"]))

            let report = try await app.testing().sendRequest(.GET, "/api/v1/reports/equality?from=\(from)&to=\(to)", headers: .bearer(manager)).json()
            #expect(report["everythingSuppressed"] as? Bool == false)
            let questions = try #require(report["questions"] as? [[String: Any]])
            let sex = try #require(questions.first { $0["question"] as? String == "sex" })
            let cells = try #require(sex["cells"] as? [[String: Any]])
            #expect(cells.first { $0["category"] as? String == "Female" }?["count"] as? Int == 6)
            let male = try #require(cells.first { $0["category"] as? String == "Male" })
            #expect(male["suppressed"] as? Bool == true)
            #expect(male["count"] is NSNull || male["count"] == nil, "2 is under 5: never shown")
            #expect((questions.first { $0["question"] as? String == "ageBand" })?["allSuppressed"] as? Bool == true)
            let technician = try await token(app, role: .technician)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/reports/equality", headers: .bearer(technician)).status == .forbidden)
        }
    }
}
