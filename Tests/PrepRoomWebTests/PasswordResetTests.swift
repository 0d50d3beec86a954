import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import SQLKit
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("Resetting a forgotten password, and the emails about a registration")
struct PasswordResetTests {
    /// The link in the newest reset email to `email`.
    private func resetLink(_ app: Application, to email: String) async throws -> String {
        let message = try #require(try await OutboxMessage.query(on: app.db).filter(\.$recipient == email)
            .filter(\.$subject == "Reset your PrepRoom password").sort(\.$createdAt, .descending).first())
        let range = try #require(message.body.range(of: #"/reset-password/[A-Za-z0-9_-]+"#, options: .regularExpression))
        return String(message.body[range])
    }

    private func resetEmails(_ app: Application) async throws -> Int {
        try await OutboxMessage.query(on: app.db).filter(\.$subject == "Reset your PrepRoom password").count()
    }

    @Test func aForgottenPasswordIsResetOnceThroughTheEmailedLinkAndEndsEverySession() async throws {
        try await withPrepRoom { app in
            let user = try await makeUser(app, email: "tech@school.sch.uk", role: .technician)
            let signedIn = Browser(app)
            #expect(try await signedIn.signIn("tech@school.sch.uk").status == .seeOther)
            let bearer = try await Tokens.issue(for: user, on: app.db)

            let browser = Browser(app)
            #expect(try await browser.get("/sign-in").text.contains("href=\"/forgot-password\""))
            #expect(try await browser.get("/forgot-password").status == .ok)
            let sent = try await browser.post("/forgot-password", form: [("email", "  Tech@School.sch.uk ")])
            #expect(sent.status == .ok)
            #expect(sent.text.contains("Check your email"))
            let link = try await resetLink(app, to: "tech@school.sch.uk")
            let token = String(link.dropFirst("/reset-password/".count))
            let stored = try await (app.db as! any SQLDatabase).raw("SELECT digest FROM password_resets").all()
            #expect(stored.count == 1)
            #expect(try stored.first?.decode(column: "digest", as: String.self) == Tokens.digest(token), "only the digest is kept")

            _ = try await browser.post("/forgot-password", form: [("email", "tech@school.sch.uk")])
            #expect(try await resetEmails(app) == 1, "no second email within the resend interval")

            let form = try await browser.get(link)
            #expect(form.status == .ok)
            #expect(form.text.contains("Choose a new password") && form.text.contains("tech@school.sch.uk"))
            let weak = try await browser.post(link, form: [("newPassword", "password")])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.text.contains("Error: Choose a new password"))
            #expect(try await browser.get(link).status == .ok, "a refused password leaves the link working")

            let done = try await browser.post(link, form: [("newPassword", "kettle orbit lantern moss")])
            #expect(done.status == .seeOther)
            #expect(done.headers.first(name: .location) == "/sign-in")
            #expect(try await signedIn.get("/me/bookings").status == .seeOther, "the other session has ended")
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me/bookings", headers: .bearer(bearer)).status == .unauthorized)
            #expect(try await Browser(app).signIn("tech@school.sch.uk").status == .unauthorized, "the old password no longer works")
            #expect(try await Browser(app).signIn("tech@school.sch.uk", "kettle orbit lantern moss").status == .seeOther)

            let again = try await browser.get(link)
            #expect(again.status == .notFound)
            #expect(again.text.contains("expired or has already been used"))
            #expect(try await browser.post(link, form: [("newPassword", "another fine passphrase")]).status == .notFound)
            let actions = try await AuditEntry.query(on: app.db).all().map(\.action)
            #expect(actions.contains("account.password_reset_requested") && actions.contains("account.password_reset"))
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$subject == "Your PrepRoom password was changed").count() == 1)
        }
    }

    @Test func theFormAnswersAlikeForEveryAddressAndEmailsOnlyApprovedAccounts() async throws {
        try await withPrepRoom { app in
            try await makeUser(app, email: "tech@school.sch.uk", role: .technician)
            let pending = try await makeUser(app, email: "new@school.sch.uk", role: .technician)
            pending.status = .pending
            try await pending.save(on: app.db)
            let browser = Browser(app)
            _ = try await browser.get("/forgot-password")
            let known = try await browser.post("/forgot-password", form: [("email", "tech@school.sch.uk")])
            let unknown = try await browser.post("/forgot-password", form: [("email", "nobody@school.sch.uk")])
            let waiting = try await browser.post("/forgot-password", form: [("email", "new@school.sch.uk")])
            #expect(known.status == .ok && unknown.status == .ok && waiting.status == .ok)
            let strip = { (text: String, email: String) in text.replacingOccurrences(of: email, with: "ADDRESS") }
            #expect(strip(known.text, "tech@school.sch.uk").replacingOccurrences(of: browser.csrf ?? "-", with: "")
                    == strip(unknown.text, "nobody@school.sch.uk").replacingOccurrences(of: browser.csrf ?? "-", with: ""))
            #expect(try await resetEmails(app) == 1, "only the approved account is emailed")

            let empty = try await browser.post("/forgot-password", form: [("email", "")])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.text.contains("Enter your email address"))
            #expect(try await browser.post("/forgot-password", form: [("email", "not an address")]).status == .unprocessableEntity)
            #expect(try await browser.post("/forgot-password", form: [("email", "tech@school.sch.uk")], includeCSRF: false).status == .forbidden)
            #expect(try await resetEmails(app) == 1)
        }
    }

    @Test func anExpiredOrMadeUpLinkIsRefusedAndTheFormComesBack() async throws {
        try await withPrepRoom { app in
            try await makeUser(app, email: "tech@school.sch.uk", role: .technician)
            let links = Links(base: "https://preproom.example")
            let hourAgo = Date().addingTimeInterval(-PasswordResetRules.lifetime - 60)
            try await Accounts(app).requestPasswordReset(email: "tech@school.sch.uk", links: links, now: hourAgo)
            let link = try await resetLink(app, to: "tech@school.sch.uk")
            let browser = Browser(app)
            let expired = try await browser.get(link)
            #expect(expired.status == .notFound)
            #expect(expired.text.contains("id=\"forgot-password\""), "the form to ask again")
            #expect(try await browser.post(link, form: [("newPassword", "kettle orbit lantern moss")]).status == .notFound)
            #expect(try await Housekeeping.run(policy: app.security.sessionPolicy, contextLifetime: 86_400, on: app.db).resetLinks == 1)

            for made in ["/reset-password/x", "/reset-password/" + String(repeating: "A", count: 500), "/reset-password/%00%ff"] {
                let status = try await browser.get(made).status
                #expect(status == .notFound || status == .badRequest, "\(made.prefix(40)): \(status)")
            }
            try await Accounts(app).requestPasswordReset(email: "tech@school.sch.uk", links: links)
            #expect(try await browser.get(try await resetLink(app, to: "tech@school.sch.uk")).status == .ok, "a new link works")
        }
    }

    /// Two submissions of one link at once (a double click, or a thief racing the owner):
    /// exactly one sets the password.
    @Test func oneLinkSetsOnePasswordEvenWhenUsedTwiceAtOnce() async throws {
        try await withPrepRoom { app in
            try await makeUser(app, email: "tech@school.sch.uk", role: .technician)
            try await Accounts(app).requestPasswordReset(email: "tech@school.sch.uk", links: Links(base: ""))
            let link = try await resetLink(app, to: "tech@school.sch.uk")
            let first = Browser(app), second = Browser(app)
            _ = try await first.get(link)
            _ = try await second.get(link)
            async let one = first.post(link, form: [("newPassword", "kettle orbit lantern moss")])
            async let two = second.post(link, form: [("newPassword", "harbour violet ember sky")])
            let statuses = [try await one.status, try await two.status]
            #expect(statuses.filter { $0 == .seeOther }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .notFound }.count == 1, "\(statuses)")
        }
    }

    @Test func peopleAreEmailedWhenTheirRegistrationIsApprovedOrRejectedWithTheReason() async throws {
        try await withPrepRoom { app in
            try await makeUser(app, email: "admin@sserc.example", role: .admin)
            var ids: [UUID] = []
            for email in ["ana@school.sch.uk", "ben@school.sch.uk"] {
                let user = try await makeUser(app, email: email, role: .technician)
                user.status = .pending
                try await user.save(on: app.db)
                ids.append(try user.requireID())
            }
            let technician = Browser(app)
            try await makeUser(app, email: "tech@school.sch.uk", role: .technician)
            _ = try await technician.signIn("tech@school.sch.uk")
            _ = try await technician.get("/me/bookings")
            #expect(try await technician.post("/staff/accounts/decide", form: [("user-\(ids[0])", "true"), ("decision", "approve")]).status == .forbidden)

            let admin = Browser(app)
            _ = try await admin.signIn("admin@sserc.example")
            _ = try await admin.get("/staff/accounts")
            _ = try await admin.post("/staff/accounts/decide", form: [("user-\(ids[0])", "true"), ("decision", "approve")])
            let rejected = try await admin.post("/staff/accounts/decide", form: [("user-\(ids[1])", "true"), ("decision", "reject"),
                                                                                  ("reason", "Not a member school's address")])
            #expect(rejected.status == .seeOther)
            #expect(try await admin.get("/staff/accounts").text.contains("1 registration rejected; the person has been emailed."))
            let mail = try await OutboxMessage.query(on: app.db).all()
            let approval = try #require(mail.first { $0.recipient == "ana@school.sch.uk" && $0.subject == "Your PrepRoom account is approved" })
            #expect(approval.body.contains("/sign-in"))
            let rejection = try #require(mail.first { $0.recipient == "ben@school.sch.uk" })
            #expect(rejection.subject == "Your PrepRoom registration was not approved")
            #expect(rejection.body.contains("The reason given: Not a member school's address"))
            let audit = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "account.rejected").first())
            #expect(audit.details == "Not a member school's address")
        }
    }
}

@Suite("The admins' daily digest of registrations")
struct RegistrationDigestTests {
    private func pending(_ app: Application, _ email: String) async throws {
        let user = try await makeUser(app, email: email, role: .technician)
        user.status = .pending
        try await user.save(on: app.db)
    }

    @Test func eachAdminHearsOnceADayOfWhatArrivedSinceTheLastDigest() async throws {
        try await withPrepRoom { app in
            try await makeUser(app, email: "admin@sserc.example", role: .admin)
            try await makeUser(app, email: "manager@sserc.example", role: .manager)
            try await pending(app, "ana@school.sch.uk")
            try await pending(app, "ben@school.sch.uk")
            let digest = RegistrationDigest(db: app.db, links: Links(base: "https://preproom.example"))
            let today = Date()
            #expect(try await digest.sendDue(now: today) == 1, "one admin")
            #expect(try await digest.sendDue(now: today) == 0, "once a day")
            let mail = try await OutboxMessage.query(on: app.db).filter(\.$subject == "2 new registrations to check").all()
            #expect(mail.map(\.recipient) == ["admin@sserc.example"])
            #expect(mail.first?.body.contains("ana@school.sch.uk") == true && mail.first?.body.contains("https://preproom.example/staff/accounts") == true)

            let tomorrow = today.addingTimeInterval(86_400)
            #expect(try await digest.sendDue(now: tomorrow) == 0, "nothing new arrived")
            try await pending(app, "cat@school.sch.uk")
            #expect(try await digest.sendDue(now: tomorrow.addingTimeInterval(86_400)) == 1)
            let next = try #require(try await OutboxMessage.query(on: app.db).filter(\.$subject == "1 new registration to check").first())
            #expect(next.body.contains("cat@school.sch.uk") && !next.body.contains("ana@school.sch.uk"), "only what is new")
            #expect(next.body.contains("3 registrations in all are waiting"))
        }
    }

    /// Every instance asks each hour, so the digest's day begins at 07:00 London time:
    /// admins find it in the morning, not just after midnight.
    @Test func theDigestDayBeginsAtSevenInTheMorning() async throws {
        try await withPrepRoom { app in
            try await makeUser(app, email: "admin@sserc.example", role: .admin)
            try await pending(app, "ana@school.sch.uk")
            let digest = RegistrationDigest(db: app.db, links: Links(base: "https://preproom.example"))
            let day = ServiceTime.calendar.dateComponents([.year, .month, .day], from: Date().addingTimeInterval(-3 * 86_400))
            func at(_ days: Int, _ hour: Int, _ minute: Int) -> Date {
                ServiceTime.london(day.year ?? 2026, day.month ?? 1, (day.day ?? 1) + days, hour, minute)
            }
            #expect(try await digest.sendDue(now: at(0, 8, 0)) == 1)
            try await pending(app, "ben@school.sch.uk")
            #expect(try await digest.sendDue(now: at(0, 23, 59)) == 0, "the same digest day")
            #expect(try await digest.sendDue(now: at(1, 0, 5)) == 0, "just after midnight is still the day before's")
            #expect(try await digest.sendDue(now: at(1, 6, 55)) == 0)
            #expect(try await digest.sendDue(now: at(1, 7, 5)) == 1, "the morning after")
        }
    }
}
