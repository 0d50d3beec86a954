import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Techné's discussion on the real database (both engines): asking, replying, the reply
/// that solved it, locking, who reads which category, and what members write staying text.
@Suite("Techné: discussion")
struct CommunityTests {
    private func start(_ app: Application, _ token: String, in category: String = "chemistry",
                       _ fields: [String: Any]) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "/api/v1/community/categories/\(category)/topics", headers: .json(bearer: token), body: jsonBody(fields))
    }

    private func reply(_ app: Application, _ token: String, topic: String, _ body: String) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "/api/v1/community/topics/\(topic)/replies", headers: .json(bearer: token), body: jsonBody(["body": body]))
    }

    private func solve(_ app: Application, _ token: String, topic: String, post: String?) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "/api/v1/community/topics/\(topic)/solved", headers: .json(bearer: token),
                                            body: jsonBody(["postId": post.map { $0 as Any } ?? NSNull()]))
    }

    @Test func aQuestionIsAskedAnsweredAndMarkedSolvedByTheAsker() async throws {
        try await withPrepRoom { app in
            let asker = try await makeUser(app, email: "asker@school.sch.uk", role: .technician)
            let helper = try await makeUser(app, email: "helper@school.sch.uk", role: .technician)
            let askerToken = try await Tokens.issue(for: asker, on: app.db), helperToken = try await Tokens.issue(for: helper, on: app.db)

            let started = try await start(app, askerToken, ["title": "Cloudy copper sulfate crystals", "body": "Why are *mine* cloudy?"])
            #expect(started.status == .created)
            let topic = try #require(try started.json()["id"] as? String)
            let answer = try await reply(app, helperToken, topic: topic, "Filter it **hot**, then cool slowly.")
            #expect(answer.status == .created)
            #expect(try answer.json()["position"] as? Int == 2 && answer.json()["author"] as? String == helper.name)
            let answerID = try #require(try answer.json()["id"] as? String)

            // Anyone reads a public category, signed in or not.
            let list = try await app.testing().sendRequest(.GET, "/api/v1/community/categories/chemistry/topics")
            #expect(try (list.json()["items"] as? [[String: Any]])?.first?["replies"] as? Int == 1 && list.json()["total"] as? Int == 1)
            let read = try await app.testing().sendRequest(.GET, "/api/v1/community/topics/\(topic)")
            #expect(try (read.json()["posts"] as? [[String: Any]])?.map { $0["body"] as? String } == ["Why are *mine* cloudy?", "Filter it **hot**, then cool slowly."])

            // The helper may not mark their own answer; the asker may; not the opening post.
            #expect(try await solve(app, helperToken, topic: topic, post: answerID).status == .forbidden)
            let opening = try #require(try (read.json()["posts"] as? [[String: Any]])?.first?["id"] as? String)
            #expect(try await solve(app, askerToken, topic: topic, post: opening).status == .unprocessableEntity)
            let solved = try await solve(app, askerToken, topic: topic, post: answerID)
            #expect(try solved.status == .ok && (solved.json()["solutionId"] as? String) == answerID)
            let page = try await app.testing().sendRequest(.GET, "/community/topics/\(topic)")
            #expect(page.body.string.contains("id=\"solved\"") && page.body.string.contains("<em>mine</em>") && page.body.string.contains("<strong>hot</strong>"))
            let category = try await app.testing().sendRequest(.GET, "/community/chemistry")
            #expect(category.body.string.contains("Cloudy copper sulfate crystals") && category.body.string.contains("Solved"))

            // A moderator may clear it.
            let moderator = try await makeUser(app, email: "mod@sserc.org.uk", role: .moderator)
            let cleared = try await solve(app, try await Tokens.issue(for: moderator, on: app.db), topic: topic, post: nil)
            #expect(try cleared.status == .ok && cleared.json()["solutionId"] == nil)
        }
    }

    @Test func aLockedTopicTakesNoRepliesAndOnlyModeratorsLock() async throws {
        try await withPrepRoom { app in
            let member = try await makeUser(app, email: "member@school.sch.uk", role: .technician)
            let token = try await Tokens.issue(for: member, on: app.db)
            let topic = try #require(try await start(app, token, ["title": "Storing concentrated acids", "body": "Where do yours live?"]).json()["id"] as? String)
            func lock(_ token: String, _ locked: Bool) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.POST, "/api/v1/community/topics/\(topic)/lock", headers: .json(bearer: token), body: jsonBody(["locked": locked]))
            }
            #expect(try await lock(token, true).status == .forbidden, "a member does not lock")
            let moderator = try await makeUser(app, email: "mod@sserc.org.uk", role: .moderator)
            let moderatorToken = try await Tokens.issue(for: moderator, on: app.db)
            #expect(try await lock(moderatorToken, true).status == .ok)
            let refused = try await reply(app, token, topic: topic, "One more thought")
            #expect(try refused.status == .conflict && (refused.apiError()["code"] as? String) == "topic_locked")
            #expect(try await CommunityPost.query(on: app.db).count() == 1)
            #expect(try await CommunityTopic.query(on: app.db).first()?.replies == 0)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "community.locked").count() == 1)
            let page = try await app.testing().sendRequest(.GET, "/community/topics/\(topic)")
            #expect(page.body.string.contains("This topic is locked") && !page.body.string.contains("Post the reply"))
            #expect(try await lock(moderatorToken, false).status == .ok)
            #expect(try await reply(app, token, topic: topic, "One more thought").status == .created)
        }
    }

    @Test func membersOnlyCategoriesAskVisitorsToSignIn() async throws {
        try await withPrepRoom { app in
            let member = try await makeUser(app, email: "member@school.sch.uk", role: .technician)
            let token = try await Tokens.issue(for: member, on: app.db)
            let topic = try #require(try await start(app, token, in: "general-safety", ["title": "Near miss with a sash", "body": "At our school…"]).json()["id"] as? String)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/community/categories/general-safety/topics").status == .unauthorized)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/community/topics/\(topic)").status == .unauthorized)
            let page = try await app.testing().sendRequest(.GET, "/community/topics/\(topic)")
            #expect(page.status == .seeOther && page.headers.first(name: .location)?.hasPrefix("/sign-in") == true)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/community/topics/\(topic)", headers: .bearer(token)).status == .ok)
            // Listed to everyone, marked as members-only.
            let categories = try await app.testing().sendRequest(.GET, "/api/v1/community/categories").json()
            let safety = try #require((categories["items"] as? [[String: Any]])?.first { $0["key"] as? String == "general-safety" })
            #expect(safety["membersOnly"] as? Bool == true && safety["topics"] as? Int == 1)
            // A visitor cannot post anywhere.
            let anonymous = try await app.testing().sendRequest(.POST, "/api/v1/community/categories/chemistry/topics", headers: .json,
                                                                body: jsonBody(["title": "Anonymous question", "body": "Hello"]))
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test func badInputIsNamedAndChangesNothing() async throws {
        try await withPrepRoom { app in
            let member = try await makeUser(app, email: "member@school.sch.uk", role: .technician)
            let token = try await Tokens.issue(for: member, on: app.db)
            #expect(try await start(app, token, ["title": "Short", "body": "Body"]).status == .unprocessableEntity)
            #expect(try await start(app, token, ["title": "A long enough title", "body": "   "]).status == .unprocessableEntity)
            #expect(try await start(app, token, ["title": "A long enough title", "body": String(repeating: "x", count: TextLimit.text + 1)]).status == .unprocessableEntity)
            #expect(try await start(app, token, in: "no-such-category", ["title": "A long enough title", "body": "Body"]).status == .notFound)
            #expect(try await start(app, token, in: "Bad%20Key", ["title": "A long enough title", "body": "Body"]).status == .notFound)
            #expect(try await reply(app, token, topic: UUID().uuidString, "Hello").status == .notFound)
            #expect(try await reply(app, token, topic: "not-an-id", "Hello").status == .notFound)
            #expect(try await CommunityTopic.query(on: app.db).count() == 0)
            #expect(try await CommunityPost.query(on: app.db).count() == 0)
            let topic = try #require(try await start(app, token, ["title": "A long enough title", "body": "Body"]).json()["id"] as? String)
            #expect(try await reply(app, token, topic: topic, "").status == .unprocessableEntity)
            #expect(try await solve(app, token, topic: topic, post: UUID().uuidString).status == .unprocessableEntity, "not a reply of this topic")
            #expect(try await CommunityPost.query(on: app.db).count() == 1)
        }
    }

    /// Every field that takes Markdown, and the title, carry attacks that stay text.
    @Test func whatMembersWriteStaysTextOnThePage() async throws {
        try await withPrepRoom { app in
            let member = try await makeUser(app, email: "member@school.sch.uk", role: .technician)
            let token = try await Tokens.issue(for: member, on: app.db)
            let attack = "<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) [ok](https://www.sserc.org.uk)"
            let topic = try #require(try await start(app, token, ["title": "<script>alert('title')</script>", "body": attack]).json()["id"] as? String)
            #expect(try await reply(app, token, topic: topic, "> " + attack).status == .created)
            for path in ["/community/topics/\(topic)", "/community/chemistry"] {
                let html = try await app.testing().sendRequest(.GET, path).body.string
                #expect(!html.contains("<script>alert") && !html.contains("<img src=x") && !html.lowercased().contains("href=\"javascript:"), "\(path)")
                #expect(html.contains("&lt;script&gt;alert('title')&lt;/script&gt;") || html.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;")
                        || html.contains("&lt;script&gt;alert(&apos;title&apos;)"), "\(path): the title is shown escaped")
            }
            let html = try await app.testing().sendRequest(.GET, "/community/topics/\(topic)").body.string
            #expect(html.contains("<a href=\"https://www.sserc.org.uk\" rel=\"nofollow ugc noopener\">ok</a>"))
            #expect(html.contains("&lt;img src=x onerror=alert(2)&gt;") && html.contains("<blockquote"))
            #expect(html.contains("[click](javascript:alert(3))"), "a link to a script stays the text that was typed")
        }
    }

    @Test func theFormsAskReplyAndMarkTheSolutionInABrowser() async throws {
        try await withPrepRoom { app in
            _ = try await makeUser(app, email: "asker@school.sch.uk", role: .technician)
            _ = try await makeUser(app, email: "helper@school.sch.uk", role: .teacher)
            let asker = Browser(app)
            _ = try await asker.signIn("asker@school.sch.uk")
            let form = try await asker.get("/community/physics")
            #expect(form.body.string.contains("id=\"new-topic\""))
            let short = try await asker.post("/community/physics/topics", form: [("title", "Tiny"), ("body", "Kept when refused")])
            #expect(short.status == .unprocessableEntity && short.body.string.contains("Kept when refused"))
            let posted = try await asker.post("/community/physics/topics", form: [("title", "Which GM tube for a class set?"), ("body", "We need six.")])
            #expect(posted.status == .seeOther)
            let location = try #require(posted.headers.first(name: .location))

            let helper = Browser(app)
            _ = try await helper.signIn("helper@school.sch.uk")
            _ = try await helper.get(location)
            let replied = try await helper.post(location + "/replies", form: [("body", "The end-window ones; see the supplier's list.")])
            #expect(replied.status == .seeOther && replied.headers.first(name: .location)?.hasSuffix("#post-2") == true)
            #expect(!(try await helper.get(location)).body.string.contains("Mark as the solution"), "only the asker sees the button")

            let page = try await asker.get(location)
            let answer = try #require(try await CommunityPost.query(on: app.db).filter(\.$position == 2).first()?.requireID())
            #expect(page.body.string.contains("Mark as the solution"))
            #expect(try await asker.post(location + "/solved", form: [("postId", answer.uuidString)]).status == .seeOther)
            #expect(try await asker.get(location).body.string.contains("id=\"solved\""))
        }
    }

    @Test func aPersonsPostsAreInTheirDownloadAndLeaveWithThem() async throws {
        try await withPrepRoom { app in
            let leaver = try await makeUser(app, email: "leaver@school.sch.uk", role: .technician)
            let stayer = try await makeUser(app, email: "stayer@school.sch.uk", role: .technician)
            let leaverToken = try await Tokens.issue(for: leaver, on: app.db)
            let topic = try #require(try await start(app, leaverToken, ["title": "Gas taps that stick", "body": "Ours stick at Lab 2."]).json()["id"] as? String)
            #expect(try await reply(app, try await Tokens.issue(for: stayer, on: app.db), topic: topic, "Thanks \(leaver.name), try graphite.").status == .created)

            let privacy = Privacy(db: app.db, links: Links(base: "https://preproom.example"))
            let export = try await privacy.export(leaver)
            let section = try #require(export.sections.first { $0.key == "community" })
            #expect(section.records.count == 1 && section.records.first?.fields.contains { $0.value == "Ours stick at Lab 2." } == true)

            _ = try await privacy.erase(leaver, by: nil)
            let posts = try await CommunityPost.query(on: app.db).sort(\.$position).all()
            #expect(posts.first?.body == PersonalDataArea.removedPost && posts.first?.authorID == nil)
            #expect(posts.last.map { !$0.body.contains(leaver.name) } == true, "the reply naming them is scrubbed")
            #expect(try await CommunityTopic.query(on: app.db).first()?.authorID == nil)
            let page = try await app.testing().sendRequest(.GET, "/community/topics/\(topic)").body.string
            #expect(page.contains(CommunityText.formerMember) && !page.contains("Ours stick at Lab 2."))
        }
    }

    /// A public category's feed is well-formed Atom with its topics, text escaped; a
    /// members-only one sends the reader to sign in.
    @Test func aPublicCategoryHasAnAtomFeed() async throws {
        try await withPrepRoom { app in
            let member = try await makeUser(app, email: "member@school.sch.uk", role: .technician)
            let token = try await Tokens.issue(for: member, on: app.db)
            #expect(try await start(app, token, ["title": "Acids & <bases> \"quoted\" 'here'", "body": "Body"]).status == .created)
            let feed = try await app.testing().sendRequest(.GET, "/community/chemistry/feed.atom")
            #expect(feed.status == .ok && feed.headers.contentType?.subType == "atom+xml")
            let xml = feed.body.string
            #expect(XMLParser(data: Data(xml.utf8)).parse(), "well-formed XML")
            #expect(xml.contains("<title>Acids &amp; &lt;bases&gt; &quot;quoted&quot; &#39;here&#39;</title>") && xml.contains("<summary>0 replies</summary>"))
            #expect(xml.contains("/community/topics/") && xml.contains("<name>\(member.name)</name>"))
            #expect(try await app.testing().sendRequest(.GET, "/community/chemistry").body.string.contains("/community/chemistry/feed.atom"))
            #expect(try await app.testing().sendRequest(.GET, "/community/general-safety/feed.atom").status == .seeOther)
            #expect(try await app.testing().sendRequest(.GET, "/community/no-such-thing/feed.atom").status == .notFound)
        }
    }
}
