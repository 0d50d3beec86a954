import Fluent
import NIOConcurrencyHelpers
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// Visitors' topic and category pages come from a cache kept against revisions that
/// database triggers raise (`AddCommunityRevisions`): every change a visitor would see must
/// reach them at once, whichever writer made it. On the real database, both engines.
@Suite("Techné: visitors' cached pages")
struct CommunityPageCacheTests {
    @Test func everyVisibleChangeReachesTheCachedTopicAndCategoryPages() async throws {
        try await withPrepRoom { app in
            let author = try await makeUser(app, email: "asker@school.sch.uk", role: .technician)
            let asker = try await Tokens.issue(for: author, on: app.db)
            let other = try await token(app, role: .technician, email: "answerer@school.sch.uk")
            let moderator = try await token(app, role: .moderator, email: "mod@sserc.org.uk")
            let started = try await app.testing().sendRequest(.POST, "/api/v1/community/categories/chemistry/topics", headers: .json(bearer: asker),
                                                              body: jsonBody(["title": "Storing sodium", "body": "Under oil, but which oil?"]))
            let topic = try #require(try started.json()["id"] as? String)
            func visitorSees(_ path: String) async throws -> String {
                let response = try await app.testing().sendRequest(.GET, path)
                #expect(response.status == .ok, "\(path)")
                return response.body.string
            }
            let topicPath = "/community/topics/\(topic)"
            let first = try await visitorSees(topicPath)
            #expect(first.contains("Under oil, but which oil?"))
            #expect(try await visitorSees(topicPath) == first, "unchanged: the same page")
            #expect(app.communityCache.size.entries == 1, "kept for the next visitor")
            #expect(try await visitorSees("/community/chemistry").contains("Storing sodium"))

            // A reply (through the API): on the topic's page and counted in the category's.
            let replied = try await app.testing().sendRequest(.POST, "/api/v1/community/topics/\(topic)/replies", headers: .json(bearer: other),
                                                              body: jsonBody(["body": "Liquid paraffin, topped up each term."]))
            let replyID = try #require(try replied.json()["id"] as? String)
            #expect(try await visitorSees(topicPath).contains("Liquid paraffin"))

            // An edit, then the reply hidden by a moderator.
            _ = try await app.testing().sendRequest(.PUT, "/api/v1/community/posts/\(replyID)", headers: .json(bearer: other),
                                                    body: jsonBody(["body": "Liquid paraffin, checked every month."]))
            #expect(try await visitorSees(topicPath).contains("checked every month"))
            let hidden = try await app.testing().sendRequest(.POST, "/api/v1/community/posts/\(replyID)/hide", headers: .json(bearer: moderator),
                                                             body: jsonBody(["reason": "Off topic"]))
            #expect(hidden.status == .ok)
            #expect(try await !visitorSees(topicPath).contains("checked every month"))

            // The author's new name (written straight to the table: the trigger, not the writer, raises it).
            author.name = "Asha Renamed"
            try await author.save(on: app.db)
            #expect(try await visitorSees(topicPath).contains("Asha Renamed"))

            // Locked, the category's new name, and a move.
            _ = try await app.testing().sendRequest(.POST, "/api/v1/community/topics/\(topic)/lock", headers: .json(bearer: moderator), body: jsonBody(["locked": true]))
            #expect(try await visitorSees(topicPath).contains("This topic is locked"))
            let renamed = try await app.testing().sendRequest(.PUT, "/api/v1/community/categories/chemistry", headers: .json(bearer: moderator),
                                                              body: jsonBody(["name": "Chemistry and chemicals", "description": "Renamed.", "membersOnly": false]))
            #expect(renamed.status == .ok)
            #expect(try await visitorSees(topicPath).contains("Chemistry and chemicals"))
            let moved = try await app.testing().sendRequest(.POST, "/api/v1/community/topics/\(topic)/move", headers: .json(bearer: moderator),
                                                            body: jsonBody(["category": "physics"]))
            #expect(moved.status == .ok)
            #expect(try await !visitorSees("/community/chemistry").contains("Storing sodium"), "gone from the category it left")
            #expect(try await visitorSees("/community/physics").contains("Storing sodium"))

            // Members-only: visitors are sent to sign in, and nothing of it is kept.
            _ = try await app.testing().sendRequest(.PUT, "/api/v1/community/categories/physics", headers: .json(bearer: moderator),
                                                    body: jsonBody(["name": "Physics", "description": "Members only now.", "membersOnly": true]))
            let closed = try await app.testing().sendRequest(.GET, topicPath)
            #expect(closed.status == .seeOther && closed.headers.first(name: .location)?.contains("sign-in") == true)
            #expect(try await app.testing().sendRequest(.GET, "/community/physics").status == .seeOther)
        }
    }

    @Test func aSignedInMemberIsNeverServedTheVisitorsCopy() async throws {
        try await withPrepRoom { app in
            let member = try await token(app, role: .technician, email: "member@school.sch.uk")
            let started = try await app.testing().sendRequest(.POST, "/api/v1/community/categories/biology/topics", headers: .json(bearer: member),
                                                              body: jsonBody(["title": "Agar plates", "body": "Pouring tips?"]))
            let topic = try #require(try started.json()["id"] as? String)
            #expect(try await !app.testing().sendRequest(.GET, "/community/topics/\(topic)").body.string.contains("Post the reply"))
            let browser = Browser(app)
            _ = try await browser.signIn("member@school.sch.uk")
            let page = try await browser.get("/community/topics/\(topic)").body.string
            #expect(page.contains("Post the reply") && !page.contains("Sign in to reply"))
        }
    }

    @Test func theCacheKeepsWithinItsBudget() {
        let cache = ResponseCache(capacity: 8, byteBudget: 4_000)
        for n in 0..<100 {
            cache.put("page-\(n)", .init(version: "1", body: ByteBuffer(string: String(repeating: "x", count: 300)), contentType: .html))
            #expect(cache.size.entries <= 8 && cache.size.bytes <= 4_000)
        }
        #expect(cache.get("page-99", version: "1") != nil, "the newest is kept")
        #expect(cache.get("page-99", version: "2") == nil, "another version is a miss")
        cache.put("huge", .init(version: "1", body: ByteBuffer(string: String(repeating: "x", count: 2_000)), contentType: .html))
        #expect(cache.get("huge", version: "1") == nil, "a body over a quarter of the budget is not kept")
    }
    @Test func visitorsArrivingTogetherShareOneRendering() async throws {
        struct Broken: Error {}
        let cache = ResponseCache()
        let renders = NIOLockedValueBox(0)
        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    let response = try await cache.respondOnce(key: "topic", version: "7") {
                        renders.withLockedValue { $0 += 1 }
                        try await Task.sleep(for: .milliseconds(100))
                        return .init(version: "7", body: ByteBuffer(string: "the page"), contentType: .html)
                    }
                    return response.body.string ?? ""
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(bodies == Array(repeating: "the page", count: 20))
        #expect(renders.withLockedValue { $0 } == 1)
        // A rendering that fails fails those waiting for it, and is not kept.
        await #expect(throws: Broken.self) {
            _ = try await cache.respondOnce(key: "topic", version: "8") { throw Broken() }
        }
        _ = try await cache.respondOnce(key: "topic", version: "8") {
            renders.withLockedValue { $0 += 1 }
            return .init(version: "8", body: ByteBuffer(string: "the new page"), contentType: .html)
        }
        #expect(renders.withLockedValue { $0 } == 2 && cache.get("topic", version: "8") != nil)
    }
}
