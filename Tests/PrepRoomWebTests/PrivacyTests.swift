import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import SQLKit
import Testing
import VaporTesting

@Suite("Privacy: the registry, the data download, erasure and inactive accounts")
struct PrivacyTests {
    /// A column that names a person by id: a foreign key to `users`, or one of the names the
    /// schema uses for people (`user_id`, `actor_id`, `author_id`, `…_by`).
    static func holdsPersonID(_ column: DatabaseCatalogue.Column) -> Bool {
        column.references == User.schema || ["user_id", "actor_id", "author_id"].contains(column.name) || column.name.hasSuffix("_by")
    }

    @Test func everyTableIsRegisteredOrDeclaredToHoldNoPersonalData() async throws {
        try await withPrepRoom { app in
            let tables = try await DatabaseCatalogue.tables(on: app.db)
            #expect(tables.count > 20, "\(tables)")
            let personal = PersonalDataRegistry.personalTables, free = Set(PersonalDataRegistry.holdsNoPersonalData.keys)
            #expect(personal.isDisjoint(with: free), "a table is both: \(personal.intersection(free))")
            let registeredTwice = Dictionary(grouping: PersonalDataRegistry.areas.flatMap(\.tables), by: { $0 }).filter { $0.value.count > 1 }.keys
            #expect(registeredTwice.isEmpty, "more than one area answers for \(registeredTwice.sorted())")
            for table in tables {
                #expect(personal.contains(table) || free.contains(table),
                        "\(table) is new: register it with the area that holds it (PersonalDataRegistry.areas) or say why it holds nobody's data (holdsNoPersonalData)")
                let ids = try await DatabaseCatalogue.columns(of: table, on: app.db).filter(Self.holdsPersonID).map(\.name)
                if !ids.isEmpty {
                    #expect(personal.contains(table), "\(table).\(ids) names a person, so an area must export and erase it")
                }
            }
            for table in personal.union(free) { #expect(tables.contains(table), "\(table) is registered but does not exist") }
            // The rule has teeth: the tables it must catch are caught.
            let bookings = try await DatabaseCatalogue.columns(of: "bookings", on: app.db)
            #expect(bookings.contains { $0.name == "user_id" && $0.references == "users" })
        }
    }

    @Test func aPersonDownloadsEverythingHeldAboutThem() async throws {
        try await withPrepRoom(seed: true) { app in
            let fixture = try await PrivacyFixture.make(app)
            let response = try await app.testing().sendRequest(.GET, "/api/v1/me/data", headers: .bearer(fixture.bearer))
            #expect(response.status == .ok)
            #expect(response.headers.contentType == HTTPMediaType(type: "application", subType: "zip"))
            #expect(response.headers.first(name: .contentDisposition)?.contains("preproom-data-") == true)
            let files = try unzip(response.bytes)
            let folder = "preproom-data-\(ServiceTime.isoDay(Date()))"
            #expect(Set(files.keys) == ["\(folder)/index.html", "\(folder)/data.json"])
            let json = try #require(try JSONSerialization.jsonObject(with: Data((files["\(folder)/data.json"] ?? "").utf8)) as? [String: Any])
            #expect(json["email"] as? String == PrivacyFixture.email)
            let sections = Dictionary(((json["sections"] as? [[String: Any]]) ?? []).map { ($0["key"] as? String ?? "", $0["records"] as? [[String: Any]] ?? []) },
                                      uniquingKeysWith: { a, _ in a })
            #expect(sections["account"]?.first?["name"] as? String == PrivacyFixture.name)
            #expect(sections["account"]?.first?["lastSignedIn"] as? String != nil, "the browser sign-in is kept")
            #expect(sections["bookings"]?.count == 2)
            #expect(sections["bookings"]?.contains { ($0["attendance"] as? String) == "day 1: present, day 2: present" && $0["result"] as? String == "Passed" } == true)
            #expect(sections["certificates"]?.first?["number"] as? String == fixture.certificateNumber)
            #expect(sections["cpdEntries"]?.first?["title"] as? String == "Fume cupboard <script>alert(1)</script> checks")
            #expect(sections["evaluationAnswers"]?.contains { ($0["answer"] as? String)?.contains("new to the prep room") == true } == true)
            #expect(sections["equalityAnswers"]?.first?["Age"] as? String == "35 to 44")
            #expect((sections["emails"] ?? []).contains { ($0["subject"] as? String)?.isEmpty == false })
            #expect(sections["auditEntries"]?.contains { $0["action"] as? String == "account.renamed" } == true)
            #expect(sections["signingIn"]?.contains { $0["what"] as? String == "failed sign-in" } == true)
            #expect(sections["signingIn"]?.contains { $0["label"] as? String == "Laptop" } == true)
            #expect(sections["accountLinks"]?.contains { $0["what"] as? String == "password reset link" } == true)

            let html = try #require(files["\(folder)/index.html"])
            #expect(html.contains(PrivacyFixture.name) && html.contains(fixture.certificateNumber))
            #expect(html.contains("Fume cupboard &lt;script&gt;alert(1)&lt;/script&gt; checks"))
            #expect(!html.contains("<script"), "no script, and nothing from a record unescaped")

            // The same file from the page, and the download is in the audit log.
            let browser = Browser(app)
            try await browser.signIn(PrivacyFixture.email, PrivacyFixture.password)
            #expect(try await browser.get("/me/privacy").text.contains("href=\"/me/privacy/download\""))
            let page = try await browser.get("/me/privacy/download")
            #expect(page.status == .ok)
            #expect(try unzip(page.bytes).count == 2)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "account.data_downloaded").count() == 2)
        }
    }

    @Test func erasureLeavesNoNameOrAddressAndKeepsBookingsCertificatesAndReports() async throws {
        try await withPrepRoom(seed: true) { app in
            let fixture = try await PrivacyFixture.make(app)
            let personID = try fixture.person.requireID()
            let manager = try await token(app, role: .manager)
            // Up to today: the places given up on runs still to come change the future, as they should.
            let from = ServiceTime.isoDay(Date().addingTimeInterval(-60 * 86_400)), to = ServiceTime.isoDay(Date().addingTimeInterval(86_400))
            func report() async throws -> NSDictionary {
                let response = try await app.testing().sendRequest(.GET, "/api/v1/reports/annual?from=\(from)&to=\(to)", headers: .bearer(manager))
                return try response.json() as NSDictionary
            }
            let before = try await report()
            let bookingsBefore = try await Booking.query(on: app.db).filter(\.$user.$id == personID).count()
            let found = try await DatabaseCatalogue.places(holding: PrivacyFixture.email, on: app.db).map { "\($0.column.table).\($0.column.name)" }
            #expect(found.contains("users.email") && found.contains("outbox.recipient") && found.contains("sign_in_failures.email"),
                    "the scan finds the address before: \(found)")

            let erased = try await app.testing().sendRequest(.POST, "/api/v1/me/erasure", headers: .json(bearer: fixture.bearer),
                                                             body: jsonBody(["password": PrivacyFixture.password]))
            #expect(erased.status == .ok, "\(erased.text)")
            #expect(try erased.json()["placesGivenUp"] as? Int == 1)
            #expect(try erased.json()["promotedFromWaitingLists"] as? Int == 1)

            for text in [PrivacyFixture.email, PrivacyFixture.name, "morag"] {
                let left = try await DatabaseCatalogue.places(holding: text, on: app.db)
                #expect(left.isEmpty, "\(text) is still in \(left.map { "\($0.column.table).\($0.column.name) (\($0.rows))" })")
            }
            #expect(try await Booking.query(on: app.db).filter(\.$user.$id == personID).count() == bookingsBefore, "bookings stay, without a name")
            let after = try await report()
            #expect(after == before, "past reports do not change: \(before) → \(after)")
            let promoted = try #require(try await Booking.query(on: app.db).filter(\.$user.$id == fixture.waiting.user.requireID()).first())
            #expect(promoted.status == .confirmed, "the place went to whoever was waiting")

            let verified = try await app.testing().sendRequest(.GET, "/api/v1/certificates/\(fixture.certificateNumber)")
            #expect(try verified.json()["valid"] as? Bool == true)
            #expect(try verified.json()["holderName"] as? String == Erasure.withheldHolder)
            let check = try await app.testing().sendRequest(.GET, SiteURL.certificate(number: fixture.certificateNumber).path)
            #expect(check.status == .ok)
            #expect(check.text.contains("Name withheld at the holder"))

            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer(fixture.bearer)).status == .unauthorized, "tokens end")
            let again = try await app.testing().sendRequest(.POST, "/api/v1/tokens", headers: .json,
                                                            body: jsonBody(["email": PrivacyFixture.email, "password": PrivacyFixture.password]))
            #expect(again.status == .unauthorized)
            let account = try #require(try await UserStore.find(personID, on: app.db))
            #expect(account.status == .erased && account.name == Erasure.erasedName && account.roles.isEmpty && account.erasedAt != nil)
            let placeholder = try await app.testing().sendRequest(.POST, "/api/v1/tokens", headers: .json,
                                                                  body: jsonBody(["email": account.email, "password": "anything at all"]))
            #expect(placeholder.status == .unauthorized, "the placeholder address opens nothing")
            let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "account.erased").first())
            #expect(entry.subject == "user:\(personID)" && entry.details == "at their own request")

            let twice = try await app.testing().sendRequest(.POST, "/api/v1/users/\(personID)/erasure", headers: .bearer(fixture.adminToken))
            #expect(twice.status == .conflict)
            #expect(try twice.apiError()["code"] as? String == "already_erased")
        }
    }

    @Test func onlyThePersonOrAnAdminExportsOrErasesAndMistakesChangeNothing() async throws {
        try await withPrepRoom(seed: true) { app in
            let members = try await makeMembers(app, count: 2)
            let target = try members[0].user.requireID()
            let admin = try await token(app, role: .admin, email: "admin@sserc.org.uk")
            for role in [Role.technician, .courseAdmin, .manager, .verifier] {
                let other = try await token(app, role: role)
                #expect(try await app.testing().sendRequest(.POST, "/api/v1/users/\(target)/erasure", headers: .bearer(other)).status == .forbidden, "\(role)")
                #expect(try await app.testing().sendRequest(.GET, "/api/v1/users/\(target)/data", headers: .bearer(other)).status == .forbidden, "\(role)")
                #expect(try await app.testing().sendRequest(.GET, "/api/v1/users/inactive", headers: .bearer(other)).status == .forbidden, "\(role)")
            }
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/users/\(target)/erasure", headers: .bearer(members[1].token)).status == .forbidden)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me/data").status == .unauthorized)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/users/\(UUID())/erasure", headers: .bearer(admin)).status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/users/\(UUID())/data", headers: .bearer(admin)).status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/users/not-an-id/data", headers: .bearer(admin)).status == .notFound)
            let wrong = try await app.testing().sendRequest(.POST, "/api/v1/me/erasure", headers: .json(bearer: members[0].token),
                                                            body: jsonBody(["password": "not my password"]))
            #expect(wrong.status == .unprocessableEntity)
            #expect(try wrong.apiError()["field"] as? String == "password")
            let long = try await app.testing().sendRequest(.POST, "/api/v1/users/\(target)/erasure", headers: .json(bearer: admin),
                                                           body: jsonBody(["reason": String(repeating: "x", count: TextLimit.reason + 1)]))
            #expect(long.status == .unprocessableEntity)
            #expect(try await UserStore.find(target, on: app.db)?.status == .approved, "nothing changed")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "account.erased").count() == 0)

            // The last admin cannot erase themselves; with a second admin they can.
            let adminUser = try #require(try await User.query(on: app.db).filter(\.$email == "admin@sserc.org.uk").first())
            let last = try await app.testing().sendRequest(.POST, "/api/v1/me/erasure", headers: .json(bearer: admin),
                                                           body: jsonBody(["password": "correct horse battery"]))
            #expect(last.status == .conflict)
            #expect(try last.apiError()["code"] as? String == "last_admin")
            #expect(try await UserStore.find(adminUser.requireID(), on: app.db)?.status == .approved)
            // Nor through the admin route, even with another admin: that would skip the password.
            try await makeUser(app, email: "second-admin@sserc.org.uk", role: .admin)
            let own = try await app.testing().sendRequest(.POST, "/api/v1/users/\(adminUser.requireID())/erasure", headers: .json(bearer: admin),
                                                          body: jsonBody(["reason": "Testing"]))
            #expect(own.status == .conflict)
            #expect(try own.apiError()["code"] as? String == "own_account")
            #expect(try await UserStore.find(adminUser.requireID(), on: app.db)?.status == .approved)

            // An admin erases a leaver with a reason; the reason is kept without the name.
            let leaver = try await app.testing().sendRequest(.POST, "/api/v1/users/\(target)/erasure", headers: .json(bearer: admin),
                                                             body: jsonBody(["reason": "Member 0 left the school in June"]))
            #expect(leaver.status == .ok, "\(leaver.text)")
            let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "account.erased").first())
            #expect(entry.details == "by an admin: [erased] left the school in June")
            #expect(entry.actorID == adminUser.id)
        }
    }

    @Test func anAdminErasesALeaverFromTheAccountPageAfterConfirming() async throws {
        try await withPrepRoom(seed: true) { app in
            let members = try await makeMembers(app, count: 1)
            let id = try members[0].user.requireID()
            try await makeUser(app, email: "admin@sserc.org.uk", role: .admin)
            let browser = Browser(app)
            try await browser.signIn("admin@sserc.org.uk")
            let page = try await browser.get("/staff/accounts/\(id)")
            #expect(page.text.contains("href=\"/staff/accounts/\(id)/download\""))
            #expect(try unzip(try await browser.get("/staff/accounts/\(id)/download").bytes).count == 2)
            #expect(try await browser.post("/staff/accounts/\(id)/erase", form: [("reason", "Left")], includeCSRF: false).status == .forbidden)
            let confirm = try await browser.post("/staff/accounts/\(id)/erase", form: [("reason", "Left")])
            #expect(confirm.status == .ok)
            #expect(confirm.text.contains("Erase Member 0"))
            #expect(try await UserStore.find(id, on: app.db)?.status == .approved, "nothing happens before the confirmation")
            let done = try await browser.post("/staff/accounts/\(id)/erase", form: [("reason", "Left"), ("confirmed", "yes")])
            #expect(done.status == .seeOther)
            #expect(try await UserStore.find(id, on: app.db)?.status == .erased)
            let after = try await browser.get("/staff/accounts/\(id)")
            #expect(after.text.contains("The account is erased.") && after.text.contains("This account was erased"))

            // A technician cannot reach any of it.
            let technician = Browser(app)
            try await makeUser(app, email: "tech@school.sch.uk", role: .technician)
            try await technician.signIn("tech@school.sch.uk")
            #expect(try await technician.get("/staff/accounts/\(id)/download").status == .forbidden)
            #expect(try await technician.get("/staff/accounts/inactive").status == .forbidden)
            try await technician.get("/me/privacy")
            #expect(try await technician.post("/staff/accounts/\(id)/erase", form: [("confirmed", "yes")]).status == .forbidden)
        }
    }

    @Test func aPersonErasesTheirOwnAccountFromYourDataWithTheirPassword() async throws {
        try await withPrepRoom(seed: true) { app in
            let person = try await makeUser(app, email: "leaving@school.sch.uk", role: .technician)
            let browser = Browser(app)
            try await browser.signIn("leaving@school.sch.uk")
            #expect(try await browser.get("/me/account").text.contains("href=\"/me/privacy\""))
            let page = try await browser.get("/me/privacy")
            #expect(page.status == .ok && page.text.contains("Erase your account"))
            let unticked = try await browser.post("/me/privacy/erase", form: [("password", "correct horse battery")])
            #expect(unticked.status == .unprocessableEntity)
            #expect(unticked.text.contains("Tick the box"))
            let wrong = try await browser.post("/me/privacy/erase", form: [("password", "wrong"), ("understood", "true")])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("Your password is not right"))
            #expect(try await browser.post("/me/privacy/erase", form: [("password", "correct horse battery"), ("understood", "true")],
                                           includeCSRF: false).status == .forbidden)
            #expect(try await UserStore.find(person.requireID(), on: app.db)?.status == .approved, "nothing changed yet")
            let done = try await browser.post("/me/privacy/erase", form: [("password", "correct horse battery"), ("understood", "true")])
            #expect(done.status == .ok)
            #expect(done.text.contains("Your account is erased"))
            #expect(try await browser.get("/me").status != .ok, "signed out")
            #expect(try await UserStore.find(person.requireID(), on: app.db)?.status == .erased)
        }
    }

    @Test func inactiveAccountsAreListedForReviewLongestUnusedFirst() async throws {
        try await withPrepRoom { app in
            let now = Date()
            let members = try await makeMembers(app, count: 4, prefix: "quiet")
            let sql = app.db as! any SQLDatabase
            func set(_ index: Int, signedIn: Date?, registered: Date) async throws {
                try await sql.raw("UPDATE users SET last_signed_in_at = \(bind: signedIn), created_at = \(bind: registered) WHERE id = \(bind: try members[index].user.requireID())").run()
            }
            let years = { (n: Double) in now.addingTimeInterval(-n * 365.25 * 86_400) }
            try await set(0, signedIn: years(4), registered: years(6))   // inactive
            try await set(1, signedIn: years(0.5), registered: years(6)) // active
            try await set(2, signedIn: nil, registered: years(5))        // never signed in: inactive, and longest unused
            try await set(3, signedIn: nil, registered: years(1))        // new, never signed in: not yet
            let admin = try await token(app, role: .admin)
            let listed = try await app.testing().sendRequest(.GET, "/api/v1/users/inactive", headers: .bearer(admin))
            #expect(listed.status == .ok, "\(listed.text)")
            let items = try #require(try listed.json()["items"] as? [[String: Any]])
            #expect(items.compactMap { ($0["user"] as? [String: Any])?["email"] as? String } == ["quiet2@school.sch.uk", "quiet0@school.sch.uk"])
            #expect(try listed.json()["total"] as? Int == 2)
            let browser = Browser(app)
            try await makeUser(app, email: "admin2@sserc.org.uk", role: .admin)
            try await browser.signIn("admin2@sserc.org.uk")
            let page = try await browser.get("/staff/accounts/inactive")
            #expect(page.status == .ok)
            #expect(page.text.contains("Member 2") && page.text.contains("Member 0") && !page.text.contains("quiet1@"))
            #expect(try await browser.get("/staff/accounts").text.contains("href=\"/staff/accounts/inactive\""))
            // Signing in takes an account off the list.
            _ = try await app.testing().sendRequest(.POST, "/api/v1/tokens", headers: .json,
                                                    body: jsonBody(["email": "quiet0@school.sch.uk", "password": "correct horse battery"]))
            let after = try await app.testing().sendRequest(.GET, "/api/v1/users/inactive", headers: .bearer(admin))
            #expect(try after.json()["total"] as? Int == 1)
        }
    }
}
