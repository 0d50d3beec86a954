import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import SQLKit
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// Issue 10's "nothing ever ends": sessions that expire and are created only when needed,
/// tokens that are listed, revoked and end on a password change, accounts an admin disables.
@Suite("Sessions and tokens that end")
struct SessionAndTokenTests {
    private func sessionRows(_ app: Application) async throws -> Int { try await BrowserSessionRecord.query(on: app.db).count() }

    @Test func showingTheSignInFormOrSendingAnUnknownCookieStoresNothing() async throws {
        try await withPrepRoom { app in
            for _ in 0..<50 {
                let form = try await app.testing().sendRequest(.GET, "/sign-in")
                #expect(form.status == .ok)
                #expect(form.headers[.setCookie].contains { $0.hasPrefix("preproom-csrf=") }, "the form's token travels as a cookie")
            }
            var headers = HTTPHeaders()
            headers.add(name: .cookie, value: "preproom-session=made-up-token-\(UUID())")
            for _ in 0..<20 { _ = try await app.testing().sendRequest(.GET, "/courses", headers: headers) }
            #expect(try await sessionRows(app) == 0)
        }
    }

    @Test func theSignInFormWorksWithItsCookieTokenAndRefusesAForgery() async throws {
        try await withPrepRoom { app in
            try await makeUser(app, email: "tech@school.sch.uk", role: .technician)
            let forger = Browser(app)
            _ = try await forger.get("/sign-in")
            forger.cookies["preproom-csrf"] = nil
            let forged = try await forger.post("/sign-in", form: [("email", "tech@school.sch.uk"), ("password", "correct horse battery")])
            #expect(forged.status == .forbidden, "a token without its cookie is refused")
            #expect(try await sessionRows(app) == 0)
            let browser = Browser(app)
            #expect(try await browser.signIn("tech@school.sch.uk").status == .seeOther)
            #expect(try await sessionRows(app) == 1)
        }
    }

    @Test func sessionsEndWhenIdleOrTooOldAndArePruned() async throws {
        try await withPrepRoom { app in
            try await makeUser(app, email: "tech@school.sch.uk", role: .technician)
            let policy = app.security.sessionPolicy
            let browser = Browser(app)
            _ = try await browser.signIn("tech@school.sch.uk")
            #expect(try await browser.get("/me/bookings").status == .ok)
            // Two hours and a minute without a request.
            try await BrowserSessionRecord.query(on: app.db).set(\.$lastSeenAt, to: Date().addingTimeInterval(-policy.idle - 60)).update()
            #expect(try await browser.get("/me/bookings").status == .seeOther, "signed out after the idle time")
            #expect(try await sessionRows(app) == 0, "the ended session is deleted")

            _ = try await browser.signIn("tech@school.sch.uk")
            // Busy all along, but signed in more than twelve hours ago.
            try await BrowserSessionRecord.query(on: app.db).set(\.$createdAt, to: Date().addingTimeInterval(-policy.absolute - 60)).update()
            #expect(try await browser.get("/me/bookings").status == .seeOther, "signed out after the absolute time")

            _ = try await browser.signIn("tech@school.sch.uk")
            try await BrowserSessionRecord(digest: "old", userID: nil, data: "{}", at: Date().addingTimeInterval(-policy.absolute - 1), userAgent: nil)
                .create(on: app.db)
            #expect(try await BrowserSessionStore.prune(policy: policy, now: Date(), on: app.db) == 1)
            #expect(try await sessionRows(app) == 1, "the live one stays")
        }
    }

    @Test func tokensAreListedRevokedAndEndOnAPasswordChange() async throws {
        try await withPrepRoom { app in
            let user = try await makeUser(app, email: "tech@school.sch.uk", role: .technician)
            let first = try await Tokens.issue(for: user, label: "laptop script", on: app.db)
            let second = try await Tokens.issue(for: user, on: app.db)
            let listed = try await app.testing().sendRequest(.GET, "/api/v1/tokens", headers: .bearer(first))
            let items = try #require(try listed.json()["items"] as? [[String: Any]])
            #expect(items.count == 2)
            #expect(items.contains { $0["label"] as? String == "laptop script" && $0["current"] as? Bool == true })
            let secondID = try #require(items.first { $0["current"] as? Bool == false }?["id"] as? String)
            #expect(try await app.testing().sendRequest(.DELETE, "/api/v1/tokens/\(secondID)", headers: .bearer(first)).status == .noContent)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer(second)).status == .unauthorized)

            let other = try await token(app, role: .technician)
            let firstID = try #require(items.first { $0["current"] as? Bool == true }?["id"] as? String)
            #expect(try await app.testing().sendRequest(.DELETE, "/api/v1/tokens/\(firstID)", headers: .bearer(other)).status == .notFound,
                    "nobody revokes another person's token")

            let browser = Browser(app)
            _ = try await browser.signIn("tech@school.sch.uk")
            let wrong = try await app.testing().sendRequest(.POST, "/api/v1/me/password", headers: .json(bearer: first),
                                                            body: jsonBody(["currentPassword": "not it at all", "newPassword": "pipette burette flask"]))
            #expect(wrong.status == .unprocessableEntity)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer(first)).status == .ok, "nothing changed")
            let changed = try await app.testing().sendRequest(.POST, "/api/v1/me/password", headers: .json(bearer: first),
                                                              body: jsonBody(["currentPassword": "correct horse battery", "newPassword": "pipette burette flask"]))
            #expect(changed.status == .noContent)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer(first)).status == .unauthorized, "tokens end")
            #expect(try await browser.get("/me/bookings").status == .seeOther, "and sessions")
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$subject == "Your PrepRoom password was changed").count() == 1)
            #expect(try await Browser(app).signIn("tech@school.sch.uk", "pipette burette flask").status == .seeOther)
        }
    }

    @Test func signingOutEverywhereEndsEverySessionAndToken() async throws {
        try await withPrepRoom { app in
            let user = try await makeUser(app, email: "tech@school.sch.uk", role: .technician)
            let bearer = try await Tokens.issue(for: user, on: app.db)
            let laptop = Browser(app), phone = Browser(app)
            _ = try await laptop.signIn("tech@school.sch.uk")
            _ = try await phone.signIn("tech@school.sch.uk")
            let page = try await laptop.get("/me/security")
            #expect(page.text.contains("Where you are signed in"))
            #expect(page.text.components(separatedBy: "/end\"").count - 1 == 2, "both browsers are listed")
            #expect(try await laptop.post("/me/sign-out-everywhere", form: []).status == .seeOther)
            #expect(try await phone.get("/me/bookings").status == .seeOther)
            #expect(try await laptop.get("/me/bookings").status == .seeOther)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer(bearer)).status == .unauthorized)
        }
    }

    @Test func anAdminDisablesAnAccountAndItsSessionsAndTokensEndAtOnce() async throws {
        try await withPrepRoom { app in
            let leaver = try await makeUser(app, email: "leaver@school.sch.uk", role: .technician)
            let bearer = try await Tokens.issue(for: leaver, on: app.db)
            let browser = Browser(app)
            _ = try await browser.signIn("leaver@school.sch.uk")
            let id = try leaver.requireID()

            let technician = try await token(app, role: .technician)
            let refused = try await app.testing().sendRequest(.POST, "/api/v1/users/\(id)/disable", headers: .json(bearer: technician),
                                                              body: jsonBody(["reason": "Left the school"]))
            #expect(refused.status == .forbidden, "a wrong role is refused")
            let admin = try await token(app, role: .admin)
            let noReason = try await app.testing().sendRequest(.POST, "/api/v1/users/\(id)/disable", headers: .json(bearer: admin),
                                                               body: jsonBody(["reason": " "]))
            #expect(noReason.status == .unprocessableEntity)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer(bearer)).status == .ok, "nothing changed yet")

            let disabled = try await app.testing().sendRequest(.POST, "/api/v1/users/\(id)/disable", headers: .json(bearer: admin),
                                                               body: jsonBody(["reason": "Left the school"]))
            #expect(disabled.status == .ok)
            #expect(try disabled.json()["status"] as? String == "disabled")
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer(bearer)).status == .unauthorized)
            #expect(try await browser.get("/me/bookings").status == .seeOther)
            let again = try await Browser(app).signIn("leaver@school.sch.uk")
            #expect(again.status == .forbidden)
            #expect(again.text.contains("disabled"))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "account.disabled").count() == 1)

            let enabled = try await app.testing().sendRequest(.POST, "/api/v1/users/\(id)/enable", headers: .bearer(admin))
            #expect(enabled.status == .ok)
            #expect(try await Browser(app).signIn("leaver@school.sch.uk").status == .seeOther)
        }
    }
}
