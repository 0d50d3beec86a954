import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// Editing a post keeps what it said before, visibly; only its author (or a moderator)
/// edits; the search follows. On the real database, both engines.
@Suite("Techné: edits and their history")
struct CommunityEditTests {
    @Test func anAuthorEditsAndTheEarlierVersionStaysVisible() async throws {
        try await withPrepRoom { app in
            let author = try await makeUser(app, email: "author@school.sch.uk", role: .technician)
            let authorToken = try await Tokens.issue(for: author, on: app.db)
            let other = try await token(app, role: .technician, email: "other@school.sch.uk")
            let moderator = try await token(app, role: .moderator, email: "mod@sserc.org.uk")
            let started = try await app.testing().sendRequest(.POST, "/api/v1/community/categories/chemistry/topics", headers: .json(bearer: authorToken),
                                                              body: jsonBody(["title": "Diluting sulfuric acid", "body": "Add water to the acid."]))
            let topic = try #require(try started.json()["id"] as? String)
            let postID = try #require((try started.json()["posts"] as? [[String: Any]])?.first?["id"] as? String)
            func change(_ token: String, _ body: String) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.PUT, "/api/v1/community/posts/\(postID)", headers: .json(bearer: token), body: jsonBody(["body": body]))
            }
            #expect(try await change(other, "Vandalised").status == .forbidden)
            let edited = try await change(authorToken, "Add the acid to the water, slowly!")
            #expect(try edited.status == .ok && edited.json()["editedAt"] as? String != nil)
            let versions = try await app.testing().sendRequest(.GET, "/api/v1/community/posts/\(postID)/versions").json()
            #expect((versions["items"] as? [[String: Any]])?.map { $0["body"] as? String } == ["Add water to the acid."])
            #expect(try (await app.testing().sendRequest(.GET, "/api/v1/search?q=slowly").json()["items"] as? [Any])?.count == 1)

            let page = try await app.testing().sendRequest(.GET, "/community/topics/\(topic)").body.string
            #expect(page.contains("earlier versions (1)") && page.contains("Add water to the acid.") && page.contains("slowly!"))

            // Locked: the author may not; a moderator may, and is audited.
            _ = try await app.testing().sendRequest(.POST, "/api/v1/community/topics/\(topic)/lock", headers: .json(bearer: moderator), body: jsonBody(["locked": true]))
            #expect(try await change(authorToken, "Changed again").status == .forbidden)
            #expect(try await change(moderator, "Add the acid to the water, slowly, wearing goggles.").status == .ok)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "community.edited").count() == 1)
            #expect(try await CommunityPostEdit.query(on: app.db).count() == 2)

            // The author leaves: their earlier versions go with their text.
            _ = try await Privacy(db: app.db, links: Links(base: "https://preproom.example")).erase(author, by: nil)
            #expect(try await CommunityPostEdit.query(on: app.db).count() == 0)
        }
    }
}
