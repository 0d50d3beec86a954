import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// A new member's first posts wait for a moderator; moderators pin and move topics. On the
/// real database, both engines.
@Suite("Techné: approval, pinning and moving")
struct CommunityApprovalTests {
    private let links = Links(base: "https://preproom.example")

    private func holdFirstPosts(_ app: Application, _ count: Int) async throws {
        try await Setting.store(CommunityRules.firstPostsHeldSetting, String(count), by: nil, on: app.db)
    }

    private func start(_ app: Application, _ token: String, in category: String = "chemistry", _ title: String) async throws -> [String: Any] {
        let response = try await app.testing().sendRequest(.POST, "/api/v1/community/categories/\(category)/topics", headers: .json(bearer: token),
                                                           body: jsonBody(["title": title, "body": "Body of \(title)"]))
        #expect(response.status == .created, "\(response.text)")
        return try response.json()
    }

    @Test func aNewMembersFirstPostsWaitUntilAModeratorApproves() async throws {
        try await withPrepRoom { app in
            try await holdFirstPosts(app, 2)
            let newcomer = try await makeUser(app, email: "new@school.sch.uk", role: .technician)
            let newToken = try await Tokens.issue(for: newcomer, on: app.db)
            let other = try await token(app, role: .technician, email: "other@school.sch.uk")
            let moderator = try await token(app, role: .moderator, email: "mod@sserc.org.uk")
            let follower = try await token(app, role: .technician, email: "follower@school.sch.uk")
            _ = try await app.testing().sendRequest(.PUT, "/api/v1/community/categories/chemistry/follow", headers: .bearer(follower))

            let first = try await start(app, newToken, "Storing picric acid safely")
            let topicID = try #require(first["id"] as? String)
            #expect((first["posts"] as? [[String: Any]])?.first?["held"] as? Bool == true, "the author sees their own post, marked held")
            // Nobody else sees it, it is in nobody's search, and nobody is told of it.
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/community/topics/\(topicID)", headers: .bearer(other)).status == .notFound)
            let list = try await app.testing().sendRequest(.GET, "/api/v1/community/categories/chemistry/topics").json()
            #expect((list["items"] as? [Any])?.isEmpty == true)
            #expect(try (await app.testing().sendRequest(.GET, "/api/v1/search?q=picric").json()["items"] as? [Any])?.isEmpty == true)
            try await CommunityFanout(db: app.db, links: links).run()
            #expect(try await CommunityNotification.query(on: app.db).count() == 0)

            let held = try await app.testing().sendRequest(.GET, "/api/v1/community/held", headers: .bearer(moderator)).json()
            let postID = try #require((held["items"] as? [[String: Any]])?.first?["postId"] as? String)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/community/held", headers: .bearer(other)).status == .forbidden)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/community/posts/\(postID)/approve", headers: .bearer(other)).status == .forbidden)
            let approved = try await app.testing().sendRequest(.POST, "/api/v1/community/posts/\(postID)/approve", headers: .bearer(moderator))
            #expect(try approved.status == .ok && approved.json()["held"] as? Bool == false)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/community/posts/\(postID)/approve", headers: .bearer(moderator)).status == .conflict)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/community/topics/\(topicID)", headers: .bearer(other)).status == .ok)
            #expect(try (await app.testing().sendRequest(.GET, "/api/v1/search?q=picric").json()["items"] as? [Any])?.count == 1)
            try await CommunityFanout(db: app.db, links: links).run()
            #expect(try await CommunityNotification.query(on: app.db).filter(\.$kind == .topic).count() == 1, "the follower is told once it is approved")

            // The second waits too; turned down, it stays hidden and its author is told why.
            let reply = try await app.testing().sendRequest(.POST, "/api/v1/community/topics/\(topicID)/replies", headers: .json(bearer: newToken),
                                                            body: jsonBody(["body": "Also: keep it wet."]))
            let replyID = try #require(try reply.json()["id"] as? String)
            #expect(try reply.json()["held"] as? Bool == true)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/community/posts/\(replyID)/reject", headers: .json(bearer: moderator),
                                                        body: jsonBody(["reason": ""])).status == .unprocessableEntity)
            let turned = try await app.testing().sendRequest(.POST, "/api/v1/community/posts/\(replyID)/reject", headers: .json(bearer: moderator),
                                                             body: jsonBody(["reason": "Please give the source for that."]))
            #expect(try turned.status == .ok && turned.json()["hidden"] as? Bool == true)
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$recipient == newcomer.email).count() == 1)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action ~~ "community.").filter(\.$action != "community.locked").count() >= 2)

            // One approved post of two: the third still waits; moderators never wait.
            let third = try await start(app, newToken, "Disposing of old sodium")
            #expect((third["posts"] as? [[String: Any]])?.first?["held"] as? Bool == true)
            let mine = try await start(app, moderator, "Pinned: read this first")
            #expect((mine["posts"] as? [[String: Any]])?.first?["held"] as? Bool == false)

            // Admins set the number; 0 lets everything through.
            func set(_ token: String, _ value: Int) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.PUT, "/api/v1/community/settings", headers: .json(bearer: token), body: jsonBody(["firstPostsHeld": value]))
            }
            #expect(try await set(moderator, 0).status == .forbidden)
            let admin = try await token(app, role: .admin, email: "admin@sserc.org.uk")
            #expect(try await set(admin, 99).status == .unprocessableEntity)
            #expect(try await set(admin, 0).status == .ok)
            let fourth = try await start(app, newToken, "Cleaning burettes quickly")
            #expect((fourth["posts"] as? [[String: Any]])?.first?["held"] as? Bool == false)
        }
    }

    @Test func moderatorsPinAndMoveTopics() async throws {
        try await withPrepRoom { app in
            let member = try await token(app, role: .technician, email: "member@school.sch.uk")
            let moderator = try await token(app, role: .moderator, email: "mod@sserc.org.uk")
            let old = try #require(try await start(app, member, "An older topic about burners")["id"] as? String)
            _ = try await start(app, member, "A newer topic about tripods")
            func pin(_ token: String, _ pinned: Bool) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.POST, "/api/v1/community/topics/\(old)/pin", headers: .json(bearer: token), body: jsonBody(["pinned": pinned]))
            }
            #expect(try await pin(member, true).status == .forbidden)
            #expect(try await pin(moderator, true).status == .ok)
            let list = try await app.testing().sendRequest(.GET, "/api/v1/community/categories/chemistry/topics").json()
            #expect((list["items"] as? [[String: Any]])?.first?["title"] as? String == "An older topic about burners", "pinned first")
            #expect((list["items"] as? [[String: Any]])?.first?["pinned"] as? Bool == true)

            func move(_ token: String, _ key: String) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.POST, "/api/v1/community/topics/\(old)/move", headers: .json(bearer: token), body: jsonBody(["category": key]))
            }
            #expect(try await move(member, "physics").status == .forbidden)
            #expect(try await move(moderator, "no-such").status == .unprocessableEntity)
            let moved = try await move(moderator, "physics")
            #expect(try moved.status == .ok && moved.json()["category"] as? String == "physics")
            let found = try await app.testing().sendRequest(.GET, "/api/v1/search?q=burners&subject=physics").json()
            #expect((found["items"] as? [Any])?.count == 1, "the search follows the move")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "community.moved").count() == 1)

            let page = try await app.testing().sendRequest(.GET, "/community/physics").body.string
            #expect(page.contains("Pinned"))
        }
    }
}
