import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// Techné's moderation on the real database (both engines): members flag, moderators hide,
/// restore or dismiss, hidden posts are gone for members, and every wrong role is refused.
@Suite("Techné: moderation")
struct CommunityModerationTests {
    struct Forum {
        var asker: User, helper: User, moderator: User
        var askerToken: String, helperToken: String, moderatorToken: String
        var topic: String, opening: String, reply: String
    }

    private func forum(_ app: Application) async throws -> Forum {
        let asker = try await makeUser(app, email: "asker@school.sch.uk", role: .technician)
        let helper = try await makeUser(app, email: "helper@school.sch.uk", role: .technician)
        let moderator = try await makeUser(app, email: "mod@sserc.org.uk", role: .moderator)
        let askerToken = try await Tokens.issue(for: asker, on: app.db), helperToken = try await Tokens.issue(for: helper, on: app.db)
        let started = try await app.testing().sendRequest(.POST, "/api/v1/community/categories/chemistry/topics", headers: .json(bearer: askerToken),
                                                          body: jsonBody(["title": "Disposing of old silver nitrate", "body": "How do you?"]))
        let topic = try #require(try started.json()["id"] as? String)
        let opening = try #require(try (started.json()["posts"] as? [[String: Any]])?.first?["id"] as? String)
        let replied = try await app.testing().sendRequest(.POST, "/api/v1/community/topics/\(topic)/replies", headers: .json(bearer: helperToken),
                                                          body: jsonBody(["body": "Buy my miracle cleaner at spam.example"]))
        let reply = try #require(try replied.json()["id"] as? String)
        return Forum(asker: asker, helper: helper, moderator: moderator, askerToken: askerToken, helperToken: helperToken,
                     moderatorToken: try await Tokens.issue(for: moderator, on: app.db), topic: topic, opening: opening, reply: reply)
    }

    private func act(_ app: Application, _ token: String?, _ path: String, _ body: [String: Any] = [:]) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "/api/v1/community/posts/\(path)", headers: token.map { .json(bearer: $0) } ?? .json, body: jsonBody(body))
    }

    @Test func aFlaggedReplyIsHiddenByAModeratorAndGoneForMembers() async throws {
        try await withPrepRoom { app in
            let f = try await forum(app)
            #expect(try await act(app, nil, "\(f.reply)/flags", ["reason": "Spam"]).status == .unauthorized)
            #expect(try await act(app, f.helperToken, "\(f.reply)/flags", ["reason": "Mine"]).status == .forbidden, "not one's own post")
            #expect(try await act(app, f.askerToken, "\(f.reply)/flags", ["reason": "  "]).status == .unprocessableEntity)
            #expect(try await act(app, f.askerToken, "\(f.reply)/flags", ["reason": "Advertising"]).status == .created)
            #expect(try await act(app, f.askerToken, "\(f.reply)/flags", ["reason": "Again"]).status == .conflict)
            #expect(try await CommunityFlag.query(on: app.db).count() == 1)

            #expect(try await app.testing().sendRequest(.GET, "/api/v1/community/flags", headers: .bearer(f.askerToken)).status == .forbidden)
            let queue = try await app.testing().sendRequest(.GET, "/api/v1/community/flags", headers: .bearer(f.moderatorToken)).json()
            #expect((queue["items"] as? [[String: Any]])?.first?["reasons"] as? [String] == ["Advertising"])
            #expect(try await app.testing().sendRequest(.GET, "/staff/community/flags").status == .seeOther, "a visitor is sent to sign in")

            #expect(try await act(app, f.askerToken, "\(f.reply)/hide", ["reason": "Spam"]).status == .forbidden)
            #expect(try await act(app, f.moderatorToken, "\(f.reply)/hide", ["reason": ""]).status == .unprocessableEntity)
            let hidden = try await act(app, f.moderatorToken, "\(f.reply)/hide", ["reason": "Advertising is not allowed here."])
            #expect(try hidden.status == .ok && hidden.json()["hidden"] as? Bool == true)
            #expect(try await act(app, f.moderatorToken, "\(f.reply)/hide", ["reason": "Twice"]).status == .conflict)

            // Gone for members and visitors; moderators see it, marked.
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/community/posts/\(f.reply)", headers: .bearer(f.askerToken)).status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/community/posts/\(f.reply)").status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/community/posts/\(f.reply)", headers: .bearer(f.moderatorToken)).status == .ok)
            let topic = try await app.testing().sendRequest(.GET, "/api/v1/community/topics/\(f.topic)", headers: .bearer(f.askerToken)).json()
            #expect((topic["posts"] as? [[String: Any]])?.count == 1)
            #expect(!(try await app.testing().sendRequest(.GET, "/community/topics/\(f.topic)").body.string.contains("miracle cleaner")))
            #expect(try await act(app, f.askerToken, "\(f.reply)/flags", ["reason": "Still there?"]).status == .notFound)

            // The flag is closed, the action audited, the author told why.
            #expect(try await CommunityFlag.query(on: app.db).first()?.outcome == "hidden")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "community.hidden").count() == 1)
            let told = try await OutboxMessage.query(on: app.db).filter(\.$recipient == f.helper.email).all()
            #expect(told.count == 1 && told.first?.body.contains("Advertising is not allowed here.") == true)

            let restored = try await act(app, f.moderatorToken, "\(f.reply)/restore", ["reason": "The link is gone."])
            #expect(try restored.status == .ok && restored.json()["hidden"] as? Bool == false)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/community/posts/\(f.reply)", headers: .bearer(f.askerToken)).status == .ok)
            #expect(try await act(app, f.moderatorToken, "\(f.reply)/restore", ["reason": "Twice"]).status == .conflict)
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$recipient == f.helper.email).count() == 2)
        }
    }

    @Test func aHiddenOpeningPostTakesItsTopicAwayAndDismissingKeepsAPost() async throws {
        try await withPrepRoom { app in
            let f = try await forum(app)
            #expect(try await act(app, f.helperToken, "\(f.opening)/flags", ["reason": "Off topic"]).status == .created)
            #expect(try await act(app, f.askerToken, "\(f.opening)/dismiss").status == .forbidden)
            #expect(try await act(app, f.moderatorToken, "\(f.opening)/dismiss").status == .noContent)
            #expect(try await CommunityFlag.query(on: app.db).first()?.outcome == "dismissed")
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/community/topics/\(f.topic)", headers: .bearer(f.helperToken)).status == .ok)

            #expect(try await act(app, f.moderatorToken, "\(f.opening)/hide", ["reason": "Named a pupil."]).status == .ok)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/community/topics/\(f.topic)", headers: .bearer(f.helperToken)).status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/community/topics/\(f.topic)").status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/community/topics/\(f.topic)", headers: .bearer(f.moderatorToken)).status == .ok)
        }
    }

    @Test func theFormsFlagAndHideInABrowser() async throws {
        try await withPrepRoom { app in
            let f = try await forum(app)
            let member = Browser(app)
            _ = try await member.signIn(f.asker.email)
            let page = try await member.get("/community/topics/\(f.topic)")
            #expect(page.body.string.contains("Flag this post for a moderator") && !page.body.string.contains("Hide the post"))
            let flagged = try await member.post("/community/posts/\(f.reply)/flags", form: [("reason", "Looks like spam")])
            #expect(flagged.status == .seeOther && flagged.headers.first(name: .location)?.hasSuffix("#post-2") == true)
            let again = try await member.post("/community/posts/\(f.reply)/flags", form: [("reason", "Again")])
            #expect(again.status == .seeOther, "refused with the reason on the page")
            #expect(try await CommunityFlag.query(on: app.db).count() == 1)

            let moderator = Browser(app)
            _ = try await moderator.signIn(f.moderator.email)
            let queue = try await moderator.get("/staff/community/flags")
            #expect(queue.body.string.contains("Looks like spam") && queue.body.string.contains("Disposing of old silver nitrate"))
            #expect(try await moderator.get("/staff").body.string.contains("Flagged posts"))
            _ = try await moderator.get("/community/topics/\(f.topic)")
            #expect(try await moderator.post("/community/posts/\(f.reply)/hide", form: [("reason", "Spam")]).status == .seeOther)
            #expect(try await moderator.get("/community/topics/\(f.topic)").body.string.contains("Hidden from members: Spam"))
            #expect(try await moderator.get("/staff/community/flags").body.string.contains("Nothing is waiting"))
            #expect(try await member.get("/staff/community/flags").status == .forbidden)
        }
    }

    @Test func aSuspendedMemberIsToldUntilWhenAndPostsAgainOnceLifted() async throws {
        try await withPrepRoom { app in
            let f = try await forum(app)
            let helperID = try f.helper.requireID().uuidString
            func suspend(_ token: String, _ body: [String: Any]) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.PUT, "/api/v1/community/members/\(helperID)/suspension", headers: .json(bearer: token), body: jsonBody(body))
            }
            let nextWeek = ServiceTime.isoDay(ServiceTime.addingDays(7, to: ServiceTime.startOfDay(Date())))
            #expect(try await suspend(f.askerToken, ["until": nextWeek, "reason": "Spam"]).status == .forbidden)
            #expect(try await suspend(f.moderatorToken, ["until": ServiceTime.isoDay(Date()), "reason": "Spam"]).status == .unprocessableEntity, "today is not after today")
            #expect(try await suspend(f.moderatorToken, ["until": "2027-02-30", "reason": "Spam"]).status == .unprocessableEntity, "no such day")
            #expect(try await suspend(f.moderatorToken, ["until": nextWeek, "reason": ""]).status == .unprocessableEntity)
            #expect(try await CommunitySuspension.query(on: app.db).count() == 0)
            let suspended = try await suspend(f.moderatorToken, ["until": nextWeek, "reason": "Advertising, twice."])
            #expect(try suspended.status == .ok && suspended.json()["until"] as? String == nextWeek)

            let refused = try await app.testing().sendRequest(.POST, "/api/v1/community/topics/\(f.topic)/replies", headers: .json(bearer: f.helperToken),
                                                              body: jsonBody(["body": "Let me in"]))
            #expect(try refused.status == .forbidden && (refused.apiError()["code"] as? String) == "suspended")
            #expect(try (refused.apiError()["message"] as? String)?.contains("Advertising, twice.") == true)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/community/categories/physics/topics", headers: .json(bearer: f.helperToken),
                                                        body: jsonBody(["title": "A new question here", "body": "Hello"])).status == .forbidden)
            #expect(try await act(app, f.helperToken, "\(f.opening)/flags", ["reason": "Revenge"]).status == .forbidden)
            #expect(try await CommunityPost.query(on: app.db).count() == 2)
            #expect(try await CommunityFlag.query(on: app.db).count() == 0)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "community.suspended").count() == 1)

            let lift = { (token: String) in
                try await app.testing().sendRequest(.DELETE, "/api/v1/community/members/\(helperID)/suspension", headers: .bearer(token))
            }
            #expect(try await lift(f.askerToken).status == .forbidden)
            #expect(try await lift(f.moderatorToken).status == .noContent)
            #expect(try await lift(f.moderatorToken).status == .notFound)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/community/topics/\(f.topic)/replies", headers: .json(bearer: f.helperToken),
                                                        body: jsonBody(["body": "Back, and sorry"])).status == .created)
        }
    }

    @Test func postingFasterThanAPersonCouldIsSlowedDown() async throws {
        try await withPrepRoom { app in
            let f = try await forum(app)
            // The counter counts in fixed windows of the clock (ten minutes): twenty replies
            // posted across a boundary would meet two counters, so the helper's counter is
            // brought to one short of the limit in this window, then two replies are posted.
            let limit = CommunityRules.postsPerWindow
            let left = limit.windowSeconds - Int(Date().timeIntervalSince1970) % limit.windowSeconds
            if left < 15 { try await Task.sleep(for: .seconds(left + 1)) }
            var hits = 0
            while hits < limit.limit - 1 {
                hits = try await RateCounters.hit("\(limit.name):\(try f.helper.requireID())", windowSeconds: limit.windowSeconds, on: app.db).hits
            }
            var statuses: [HTTPStatus] = []
            for n in 1...2 {
                statuses.append(try await app.testing().sendRequest(.POST, "/api/v1/community/topics/\(f.topic)/replies", headers: .json(bearer: f.helperToken),
                                                                    body: jsonBody(["body": "Reply number \(n)"])).status)
            }
            #expect(statuses == [.created, .tooManyRequests], "the limit's last, then one too many")
            #expect(try await CommunityPost.query(on: app.db).count() == 3, "the refused reply changed nothing")
            // Someone else is not held up by it.
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/community/topics/\(f.topic)/replies", headers: .json(bearer: f.askerToken),
                                                        body: jsonBody(["body": "Thanks all"])).status == .created)
        }
    }
}
