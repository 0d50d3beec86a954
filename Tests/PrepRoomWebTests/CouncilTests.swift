import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// STAC on the real database (both engines): a seat for every organisation with its holder
/// or a vacancy, managers assign seats and publish meetings, members read the minutes (and
/// find them in the search), and a technician writes to their own representative.
@Suite("Techné: the council (STAC)")
struct CouncilTests {
    private func organisation(_ app: Application, _ name: String) async throws -> UUID {
        try #require(try await Organisation.query(on: app.db).filter(\.$name == name).first()?.requireID())
    }

    @Test func everyOrganisationHasASeatAndManagersAssignThem() async throws {
        try await withPrepRoom(seed: true) { app in
            let fife = try await organisation(app, "Fife Council")
            let rep = try await makeUser(app, email: "rep@fife.sch.uk", role: .technician, organisationID: fife)
            let outsider = try await makeUser(app, email: "out@school.sch.uk", role: .technician)
            let manager = try await token(app, role: .manager, email: "manager@sserc.org.uk")
            let moderator = try await token(app, role: .moderator, email: "mod@sserc.org.uk")

            let before = try await app.testing().sendRequest(.GET, "/api/v1/community/council").json()
            let seats = try #require(before["seats"] as? [[String: Any]])
            #expect(seats.count == (try await Organisation.query(on: app.db).count()) && before["vacancies"] as? Int == seats.count)
            #expect(seats.contains { $0["organisation"] as? String == "Jordanhill School" } && seats.contains { ($0["organisation"] as? String)?.contains("SCIS") == true })
            #expect(before["meetings"] as? [Any] == nil || (before["meetings"] as? [Any])?.isEmpty == true, "visitors read no meetings")

            func assign(_ token: String, _ user: User?) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.PUT, "/api/v1/community/council/seats/\(fife)", headers: .json(bearer: token),
                                                    body: jsonBody(["userId": try user.map { try $0.requireID().uuidString as Any } ?? NSNull()]))
            }
            #expect(try await assign(moderator, rep).status == .forbidden, "a moderator does not run the council")
            #expect(try await assign(manager, outsider).status == .unprocessableEntity, "a representative belongs to the organisation")
            #expect(try await assign(manager, rep).status == .noContent)
            let after = try await app.testing().sendRequest(.GET, "/api/v1/community/council").json()
            #expect((after["seats"] as? [[String: Any]])?.first { $0["organisation"] as? String == "Fife Council" }?["representative"] as? String == rep.name)
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$recipient == rep.email).filter(\.$subject ~~ "STAC").count() == 1)
            #expect(try await assign(manager, nil).status == .noContent)
            #expect(try await CouncilSeat.query(on: app.db).count() == 0, "vacant again")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action ~~ "council.seat").count() == 2)
        }
    }

    @Test func aTechnicianWritesToTheirRepresentativeAndReadsPublishedMinutes() async throws {
        try await withPrepRoom(seed: true) { app in
            let fife = try await organisation(app, "Fife Council")
            let rep = try await makeUser(app, email: "rep@fife.sch.uk", role: .technician, organisationID: fife)
            let tech = try await makeUser(app, email: "tech@fife.sch.uk", role: .technician, organisationID: fife)
            let techToken = try await Tokens.issue(for: tech, on: app.db)
            let manager = try await token(app, role: .manager, email: "manager@sserc.org.uk")
            func letter(_ body: String) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.POST, "/api/v1/community/council/letter", headers: .json(bearer: techToken), body: jsonBody(["body": body]))
            }
            #expect(try await letter("Please ask about funding for fume cupboard tests.").status == .conflict, "the seat is vacant")
            _ = try await CouncilDesk(db: app.db).assignSeat(of: fife, to: rep.requireID(), by: try #require(try await UserStore.find(email: "manager@sserc.org.uk", on: app.db)))
            let sent = try await letter("Please ask about funding for fume cupboard tests.")
            #expect(try sent.status == .created && sent.json()["representative"] as? String == rep.name)
            let mail = try #require(try await OutboxMessage.query(on: app.db).filter(\.$subject ~~ "a message from").first())
            #expect(mail.recipient == rep.email && mail.body.contains("fume cupboard") && mail.body.contains(tech.email))

            // A draft is for managers; published minutes are for members, and in the search.
            let made = try await app.testing().sendRequest(.POST, "/api/v1/community/council/meetings", headers: .json(bearer: manager),
                                                           body: jsonBody(["title": "STAC meeting, spring term", "heldOn": FutureDay(weeksAhead: -4).iso,
                                                                           "agenda": "1. Welcome\n2. Technician leadership course", "minutes": "The leadership course bid was rejected."]))
            #expect(made.status == .created, "\(made.text)")
            let id = try #require(try made.json()["id"] as? String)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/community/council/meetings/\(id)", headers: .bearer(techToken)).status == .notFound)
            #expect(try (await app.testing().sendRequest(.GET, "/api/v1/search?q=leadership&kind=minutes", headers: .bearer(techToken)).json()["items"] as? [Any])?.isEmpty == true)
            let published = try await app.testing().sendRequest(.PUT, "/api/v1/community/council/meetings/\(id)", headers: .json(bearer: manager),
                                                                body: jsonBody(["title": "STAC meeting, spring term", "heldOn": FutureDay(weeksAhead: -4).iso,
                                                                                "agenda": "1. Welcome\n2. Technician leadership course",
                                                                                "minutes": "The leadership course bid was rejected.", "publish": true]))
            #expect(try published.status == .ok && published.json()["published"] as? Bool == true)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/community/council/meetings/\(id)", headers: .bearer(techToken)).status == .ok)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/community/council/meetings/\(id)").status == .unauthorized)
            let found = try await app.testing().sendRequest(.GET, "/api/v1/search?q=leadership&kind=minutes", headers: .bearer(techToken)).json()
            #expect((found["items"] as? [[String: Any]])?.first?["kind"] as? String == "minutes")
            #expect(try (await app.testing().sendRequest(.GET, "/api/v1/search?q=leadership&kind=minutes").json()["items"] as? [Any])?.isEmpty == true, "members only")
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/community/council/meetings", headers: .json(bearer: manager),
                                                        body: jsonBody(["title": "Bad date meeting", "heldOn": "2027-02-30", "agenda": "x"])).status == .unprocessableEntity)

            // The page: the technician sees their representative and the form to write.
            let browser = Browser(app)
            _ = try await browser.signIn(tech.email)
            let page = try await browser.get("/community/council").body.string
            #expect(page.contains("Your representative for Fife Council is") && page.contains("Write to \(rep.name)") && page.contains("STAC meeting, spring term"))
            #expect(!page.contains("Change a seat"), "only managers change seats")
        }
    }
}
