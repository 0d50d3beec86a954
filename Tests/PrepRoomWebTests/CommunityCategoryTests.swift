import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// Moderators manage the categories; who reads one follows its setting everywhere,
/// the search included. On the real database, both engines.
@Suite("Techné: categories")
struct CommunityCategoryTests {
    @Test func moderatorsAddAndChangeCategoriesAndTheSearchFollows() async throws {
        try await withPrepRoom { app in
            let member = try await token(app, role: .technician, email: "member@school.sch.uk")
            let moderator = try await token(app, role: .moderator, email: "mod@sserc.org.uk")
            func add(_ token: String, _ fields: [String: Any]) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.POST, "/api/v1/community/categories", headers: .json(bearer: token), body: jsonBody(fields))
            }
            let fields: [String: Any] = ["key": "lab-technology", "name": "Lab technology", "description": "Balances, meters and loggers."]
            #expect(try await add(member, fields).status == .forbidden)
            #expect(try await add(moderator, fields.merging(["key": "council"]) { $1 }).status == .unprocessableEntity, "a key Techné's pages use")
            #expect(try await add(moderator, fields).status == .created)
            #expect(try await add(moderator, fields).status == .conflict)
            let list = try await app.testing().sendRequest(.GET, "/api/v1/community/categories").json()
            #expect((list["items"] as? [[String: Any]])?.last?["key"] as? String == "lab-technology", "last in the list")

            let topic = try await app.testing().sendRequest(.POST, "/api/v1/community/categories/lab-technology/topics", headers: .json(bearer: member),
                                                            body: jsonBody(["title": "Calibrating top-pan balances", "body": "How often?"]))
            #expect(topic.status == .created)
            #expect(try (await app.testing().sendRequest(.GET, "/api/v1/search?q=balances").json()["items"] as? [Any])?.count == 1)

            let closed = try await app.testing().sendRequest(.PUT, "/api/v1/community/categories/lab-technology", headers: .json(bearer: moderator),
                                                             body: jsonBody(["name": "Lab technology", "description": "Members only now.", "membersOnly": true]))
            #expect(try closed.status == .ok && closed.json()["membersOnly"] as? Bool == true)
            #expect(try (await app.testing().sendRequest(.GET, "/api/v1/search?q=balances").json()["items"] as? [Any])?.isEmpty == true,
                    "members-only now: gone from visitors' search")
            #expect(try (await app.testing().sendRequest(.GET, "/api/v1/search?q=balances", headers: .bearer(member)).json()["items"] as? [Any])?.count == 1)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/community/categories/lab-technology/topics").status == .unauthorized)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action ~~ "community.category").count() == 2)

            // The page: a moderator's forms, each field with its own id; not for members.
            _ = try await makeUser(app, email: "mod2@sserc.org.uk", role: .moderator)
            let browser = Browser(app)
            _ = try await browser.signIn("mod2@sserc.org.uk")
            let page = try await browser.get("/staff/community/categories").body.string
            #expect(page.contains("id=\"name-lab-technology\"") && page.contains("id=\"name-chemistry\""))
            let saved = try await browser.post("/staff/community/categories/chemistry", form: [("name", "Chemistry"), ("description", "Reagents and more.")])
            #expect(saved.status == .seeOther)
            #expect(try await CommunityStore.category(key: "chemistry", on: app.db)?.description == "Reagents and more.")
            _ = try await makeUser(app, email: "tech2@school.sch.uk", role: .technician)
            let memberBrowser = Browser(app)
            _ = try await memberBrowser.signIn("tech2@school.sch.uk")
            #expect(try await memberBrowser.get("/staff/community/categories").status == .forbidden)
        }
    }
}
