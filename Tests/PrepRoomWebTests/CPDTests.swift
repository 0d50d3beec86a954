import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("The CPD record")
struct CPDTests {
    @Test func certificatesEnterByThemselvesAndInformalEntriesAddUp() async throws {
        try await withPrepRoom(seed: true) { app in
            let members = try await makeMembers(app, count: 2)
            let me = members[0]
            let course = try #require(try await CatalogueQuery.course(code: "chemical-handling", on: app.db))
            let certificate = Certificate()
            certificate.number = CertificateRules.newNumber()
            certificate.$user.id = try me.user.requireID()
            certificate.$course.id = try course.requireID()
            certificate.holderName = me.user.name; certificate.courseCode = course.code; certificate.courseTitle = course.title
            certificate.scqfCredits = 2; certificate.hours = 12
            certificate.issuedAt = ServiceTime.london(2025, 9, 4, 16)
            try await certificate.create(on: app.db)

            func post(_ body: [String: Any], as token: String) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.POST, "/api/v1/me/cpd", headers: .json(bearer: token), body: jsonBody(body))
            }
            let added = try await post(["kind": "shadowing", "title": "Shadowed the PT physics technician", "date": "2026-02-10",
                                        "hours": 3.5, "reflection": "Learned the Geiger counter checks"], as: me.token)
            #expect(added.status == .created)
            #expect(try await post(["kind": "online_learning", "title": "SSERC Meet: microscale chemistry", "date": "2026-03-01T16:00:00Z", "hours": 1], as: me.token).status == .created)

            let negative = try await post(["kind": "visit", "title": "Visit", "date": "2026-01-10", "hours": -2], as: me.token)
            #expect(negative.status == .unprocessableEntity)
            #expect(try negative.apiError()["field"] as? String == "hours")
            let future = try await post(["kind": "visit", "title": "Visit", "date": "2099-01-10", "hours": 2], as: me.token)
            #expect(future.status == .unprocessableEntity)
            #expect(try future.apiError()["field"] as? String == "date")
            let unknownKind = try await post(["kind": "napping", "title": "Nap", "date": "2026-01-10", "hours": 2], as: me.token)
            #expect(try unknownKind.apiError()["field"] as? String == "kind")

            let record = try await app.testing().sendRequest(.GET, "/api/v1/me/cpd", headers: .bearer(me.token)).json()
            #expect(record["total"] as? Int == 3)
            #expect(record["hours"] as? Double == 16.5)
            #expect(record["scqfCredits"] as? Int == 2)
            let items = try #require(record["items"] as? [[String: Any]])
            #expect(items.contains { $0["certificateNumber"] as? String == certificate.number && $0["title"] as? String == "Chemical Handling" })
            let byYear = try #require(record["byYear"] as? [[String: Any]])
            #expect(byYear.first { $0["key"] as? String == "2026" }?["hours"] as? Double == 4.5)
            #expect(byYear.first { $0["key"] as? String == "2025" }?["scqfCredits"] as? Int == 2)
            let byKind = try #require(record["byKind"] as? [[String: Any]])
            #expect(byKind.first { $0["key"] as? String == "shadowing" }?["hours"] as? Double == 3.5)

            let entryID = try #require(try added.json()["id"] as? String)
            let theirs = try await app.testing().sendRequest(.DELETE, "/api/v1/me/cpd/\(entryID)", headers: .bearer(members[1].token))
            #expect(theirs.status == .forbidden)
            #expect(try await app.testing().sendRequest(.DELETE, "/api/v1/me/cpd/\(entryID)", headers: .bearer(me.token)).status == .noContent)
            #expect(try await CPDEntry.query(on: app.db).count() == 1)
        }
    }

    @Test func csvEscapesQuotesAndFormulas() {
        let line = CPDBook.Line(item: CPDItem(date: ServiceTime.london(2026, 2, 10, 12), kind: .visit, title: "Visit to \"Dollar\" Academy",
                                              hours: 2, reflection: "=HYPERLINK(\"x\")"), entryID: nil)
        let csv = CPDBook.csv([line])
        #expect(csv.hasPrefix("\"Date\",\"Kind\""))
        #expect(csv.contains("\"Visit to \"\"Dollar\"\" Academy\""))
        #expect(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""), "formulas are neutralised")
        #expect(csv.contains("\"2026-02-10\""))
    }
}
