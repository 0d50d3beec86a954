import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("Accounts: registration, tokens, approval and roles")
struct AccountsTests {
    private func register(_ app: Application, email: String = "jo@school.sch.uk", password: String = "correct horse battery") async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "/api/v1/registrations", headers: .json,
                                            body: jsonBody(["email": email, "name": "Jo Bloggs", "password": password]))
    }

    private func tokenResponse(_ app: Application, email: String, password: String = "correct horse battery") async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "/api/v1/tokens", headers: .json, body: jsonBody(["email": email, "password": password]))
    }

    @Test func registrationStaysPendingUntilAnAdminApproves() async throws {
        try await withPrepRoom { app in
            let registered = try await register(app)
            #expect(registered.status == .accepted)
            let user = try #require(try await User.query(on: app.db).filter(\User.$email == "jo@school.sch.uk").first())
            let id = try user.requireID().uuidString
            #expect(user.status == .pending)

            let early = try await tokenResponse(app, email: "jo@school.sch.uk")
            #expect(early.status == .forbidden)

            let admin = try await token(app, role: .admin)
            let approved = try await app.testing().sendRequest(.POST, "/api/v1/users/\(id)/approve", headers: .bearer(admin))
            #expect(approved.status == .ok)
            #expect(try approved.json()["status"] as? String == "approved")
            let again = try await app.testing().sendRequest(.POST, "/api/v1/users/\(id)/approve", headers: .bearer(admin))
            #expect(again.status == .conflict)

            let signedIn = try await tokenResponse(app, email: "JO@school.sch.uk ")
            #expect(signedIn.status == .created)
            let body = try signedIn.json()
            let bearer = try #require(body["token"] as? String)
            #expect((body["user"] as? [String: Any])?["roles"] as? [String] == ["technician"])
            let me = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer(bearer))
            #expect(try me.json()["email"] as? String == "jo@school.sch.uk")
            let stored = try await UserToken.query(on: app.db).all()
            #expect(stored.allSatisfy { $0.digest != bearer }, "only a digest of the token is stored")
        }
    }

    @Test func bulkApprovalApprovesOnlyPendingOnes() async throws {
        try await withPrepRoom { app in
            var ids: [String] = []
            for n in 1...3 {
                #expect(try await register(app, email: "t\(n)@school.sch.uk").status == .accepted)
                ids.append(try #require(try await User.query(on: app.db).filter(\User.$email == "t\(n)@school.sch.uk").first()?.requireID().uuidString))
            }
            let admin = try await token(app, role: .admin)
            let response = try await app.testing().sendRequest(.POST, "/api/v1/users/approve", headers: .json(bearer: admin),
                                                               body: jsonBody(["ids": Array(ids.prefix(2))]))
            #expect(try response.json()["approved"] as? Int == 2)
            let pending = try await User.query(on: app.db).filter(\User.$status == .pending).count()
            #expect(pending == 1)
            let entries = try await AuditEntry.query(on: app.db).filter(\AuditEntry.$action == "account.approved").count()
            #expect(entries == 2)
        }
    }

    /// Registration does not tell who has an account: a second registration with the same
    /// email gets the same answer, changes nothing, and the account's owner is emailed.
    @Test func aDuplicateRegistrationLooksTheSameAndEmailsTheOwner() async throws {
        try await withPrepRoom { app in
            let first = try await register(app)
            #expect(first.status == .accepted)
            let duplicate = try await register(app, email: "Jo@School.sch.uk")
            #expect(duplicate.status == .accepted)
            #expect(duplicate.text == first.text, "the same answer, word for word")
            #expect(try await User.query(on: app.db).count() == 1)
            let mail = try await OutboxMessage.query(on: app.db).filter(\OutboxMessage.$recipient == "jo@school.sch.uk").sort(\.$createdAt).all()
            #expect(mail.map(\.subject) == ["We have your PrepRoom registration", "Someone tried to register with your email address"],
                    "an email either way, so the page's \"we have emailed you\" holds for both")
            let weak = try await register(app, email: "other@school.sch.uk", password: "short")
            #expect(weak.status == .unprocessableEntity)
            #expect(try weak.apiError()["field"] as? String == "password")
            #expect(try await User.query(on: app.db).count() == 1)
            let admin = try await token(app, role: .admin)
            let byAdmin = try await app.testing().sendRequest(.POST, "/api/v1/users", headers: .json(bearer: admin),
                                                              body: jsonBody(["email": "jo@school.sch.uk", "name": "Jo", "password": "correct horse battery", "roles": ["teacher"]]))
            #expect(byAdmin.status == .conflict, "an admin creating accounts may know")
        }
    }

    @Test func wrongPasswordAndUnknownEmailGetTheSame401() async throws {
        try await withPrepRoom { app in
            try await makeUser(app, email: "tech@school.sch.uk", role: .technician)
            let wrongPassword = try await tokenResponse(app, email: "tech@school.sch.uk", password: "not the password")
            let unknownEmail = try await tokenResponse(app, email: "nobody@school.sch.uk", password: "not the password")
            #expect(wrongPassword.status == .unauthorized)
            #expect(unknownEmail.status == .unauthorized)
            #expect(try wrongPassword.apiError()["message"] as? String == (try unknownEmail.apiError()["message"] as? String))
        }
    }

    @Test func repeatedFailuresAreThrottledWithRetryAfterEvenWithTheRightPassword() async throws {
        try await withPrepRoom { app in
            try await makeUser(app, email: "tech@school.sch.uk", role: .technician)
            for _ in 1...5 {
                #expect(try await tokenResponse(app, email: "tech@school.sch.uk", password: "guess guess guess").status == .unauthorized)
            }
            let blocked = try await tokenResponse(app, email: "tech@school.sch.uk")
            #expect(blocked.status == .tooManyRequests)
            #expect(try blocked.apiError()["code"] as? String == "too_many_requests")
            #expect(Int(blocked.headers.first(name: .retryAfter) ?? "") ?? 0 >= 1)
        }
    }

    @Test func onlyAdminsCreateAccountsAndAssignRolesWithTheirScope() async throws {
        try await withPrepRoom(seed: true) { app in
            let technician = try await token(app, role: .technician)
            let refused = try await app.testing().sendRequest(.POST, "/api/v1/users", headers: .json(bearer: technician),
                                                              body: jsonBody(["email": "x@y.org", "name": "X", "password": "correct horse battery"]))
            #expect(refused.status == .forbidden)

            let admin = try await token(app, role: .admin)
            // A centre that does not exist is the admin's mistake (422), not a broken foreign key.
            let unknownCentre = try await app.testing().sendRequest(.POST, "/api/v1/users", headers: .json(bearer: admin),
                                                                    body: jsonBody(["email": "ghost@college.ac.uk", "name": "Ghost", "password": "correct horse battery",
                                                                                    "centreId": UUID().uuidString]))
            #expect(unknownCentre.status == .unprocessableEntity)
            #expect(try unknownCentre.apiError()["field"] as? String == "centreId")
            #expect(try await User.query(on: app.db).filter(\User.$email == "ghost@college.ac.uk").count() == 0)

            let created = try await app.testing().sendRequest(.POST, "/api/v1/users", headers: .json(bearer: admin),
                                                              body: jsonBody(["email": "coord@college.ac.uk", "name": "Coordinator", "password": "correct horse battery", "roles": ["technician"]]))
            #expect(created.status == .created)
            #expect(try created.json()["status"] as? String == "approved")
            let id = try #require(try created.json()["id"] as? String)

            let noCentre = try await app.testing().sendRequest(.PUT, "/api/v1/users/\(id)/roles", headers: .json(bearer: admin),
                                                               body: jsonBody(["roles": ["centre_coordinator"]]))
            #expect(noCentre.status == .unprocessableEntity)
            #expect(try noCentre.apiError()["field"] as? String == "centreId")

            let centre = try #require(try await Centre.query(on: app.db).first())
            let assigned = try await app.testing().sendRequest(.PUT, "/api/v1/users/\(id)/roles", headers: .json(bearer: admin),
                                                               body: jsonBody(["roles": ["centre_coordinator"], "centreId": try centre.requireID().uuidString]))
            #expect(assigned.status == .ok)
            #expect(try assigned.json()["centreId"] as? String == (try centre.requireID().uuidString))

            let member = try #require(try await Organisation.query(on: app.db).filter(\Organisation.$kind == .memberBody).first())
            let notAnLA = try await app.testing().sendRequest(.PUT, "/api/v1/users/\(id)/roles", headers: .json(bearer: admin),
                                                              body: jsonBody(["roles": ["la_manager"], "organisationId": try member.requireID().uuidString]))
            #expect(notAnLA.status == .unprocessableEntity)
            let roleChanges = try await AuditEntry.query(on: app.db).filter(\AuditEntry.$action == "account.roles_changed").count()
            #expect(roleChanges == 1)
        }
    }
}
