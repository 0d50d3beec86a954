import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
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
            #expect(cells.first { $0["category"] as? String == "Female" }?["count"] as? Int == 5, "6, rounded to the nearest 5")
            let male = try #require(cells.first { $0["category"] as? String == "Male" })
            #expect(male["suppressed"] as? Bool == true)
            #expect(male["count"] is NSNull || male["count"] == nil, "2 is under 5: never shown")
            #expect((questions.first { $0["question"] as? String == "ageBand" })?["allSuppressed"] as? Bool == true)
            let technician = try await token(app, role: .technician)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/reports/equality", headers: .bearer(technician)).status == .forbidden)
        }
    }

    /// The finding: 1–6 Oct showed Male 5, 1–13 Oct Male 6, so one named delegate's
    /// sex could be read off the difference. Periods are whole months now and counts rounded.
    @Test func twoPeriodsOneDelegateApartCannotBeSubtracted() async throws {
        try await withPrepRoom(seed: true) { app in
            let manager = try await token(app, role: .manager)
            // Two runs in one month two months ahead: on the 2nd and on the 10th.
            let month = ServiceTime.addingMonths(2, to: ServiceTime.startOfMonth(Date()))
            func days(to day: Int) throws -> Double {
                let date = try #require(ServiceTime.calendar.date(byAdding: .day, value: day - 1, to: month))
                return date.addingTimeInterval(10 * 3600).timeIntervalSinceNow / 86_400
            }
            let early = try await makeRun(app, capacity: 20, days: try days(to: 2), sessions: 1)
            let late = try await makeRun(app, capacity: 20, days: try days(to: 10), sessions: 1)
            let members = try await makeMembers(app, count: 6)
            for (index, member) in members.enumerated() {
                _ = try await book(app, run: index < 5 ? early : late, token: member.token)
                _ = try await app.testing().sendRequest(.PUT, "/api/v1/me/equality", headers: .json(bearer: member.token), body: jsonBody(["sex": "Male"]))
            }
            func male(from: Int, to: Int) async throws -> Int? {
                func day(_ n: Int) -> String { ServiceTime.isoDay(ServiceTime.calendar.date(byAdding: .day, value: n - 1, to: month)!) }
                let report = try await app.testing().sendRequest(.GET, "/api/v1/reports/equality?from=\(day(from))&to=\(day(to))",
                                                                 headers: .bearer(manager)).json()
                let sex = (report["questions"] as? [[String: Any]])?.first { $0["question"] as? String == "sex" }
                return (sex?["cells"] as? [[String: Any]])?.first { $0["category"] as? String == "Male" }?["count"] as? Int
            }
            let narrow = try await male(from: 1, to: 6), wide = try await male(from: 1, to: 13)
            #expect(narrow == 5)
            #expect(narrow == wide, "five men, or six: the two periods show the same")
            #expect(wide.map { $0 % 5 == 0 } == true, "every count shown is a multiple of 5")
        }
    }
}
