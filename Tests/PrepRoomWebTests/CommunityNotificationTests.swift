import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// Techné's notifications on the real database (both engines): posting queues them, the
/// fan-out tells the mentioned and the followers (never the author, each once), email goes
/// as each person chose, the daily digest goes once a day, and reading clears the bell.
@Suite("Techné: notifications")
struct CommunityNotificationTests {
    private let links = Links(base: "https://preproom.example")

    private func member(_ app: Application, _ name: String) async throws -> (user: User, token: String) {
        let user = try await makeUser(app, email: "\(name.lowercased().replacingOccurrences(of: " ", with: "."))@school.sch.uk", role: .technician)
        try await Accounts(app).rename(user, to: name)
        return (user, try await Tokens.issue(for: user, on: app.db))
    }

    private func start(_ app: Application, _ token: String, in category: String = "chemistry", _ title: String, _ body: String) async throws -> String {
        let response = try await app.testing().sendRequest(.POST, "/api/v1/community/categories/\(category)/topics", headers: .json(bearer: token),
                                                           body: jsonBody(["title": title, "body": body]))
        #expect(response.status == .created, "\(response.text)")
        return try #require(try response.json()["id"] as? String)
    }

    private func reply(_ app: Application, _ token: String, topic: String, _ body: String) async throws {
        let response = try await app.testing().sendRequest(.POST, "/api/v1/community/topics/\(topic)/replies", headers: .json(bearer: token),
                                                           body: jsonBody(["body": body]))
        #expect(response.status == .created, "\(response.text)")
    }

    private func notifications(_ app: Application, _ token: String) async throws -> (kinds: [String], unread: Int) {
        let json = try await app.testing().sendRequest(.GET, "/api/v1/community/notifications", headers: .bearer(token)).json()
        return ((json["items"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } ?? [], json["unread"] as? Int ?? -1)
    }

    @Test func mentionsAndRepliesReachTheRightPeopleOnceTheQueueIsWorked() async throws {
        try await withPrepRoom { app in
            let nia = try await member(app, "Nia New"), olwen = try await member(app, "Olwen Oldhand"), third = try await member(app, "Tam Third")
            let topic = try await start(app, nia.token, "Cloudy copper sulfate crystals", "Why are mine cloudy?")
            try await reply(app, olwen.token, topic: topic, "@NiaNew filter it hot. (@OlwenOldhand is me; @Nobody is nobody.)")
            // Posting only queues: nobody is told until the queue is worked.
            #expect(try await CommunityNotification.query(on: app.db).count() == 0)
            #expect(try await CommunityNotificationStore.waitingFanouts(on: app.db) == 2)
            #expect(try await CommunityFanout(db: app.db, links: links).run() == 2)
            #expect(try await CommunityNotificationStore.waitingFanouts(on: app.db) == 0)

            #expect(try await notifications(app, nia.token) == (["mention"], 1), "mentioned, not also told of the reply")
            #expect(try await notifications(app, olwen.token) == ([], 0), "not told of her own post, nor her own mention")

            let follow = try await app.testing().sendRequest(.PUT, "/api/v1/community/topics/\(topic)/follow", headers: .bearer(third.token))
            #expect(follow.status == .noContent)
            try await reply(app, nia.token, topic: topic, "Thank you, it worked.")
            try await CommunityFanout(db: app.db, links: links).run()
            #expect(try await notifications(app, olwen.token) == (["reply"], 1), "replying followed the topic")
            #expect(try await notifications(app, third.token) == (["reply"], 1))
            #expect(try await notifications(app, nia.token) == (["mention"], 1), "nothing for her own reply")

            let marked = try await app.testing().sendRequest(.POST, "/api/v1/community/notifications/read", headers: .bearer(nia.token))
            #expect(try marked.json()["marked"] as? Int == 1)
            #expect(try await notifications(app, nia.token) == (["mention"], 0))
            #expect(try await app.testing().sendRequest(.DELETE, "/api/v1/community/topics/\(topic)/follow", headers: .bearer(third.token)).status == .noContent)
            try await reply(app, olwen.token, topic: topic, "Glad to hear it.")
            try await CommunityFanout(db: app.db, links: links).run()
            #expect(try await notifications(app, third.token).kinds == ["reply"], "no longer following: nothing new")
            #expect(try await CommunityNotification.query(on: app.db).count() == 4)
        }
    }

    @Test func aHandleTwoPeopleShareGoesToTheOneTakingPartAndAHiddenPostTellsNobody() async throws {
        try await withPrepRoom { app in
            let asker = try await member(app, "Ama Asker")
            let joInTopic = try await member(app, "Jo Smith")
            let otherJo = try await makeUser(app, email: "other.jo@school.sch.uk", role: .technician)
            try await Accounts(app).rename(otherJo, to: "Jo Smith")
            let topic = try await start(app, asker.token, "Storing concentrated acids", "Where do yours live?")
            try await reply(app, joInTopic.token, topic: topic, "In a ventilated cabinet.")
            try await reply(app, asker.token, topic: topic, "Thanks @JoSmith!")
            try await CommunityFanout(db: app.db, links: links).run()
            #expect(try await notifications(app, joInTopic.token).kinds.contains("mention"))
            #expect(try await CommunityNotification.query(on: app.db).filter(\.$userID == otherJo.requireID()).count() == 0)

            // A post a moderator hid before its turn tells nobody.
            let moderator = try await token(app, role: .moderator, email: "mod@sserc.org.uk")
            try await reply(app, joInTopic.token, topic: topic, "@AmaAsker rude words")
            let post = try #require(try await CommunityPost.query(on: app.db).filter(\.$position == 4).first())
            let hidden = try await app.testing().sendRequest(.POST, "/api/v1/community/posts/\(post.requireID())/hide", headers: .json(bearer: moderator),
                                                             body: jsonBody(["reason": "Rude"]))
            #expect(hidden.status == .ok)
            try await CommunityFanout(db: app.db, links: links).run()
            #expect(try await CommunityNotification.query(on: app.db).filter(\.$postID == post.requireID()).count() == 0)
        }
    }

    @Test func categoryFollowersAreEmailedAsTheyChoseAndTheDigestGoesOnceADay() async throws {
        try await withPrepRoom { app in
            let eager = try await member(app, "Eve Eager"), daily = try await member(app, "Dai Daily"), asker = try await member(app, "Ama Asker")
            for person in [eager, daily] {
                let followed = try await app.testing().sendRequest(.PUT, "/api/v1/community/categories/chemistry/follow", headers: .bearer(person.token))
                #expect(followed.status == .noContent)
            }
            let choice = try await app.testing().sendRequest(.PUT, "/api/v1/community/notifications/email", headers: .json(bearer: eager.token),
                                                             body: jsonBody(["mode": "immediate"]))
            #expect(try choice.status == .ok && choice.json()["mode"] as? String == "immediate")
            #expect(try await app.testing().sendRequest(.PUT, "/api/v1/community/notifications/email", headers: .json(bearer: eager.token),
                                                        body: jsonBody(["mode": "hourly"])).status == .unprocessableEntity)

            _ = try await start(app, asker.token, "Disposing of old silver nitrate", "What does your authority say?")
            try await CommunityFanout(db: app.db, links: links).run()
            let now = try await OutboxMessage.query(on: app.db).filter(\.$subject ~~ "Techné").all()
            #expect(now.map(\.recipient) == [eager.user.email], "only the one who chose each as it happens")
            #expect(now.first?.stopLink?.contains("/emails/stop/") == true && now.first?.body.contains("Disposing of old silver nitrate") == true)

            // The digest: from 07:00 London time, once a day, to the daily member only.
            let tomorrow = ServiceTime.calendar.date(byAdding: .day, value: 1, to: ServiceTime.startOfDay(Date())) ?? Date()
            let morning = tomorrow.addingTimeInterval(8 * 3600)
            let digest = CommunityDigest(db: app.db, links: links)
            #expect(try await digest.sendDue(now: morning) == 1)
            #expect(try await digest.sendDue(now: morning.addingTimeInterval(3600)) == 0, "once a day")
            let sent = try await OutboxMessage.query(on: app.db).filter(\.$subject ~~ "since yesterday").all()
            #expect(sent.map(\.recipient) == [daily.user.email] && sent.first?.body.contains("Ama Asker started \"Disposing of old silver nitrate\"") == true)
            #expect(sent.first?.stopLink != nil)

            // Nothing new: no digest the next day either; something new and the person has stopped them: none.
            #expect(try await digest.sendDue(now: morning.addingTimeInterval(86_400)) == 0)
            _ = try await start(app, asker.token, "Labelling secondary containers", "Our labels fade.")
            try await CommunityFanout(db: app.db, links: links).run()
            let stored = try #require(try await UserStore.find(daily.user.requireID(), on: app.db))
            stored.emailOptOuts = OptionalEmail.encode([.communityNotifications])
            try await stored.save(on: app.db)
            #expect(try await digest.sendDue(now: morning.addingTimeInterval(2 * 86_400)) == 0)
            #expect(try await notifications(app, daily.token).unread == 2, "the bell still counts them")
        }
    }

    @Test func followingNeedsReadingAndVisitorsAreAskedToSignIn() async throws {
        try await withPrepRoom { app in
            let member = try await member(app, "Mo Member")
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/community/notifications").status == .unauthorized)
            #expect(try await app.testing().sendRequest(.PUT, "/api/v1/community/categories/chemistry/follow").status == .unauthorized)
            #expect(try await app.testing().sendRequest(.PUT, "/api/v1/community/categories/no-such/follow", headers: .bearer(member.token)).status == .notFound)
            #expect(try await app.testing().sendRequest(.PUT, "/api/v1/community/topics/\(UUID())/follow", headers: .bearer(member.token)).status == .notFound)
            let page = try await app.testing().sendRequest(.GET, "/community/notifications")
            #expect(page.status == .seeOther && page.headers.first(name: .location)?.hasPrefix("/sign-in") == true)
            #expect(try await CommunityFollow.query(on: app.db).count() == 0)
        }
    }

    /// The pages: the bell in the menu counts, opening the topic reads its notifications,
    /// the list links to the post, and the follow buttons and email choice work.
    @Test func theBellCountsAndReadingTheTopicClearsIt() async throws {
        try await withPrepRoom { app in
            let nia = try await member(app, "Nia New"), olwen = try await member(app, "Olwen Oldhand")
            let topic = try await start(app, nia.token, "Cloudy copper sulfate crystals", "Why are mine cloudy?")
            try await reply(app, olwen.token, topic: topic, "@NiaNew filter it hot.")
            try await CommunityFanout(db: app.db, links: links).run()

            let browser = Browser(app)
            _ = try await browser.signIn(nia.user.email)
            let home = try await browser.get("/community").body.string
            #expect(home.contains("id=\"notifications-link\"") && home.contains(">1<span class=\"visually-hidden\"> unread</span>"))
            let list = try await browser.get("/community/notifications").body.string
            #expect(list.contains("Olwen Oldhand mentioned you in &quot;Cloudy copper sulfate crystals&quot;") || list.contains("Olwen Oldhand mentioned you in \"Cloudy copper sulfate crystals\""))
            #expect(list.contains("/community/topics/\(topic.uppercased())#post-2") || list.contains("/community/topics/\(topic)#post-2"))
            let read = try await browser.get("/community/topics/\(topic)").body.string
            #expect(read.contains("@OlwenOldhand") && read.contains("Stop following this topic"))
            #expect(!read.contains("visually-hidden\"> unread"), "the topic read clears the bell on its own page")
            #expect(try await notifications(app, nia.token).unread == 0)

            let saved = try await browser.post("/community/notifications/email", form: [("mode", "immediate")])
            #expect(saved.status == .seeOther)
            #expect(try await CommunityNotificationStore.emailMode(of: nia.user.requireID(), on: app.db) == .immediate)
            #expect(try await browser.post("/community/chemistry/follow", form: []).status == .seeOther)
            #expect(try await browser.get("/community/chemistry").body.string.contains("Stop following Chemistry"))
            #expect(try await browser.post("/community/topics/\(topic)/unfollow", form: []).status == .seeOther)
            #expect(try await browser.get("/community/topics/\(topic)").body.string.contains("Follow this topic"))
        }
    }

    @Test func whatAPersonFollowsAndWasToldIsInTheirDownloadAndGoesWithThem() async throws {
        try await withPrepRoom { app in
            let nia = try await member(app, "Nia New"), olwen = try await member(app, "Olwen Oldhand")
            let topic = try await start(app, nia.token, "Cloudy copper sulfate crystals", "Why are mine cloudy?")
            try await reply(app, olwen.token, topic: topic, "@NiaNew filter it hot.")
            try await CommunityFanout(db: app.db, links: links).run()
            let privacy = Privacy(db: app.db, links: links)
            let export = try await privacy.export(nia.user)
            #expect(export.sections.first { $0.key == "communityFollowing" }?.records.count == 1)
            #expect(export.sections.first { $0.key == "communityNotifications" }?.records.count == 1)
            _ = try await privacy.erase(nia.user, by: nil)
            #expect(try await CommunityFollow.query(on: app.db).filter(\.$userID == nia.user.requireID()).count() == 0)
            #expect(try await CommunityNotification.query(on: app.db).filter(\.$userID == nia.user.requireID()).count() == 0)
        }
    }
}
