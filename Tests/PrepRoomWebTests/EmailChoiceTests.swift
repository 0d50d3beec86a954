import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// "Emails you receive" on Your account: the optional emails a person can turn off, and
/// the senders that respect it.
@Suite("Choosing which optional emails to receive")
struct EmailChoiceTests {
    @Test func aTechnicianTurnsOffExpiryRemindersAndGetsNoneWhileOthersStillDo() async throws {
        try await withPrepRoom(seed: true) { app in
            let quiet = try await makeUser(app, email: "quiet@school.sch.uk", role: .technician)
            let other = try await makeUser(app, email: "other@school.sch.uk", role: .technician)
            for person in [quiet, other] { try await makeCertificate(app, for: person, course: "chemical-handling", expiresIn: 80) }
            let browser = Browser(app)
            try await browser.signIn("quiet@school.sch.uk")
            let page = try await browser.get(SiteURL.me(.account).path).text
            #expect(page.contains("name=\"emails\" value=\"expiry_reminders\" checked"))
            #expect(page.contains("name=\"emails\" value=\"evaluation_invitations\" checked"))
            #expect(!page.contains("registration_digest"), "only admins are offered the digest")

            let saved = try await browser.post(SiteURL.me(.accountEmails).path, form: [("emails", "evaluation_invitations"), ("emails", "community_notifications"), ("emails", "no_such_email")])
            #expect(saved.status == .seeOther)
            let after = try await browser.get(SiteURL.me(.account).path).text
            #expect(after.contains("Your email choices are saved."))
            #expect(!after.contains("value=\"expiry_reminders\" checked") && after.contains("value=\"evaluation_invitations\" checked"))
            let stored = try #require(try await User.find(quiet.requireID(), on: app.db))
            #expect(stored.emailOptOuts == "expiry_reminders" && !stored.wants(.expiryReminders) && stored.wants(.evaluationInvitations))
            let audit = try await AuditEntry.query(on: app.db).filter(\.$action == "account.emails_chosen").all()
            #expect(audit.count == 1 && audit.first?.details == "off: expiry_reminders")

            let reminders = Reminders(db: app.db, links: Links(base: "https://preproom.example"))
            #expect(try await reminders.sendDue(now: Date()) == 1)
            let recipients = try await OutboxMessage.query(on: app.db).all().map(\.recipient)
            #expect(recipients == ["other@school.sch.uk"])

            // Ticking it again turns it back on; saving the same choice twice records nothing new.
            _ = try await browser.post(SiteURL.me(.accountEmails).path, form: [("emails", "evaluation_invitations"), ("emails", "expiry_reminders"), ("emails", "community_notifications")])
            _ = try await browser.post(SiteURL.me(.accountEmails).path, form: [("emails", "evaluation_invitations"), ("emails", "expiry_reminders"), ("emails", "community_notifications")])
            #expect(try await User.find(quiet.requireID(), on: app.db)?.emailOptOuts == nil)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "account.emails_chosen").count() == 2)
        }
    }

    @Test func anAdminCanTurnOffTheDigestAndATechniciansChoiceLeavesItAlone() async throws {
        try await withPrepRoom(seed: true) { app in
            let admin = try await makeUser(app, email: "admin@sserc.example", role: .admin)
            let browser = Browser(app)
            try await browser.signIn("admin@sserc.example")
            #expect(try await browser.get(SiteURL.me(.account).path).text.contains("name=\"emails\" value=\"registration_digest\" checked"))
            _ = try await browser.post(SiteURL.me(.accountEmails).path, form: [("emails", "expiry_reminders"), ("emails", "community_notifications")])
            let stored = try #require(try await User.find(admin.requireID(), on: app.db))
            #expect(OptionalEmail.decode(stored.emailOptOuts) == [.evaluationInvitations, .registrationDigest])
            // The digest goes to admins who want it: none here, so none is queued.
            try await Accounts(app).register(RegistrationForm(email: "new@school.sch.uk", name: "New Person", password: "a long passphrase here", roles: [.technician]),
                                             organisationID: nil, signInURL: "https://preproom.example/sign-in")
            let before = try await OutboxMessage.query(on: app.db).count()
            _ = try await RegistrationDigest(db: app.db, links: Links(base: "https://preproom.example")).sendDue()
            #expect(try await OutboxMessage.query(on: app.db).count() == before)
        }
    }

    @Test func questionnaireInvitationsSkipThePersonWhoTurnedThemOff() async throws {
        try await withPrepRoom(seed: true) { app in
            let run = try await makeRun(app, capacity: 5, sessions: 1)
            let members = try await makeMembers(app, count: 3)
            for member in members { _ = try await book(app, run: run, token: member.token) }
            members[1].user.emailOptOuts = OptionalEmail.encode([.evaluationInvitations])
            try await members[1].user.save(on: app.db)
            #expect(try await EvaluationDesk(db: app.db).sendInvitations(links: Links(base: "http://preproom.test")) == 2)
            let recipients = try await OutboxMessage.query(on: app.db).filter(\.$subject == "Before the course: Chemical Handling").all().map(\.recipient)
            #expect(Set(recipients) == ["member0@school.sch.uk", "member2@school.sch.uk"])
        }
    }

    @Test func onlyTheSignedInPersonWithTheFormsTokenChooses() async throws {
        try await withPrepRoom(seed: true) { app in
            let visitor = try await Browser(app).post(SiteURL.me(.accountEmails).path, form: [])
            #expect(visitor.status == .forbidden || visitor.status == .seeOther || visitor.status == .unauthorized)
            let person = try await makeUser(app, email: "tech@school.sch.uk", role: .technician)
            let browser = Browser(app)
            try await browser.signIn("tech@school.sch.uk")
            let forged = try await browser.post(SiteURL.me(.accountEmails).path, form: [], includeCSRF: false)
            #expect(forged.status == .forbidden)
            #expect(try await User.find(person.requireID(), on: app.db)?.emailOptOuts == nil, "nothing changed")
        }
    }

    /// The link at the end of a reminder stops reminders in one click, without signing in;
    /// opening it only asks, and a link for someone else or another kind is refused.
    @Test func theLinkInAReminderStopsRemindersAndOnlyThose() async throws {
        try await withPrepRoom(seed: true) { app in
            let jo = try await makeUser(app, email: "jo@school.sch.uk", role: .technician)
            let other = try await makeUser(app, email: "other@school.sch.uk", role: .technician)
            try await makeCertificate(app, for: jo, course: "chemical-handling", expiresIn: 80)
            #expect(try await Reminders(db: app.db, links: Links(base: "https://preproom.example")).sendDue(now: Date()) == 1)
            let reminder = try #require(try await OutboxMessage.query(on: app.db).first())
            let link = try #require(reminder.stopLink)
            #expect(link.hasPrefix("https://preproom.example/emails/stop/\(try jo.requireID().uuidString)/expiry_reminders/"))
            #expect(reminder.body.hasSuffix("Stop them with one click: \(link)"))
            let path = String(link.dropFirst("https://preproom.example".count))

            // The mail program's unsubscribe: the same address in the header, posted to.
            let sink = try SMTPSink()
            defer { sink.stop() }
            _ = try await Mailer(app, settings: .init(host: "127.0.0.1", port: sink.port, from: "courses@preproom.example")).deliverPending()
            let sent = try #require(sink.messages.first?.data)
            #expect(sent.contains("List-Unsubscribe: <\(link)>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click"))

            let visitor = Browser(app)
            let asked = try await visitor.get(path)
            #expect(asked.status == .ok && asked.text.contains("Stop these emails to jo@school.sch.uk?"))
            #expect(try await User.find(jo.requireID(), on: app.db)?.emailOptOuts == nil, "opening the link changes nothing")
            let signature = String(path.split(separator: "/").last ?? "")
            let forged = [
                "/emails/stop/\(try other.requireID().uuidString)/expiry_reminders/\(signature)",
                "/emails/stop/\(try jo.requireID().uuidString)/evaluation_invitations/\(signature)",
                "/emails/stop/\(try jo.requireID().uuidString)/expiry_reminders/\(signature.dropLast())\(signature.last == "A" ? "B" : "A")",
                "/emails/stop/\(try jo.requireID().uuidString)/no_such_kind/\(signature)",
                "/emails/stop/not-an-id/expiry_reminders/\(signature)",
            ]
            for wrong in forged {
                #expect(try await visitor.get(wrong).status == .notFound, "\(wrong)")
                #expect(try await visitor.post(wrong, form: [("List-Unsubscribe", "One-Click")], includeCSRF: false).status == .notFound, "\(wrong)")
            }
            #expect(try await User.find(other.requireID(), on: app.db)?.emailOptOuts == nil)

            let stopped = try await visitor.post(path, form: [("List-Unsubscribe", "One-Click")], includeCSRF: false)
            #expect(stopped.status == .ok && stopped.text.contains("These emails are stopped"))
            let stored = try #require(try await User.find(jo.requireID(), on: app.db))
            #expect(!stored.wants(.expiryReminders) && stored.wants(.evaluationInvitations), "only reminders stop")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "account.emails_chosen").first()?.details
                    == "off: expiry_reminders (the link in an email)")
            #expect(try await visitor.post(path, form: [], includeCSRF: false).status == .ok, "a second click is harmless")
        }
    }
}
