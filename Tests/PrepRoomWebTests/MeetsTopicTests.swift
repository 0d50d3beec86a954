import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// Meets topics on the real database (both engines): members suggest and vote once each,
/// the list sorts by votes, course admins plan, schedule (every voter emailed the booking
/// link) or decline (the suggester told why), and bad steps change nothing.
@Suite("Techné: Meets topics")
struct MeetsTopicTests {
    private func suggest(_ app: Application, _ token: String, _ fields: [String: Any]) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "/api/v1/community/meets-topics", headers: .json(bearer: token), body: jsonBody(fields))
    }

    private func vote(_ app: Application, _ token: String, _ id: String, method: HTTPMethod = .POST) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(method, "/api/v1/community/meets-topics/\(id)/votes", headers: .bearer(token))
    }

    private func decide(_ app: Application, _ token: String, _ id: String, _ fields: [String: Any]) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.PUT, "/api/v1/community/meets-topics/\(id)/status", headers: .json(bearer: token), body: jsonBody(fields))
    }

    private func votes(_ app: Application, _ id: String) async throws -> Int? {
        try await app.testing().sendRequest(.GET, "/api/v1/community/meets-topics/\(id)").json()["votes"] as? Int
    }

    @Test func membersVoteOnceEachAndTheListSortsByVotes() async throws {
        try await withPrepRoom { app in
            let members = try await makeMembers(app, count: 4)
            let loggers = try await suggest(app, members[0].token, ["title": "Data loggers in biology", "why": "Pupils' pH and O2 practicals.", "kit": "Vernier probes"])
            #expect(loggers.status == .created)
            #expect(try loggers.json()["votes"] as? Int == 1 && loggers.json()["voted"] as? Bool == true, "the suggester's vote is on it")
            let first = try #require(try loggers.json()["id"] as? String)
            let second = try #require(try await suggest(app, members[1].token, ["title": "Microscale titrations", "why": "Less waste."]).json()["id"] as? String)

            #expect(try await vote(app, members[2].token, first).status == .created)
            #expect(try await vote(app, members[3].token, first).status == .created)
            let again = try await vote(app, members[3].token, first)
            #expect(again.status == .conflict && again.text.contains("already voted"))
            #expect(try await votes(app, first) == 3, "a second vote changes nothing")

            let list = try await app.testing().sendRequest(.GET, "/api/v1/community/meets-topics", headers: .bearer(members[3].token))
            let items = try #require(try list.json()["items"] as? [[String: Any]])
            #expect(items.map { $0["id"] as? String } == [first, second], "most votes first")
            #expect(items.first?["voted"] as? Bool == true && items.last?["voted"] as? Bool == false)
            #expect(items.first?["suggestedBy"] as? String == members[0].user.name)

            let withdrawn = try await vote(app, members[3].token, first, method: .DELETE)
            #expect(try withdrawn.status == .ok && withdrawn.json()["votes"] as? Int == 2 && withdrawn.json()["voted"] as? Bool == false)
            #expect(try await vote(app, members[3].token, first, method: .DELETE).status == .conflict, "nothing to withdraw")
            #expect(try await votes(app, first) == 2)
            #expect(try await MeetsVote.query(on: app.db).count() == 3)

            // Visitors read the list without names, and may not vote.
            let visitor = try await app.testing().sendRequest(.GET, "/api/v1/community/meets-topics")
            #expect(try (visitor.json()["items"] as? [[String: Any]])?.allSatisfy { $0["suggestedBy"] == nil || $0["suggestedBy"] is NSNull } == true)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/community/meets-topics/\(first)/votes").status == .unauthorized)
            #expect(try await vote(app, members[2].token, UUID().uuidString).status == .notFound)
            #expect(try await vote(app, members[2].token, "not-an-id").status == .notFound)

            let short = try await suggest(app, members[2].token, ["title": "Kit", "why": "Because."])
            #expect(short.status == .unprocessableEntity && short.text.contains("\"field\":\"title\""), "\(short.text)")
            #expect(try await suggest(app, members[2].token, ["title": "A long enough title"]).status == .unprocessableEntity, "why is needed")
            #expect(try await MeetsTopic.query(on: app.db).count() == 2, "a refused suggestion is not kept")
        }
    }

    @Test func scheduledTopicsEmailEveryVoterTheBookingLinkAndTakeNoMoreVotes() async throws {
        try await withPrepRoom(seed: true) { app in
            let members = try await makeMembers(app, count: 4)
            let id = try #require(try await suggest(app, members[0].token, ["title": "Using the new microscopes", "why": "Schools bought them."]).json()["id"] as? String)
            for member in members[1...2] { #expect(try await vote(app, member.token, id).status == .created) }
            let admin = try await token(app, role: .courseAdmin)

            #expect(try await decide(app, members[0].token, id, ["status": "planned"]).status == .forbidden, "a member does not decide")
            let moderator = try await token(app, role: .moderator, email: "mod@sserc.org.uk")
            #expect(try await decide(app, moderator, id, ["status": "planned"]).status == .forbidden, "nor does a moderator")
            let planned = try await decide(app, admin, id, ["status": "planned"])
            #expect(try planned.status == .ok && planned.json()["status"] as? String == "planned")
            #expect(try await vote(app, members[3].token, id).status == .created, "a planned topic still takes votes")

            #expect(try await decide(app, admin, id, ["status": "scheduled"]).status == .unprocessableEntity, "which run?")
            #expect(try await decide(app, admin, id, ["status": "maybe"]).status == .unprocessableEntity)
            let past = try await makeRun(app, course: "technician-sserc-meets", capacity: 30, days: 10, sessions: 1)
            try await moveIntoThePast(app, run: past)
            #expect(try await decide(app, admin, id, ["status": "scheduled", "runId": past.requireID().uuidString]).status == .unprocessableEntity,
                    "a run that is over")
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$subject ~~ "microscopes").count() == 0, "refused steps send nothing")

            let run = try await makeRun(app, course: "technician-sserc-meets", capacity: 30, days: 20, sessions: 1)
            let runID = try run.requireID()
            let scheduled = try await decide(app, admin, id, ["status": "scheduled", "runId": runID.uuidString])
            #expect(try scheduled.status == .ok && scheduled.json()["runId"] as? String == runID.uuidString)
            let mail = try await OutboxMessage.query(on: app.db).filter(\.$subject ~~ "microscopes").all()
            #expect(Set(mail.map(\.recipient)) == Set(members.map(\.user.email)), "the suggester and the three voters")
            #expect(mail.allSatisfy { $0.body.contains("/runs/\(runID.uuidString)") && $0.subject.contains("Using the new microscopes") })
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "meets_topic.scheduled").count() == 1)

            #expect(try await vote(app, members[3].token, id, method: .DELETE).status == .conflict, "decided: no withdrawing")
            #expect(try await votes(app, id) == 4)
            let back = try await decide(app, admin, id, ["status": "declined", "reason": "Changed our minds"])
            #expect(back.status == .conflict, "a scheduled topic stays scheduled")
            let page = try await app.testing().sendRequest(.GET, "/community/meets").body.string
            #expect(page.contains("id=\"scheduled-topics\"") && page.contains(SiteURL.run(runID).path))
        }
    }

    @Test func aDeclinedTopicTellsItsSuggesterWhy() async throws {
        try await withPrepRoom { app in
            let members = try await makeMembers(app, count: 2)
            let id = try #require(try await suggest(app, members[0].token, ["title": "Cleaning glassware fast", "why": "Time."]).json()["id"] as? String)
            #expect(try await vote(app, members[1].token, id).status == .created)
            let admin = try await token(app, role: .courseAdmin)
            #expect(try await decide(app, admin, id, ["status": "declined"]).status == .unprocessableEntity, "a decline says why")
            let declined = try await decide(app, admin, id, ["status": "declined", "reason": "The Lab Skills course covers it."])
            #expect(try declined.status == .ok && declined.json()["statusReason"] as? String == "The Lab Skills course covers it.")
            let mail = try await OutboxMessage.query(on: app.db).all()
            #expect(mail.map(\.recipient) == [members[0].user.email] && mail.first?.body.contains("The Lab Skills course covers it.") == true)
            #expect(try await vote(app, members[1].token, id, method: .DELETE).status == .conflict)
        }
    }

    /// The page: a member suggests through the form (a mistake comes back with what they
    /// typed), votes and withdraws; what members write stays text; a course admin sees the
    /// decision forms, each field with its own id.
    @Test func membersUseTheListPageAndTextStaysText() async throws {
        try await withPrepRoom(seed: true) { app in
            _ = try await makeUser(app, email: "jo@school.sch.uk", role: .technician)
            let jo = Browser(app)
            _ = try await jo.signIn("jo@school.sch.uk")
            _ = try await jo.get("/community/meets")
            let refused = try await jo.post("/community/meets", form: [("title", "Kit"), ("why", "<b>bold</b> why")])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("&lt;b&gt;bold&lt;/b&gt; why"))
            let made = try await jo.post("/community/meets", form: [("title", "<script>alert(1)</script> spectroscopes"), ("why", "Cheap ones work.")])
            #expect(made.status == .seeOther && made.headers.first(name: .location)?.hasPrefix("/community/meets#meets-") == true)
            let page = try await jo.get("/community/meets").body.string
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; spectroscopes") && !page.contains("<script>alert"))
            #expect(page.contains("Withdraw my vote") && !page.contains("Decide this topic"))
            let topic = try #require(try await MeetsTopic.query(on: app.db).first())
            #expect(try await jo.post(SiteURL.meetsTopic(topic.requireID(), .withdrawVote).path, form: []).status == .seeOther)
            #expect(try await MeetsTopicStore.topic(topic.requireID(), on: app.db)?.votes == 0)

            _ = try await makeUser(app, email: "admin@sserc.org.uk", role: .courseAdmin)
            _ = try await makeRun(app, course: "technician-sserc-meets", capacity: 30, days: 20, sessions: 1)
            let admin = Browser(app)
            _ = try await admin.signIn("admin@sserc.org.uk")
            let staffPage = try await admin.get("/community/meets").body.string
            let id = UUIDText.string(try topic.requireID())
            #expect(staffPage.contains("Decide this topic") && staffPage.contains("id=\"run-\(id)\"") && staffPage.contains("id=\"decline-\(id)\""))
            #expect(staffPage.contains("Technician SSERC Meets"))
            let visitor = try await app.testing().sendRequest(.GET, "/community/meets").body.string
            #expect(visitor.contains("Sign in to vote") && !visitor.contains("suggested by"))
        }
    }

    @Test func aPersonsSuggestionsAndVotesAreInTheirDownloadAndLeaveWithThem() async throws {
        try await withPrepRoom { app in
            let members = try await makeMembers(app, count: 2)
            let leaver = members[0].user
            let mine = try #require(try await suggest(app, members[0].token, ["title": "Radioactive sources audit", "why": "Ours are old."]).json()["id"] as? String)
            let theirs = try #require(try await suggest(app, members[1].token, ["title": "3D printers in technology", "why": "Ask \(leaver.name)."]).json()["id"] as? String)
            #expect(try await vote(app, members[0].token, theirs).status == .created)
            #expect(try await vote(app, members[1].token, mine).status == .created)

            let privacy = Privacy(db: app.db, links: Links(base: "https://preproom.example"))
            let export = try await privacy.export(leaver)
            #expect(export.sections.first { $0.key == "meetsTopics" }?.records.count == 1)
            #expect(export.sections.first { $0.key == "meetsVotes" }?.records.count == 2)

            _ = try await privacy.erase(leaver, by: nil)
            #expect(try await votes(app, theirs) == 1, "their vote goes, with the count")
            #expect(try await votes(app, mine) == 1)
            let mineID = try #require(UUID(uuidString: mine)), theirsID = try #require(UUID(uuidString: theirs))
            let kept = try #require(try await MeetsTopicStore.topic(mineID, on: app.db))
            #expect(kept.title == "Radioactive sources audit" && kept.why == PersonalDataArea.removedSuggestion && kept.suggestedBy == nil)
            let other = try #require(try await MeetsTopicStore.topic(theirsID, on: app.db))
            #expect(!other.why.contains(leaver.name), "another's text naming them is scrubbed")
        }
    }
}
