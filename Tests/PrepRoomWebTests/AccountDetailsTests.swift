import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("Your account: name, email address and where you work")
struct AccountDetailsTests {
    private func link(_ app: Application, to email: String) async throws -> String {
        let message = try #require(try await OutboxMessage.query(on: app.db).filter(\.$recipient == email)
            .filter(\.$subject == "Confirm your new PrepRoom email address").sort(\.$createdAt, .descending).first())
        let range = try #require(message.body.range(of: #"/confirm-email/[A-Za-z0-9_-]+"#, options: .regularExpression))
        return String(message.body[range])
    }

    @Test func aPersonRenamesThemselvesAndMovesToANewAddressOnlyFromTheLink() async throws {
        try await withPrepRoom { app in
            let user = try await makeUser(app, email: "ana@school.sch.uk", role: .technician)
            let me = Browser(app)
            _ = try await me.signIn("ana@school.sch.uk")
            #expect(try await me.get("/me/account").status == .ok)
            let blank = try await me.post("/me/account/name", form: [("name", "  ")])
            #expect(blank.status == .unprocessableEntity && blank.text.contains("Enter your full name"))
            _ = try await me.post("/me/account/name", form: [("name", "Ana Smith")])
            #expect(try await me.get("/me/account").text.contains(">Ana Smith</a>"), "the menu shows the new name")

            let bad = try await me.post("/me/account/email", form: [("newEmail", "not an address")])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("value=\"not an address\""))
            #expect(try await me.post("/me/account/email", form: [("newEmail", "ANA@school.sch.uk")]).status == .unprocessableEntity)
            #expect(try await me.post("/me/account/email", form: [("newEmail", "ana.smith@school.sch.uk")]).status == .seeOther)
            let notice = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "ana@school.sch.uk")
                .filter(\.$subject == "Your PrepRoom email address is being changed").count()
            #expect(notice == 1, "the old address is told")
            let path = try await link(app, to: "ana.smith@school.sch.uk")
            #expect(try await User.find(user.requireID(), on: app.db)?.email == "ana@school.sch.uk", "nothing changes before the link")

            let stranger = Browser(app)
            let asked = try await stranger.get(path)
            #expect(asked.status == .ok && asked.text.contains("id=\"confirm\""), "following the link only asks")
            #expect(try await User.find(user.requireID(), on: app.db)?.email == "ana@school.sch.uk")
            #expect(try await stranger.post(path, form: []).status == .seeOther)
            #expect(try await User.find(user.requireID(), on: app.db)?.email == "ana.smith@school.sch.uk")
            #expect(try await Browser(app).signIn("ana.smith@school.sch.uk").status == .seeOther)
            #expect(try await stranger.get(path).status == .notFound, "the link works once")
            let actions = try await AuditEntry.query(on: app.db).all().map(\.action)
            #expect(actions.contains("account.renamed") && actions.contains("account.email_changed"))
            #expect(try await Browser(app).get("/me/account").status == .seeOther, "visitors are sent to sign in")
        }
    }

    @Test func anAddressAnotherAccountHoldsIsRefusedAtTheLinkAndNothingChanges() async throws {
        try await withPrepRoom { app in
            let user = try await makeUser(app, email: "ana@school.sch.uk", role: .technician)
            try await makeUser(app, email: "ben@school.sch.uk", role: .technician)
            let me = Browser(app)
            _ = try await me.signIn("ana@school.sch.uk")
            _ = try await me.get("/me/account")
            #expect(try await me.post("/me/account/email", form: [("newEmail", "ben@school.sch.uk")]).status == .seeOther,
                    "the form does not tell whether the address has an account")
            let path = try await link(app, to: "ben@school.sch.uk")
            _ = try await me.get(path)
            let refused = try await me.post(path, form: [])
            #expect(refused.status == .conflict)
            #expect(try await User.find(user.requireID(), on: app.db)?.email == "ana@school.sch.uk")
            #expect(try await me.post("/confirm-email/" + String(repeating: "x", count: 300), form: []).status == .notFound)
        }
    }

    /// Where a person works is theirs to change, except an LA manager's: it is what they see.
    @Test func aPersonSaysWhereTheyNowWorkButAnLAManagerCannotMoveTheirOwnScope() async throws {
        try await withPrepRoom(seed: true) { app in
            let fife = try #require(try await OrganisationStore.named("Fife Council", on: app.db))
            let angus = try #require(try await OrganisationStore.named("Angus Council", on: app.db))
            let user = try await makeUser(app, email: "ana@school.sch.uk", role: .technician, organisationID: fife.requireID())
            let me = Browser(app)
            _ = try await me.signIn("ana@school.sch.uk")
            let page = try await me.get("/me/account")
            #expect(page.text.contains("id=\"organisation-form\"") && page.text.contains("Where you work"))
            let wrong = try await me.post("/me/account/organisation", form: [("organisationId", UUID().uuidString)])
            #expect(wrong.status == .unprocessableEntity && wrong.text.contains("Choose your local authority or member body from the list"))
            #expect(try await me.post("/me/account/organisation", form: [("organisationId", "not-an-id")]).status == .unprocessableEntity)
            #expect(try await me.post("/me/account/organisation", form: [("organisationId", angus.requireID().uuidString)],
                                      includeCSRF: false).status == .forbidden)
            #expect(try await User.find(user.requireID(), on: app.db)?.$organisation.id == fife.id, "nothing changed yet")
            let moved = try await me.post("/me/account/organisation", form: [("organisationId", angus.requireID().uuidString)])
            #expect(moved.status == .seeOther)
            #expect(try await User.find(user.requireID(), on: app.db)?.$organisation.id == angus.id)
            let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "account.organisation_changed").first())
            #expect(entry.details == "to Angus Council" && entry.actorID == user.id)

            let manager = try await makeUser(app, email: "la@fife.gov.uk", role: .laManager, organisationID: fife.requireID())
            let la = Browser(app)
            _ = try await la.signIn("la@fife.gov.uk")
            let own = try await la.get("/me/account")
            #expect(!own.text.contains("id=\"organisation-form\""), "no form for an LA manager")
            #expect(own.text.contains("Fife Council · the local authority whose people you see is set by the service"))
            #expect(try await la.post("/me/account/organisation", form: [("organisationId", angus.requireID().uuidString)]).status == .forbidden)
            #expect(try await User.find(manager.requireID(), on: app.db)?.$organisation.id == fife.id, "the LA manager still sees Fife only")
            #expect(try await Browser(app).post("/me/account/organisation", form: [("organisationId", angus.requireID().uuidString)]).status != .seeOther)
        }
    }
}
