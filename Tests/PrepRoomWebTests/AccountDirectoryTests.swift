import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// The admins' accounts page on a national workforce: a page at a time in name order,
/// a search of names and emails, and the waiting registrations on top.
@Suite("Accounts page: paging and search")
struct AccountDirectoryTests {
    /// `count` approved members named "Member 001"…, written straight to the table (a
    /// password hash per account would take bcrypt's time, and nobody signs in as them).
    private func addMembers(_ app: Application, count: Int, status: AccountStatus = .approved) async throws {
        let members = (1...count).map { number in
            User(email: String(format: "member%03d@school.sch.uk", number), name: String(format: "Member %03d", number),
                 passwordHash: "not a hash", roles: [.technician], status: status, organisationID: nil)
        }
        try await members.create(on: app.db)
    }

    private func admin(_ app: Application) async throws -> Browser {
        try await makeUser(app, email: "admin@sserc.example", role: .admin)
        let admin = Browser(app)
        _ = try await admin.signIn("admin@sserc.example")
        return admin
    }

    @Test func fiftyAtATimeInNameOrderWithPreviousAndNext() async throws {
        try await withPrepRoom { app in
            try await addMembers(app, count: 60)
            let admin = try await admin(app)
            let first = try await admin.get("/staff/accounts")
            #expect(first.status == .ok)
            // The admin is "Test Admin", after every "Member": page one is members 1 to 50.
            #expect(first.text.contains("member001@school.sch.uk"))
            #expect(first.text.contains("member050@school.sch.uk"))
            #expect(!first.text.contains("member051@school.sch.uk"))
            #expect(first.text.contains("href=\"/staff/accounts?page=2\""))
            #expect(!first.text.contains(">Previous<"))
            let order = ["Member 001", "Member 002", "Member 010", "Member 050"].compactMap { first.text.range(of: $0)?.lowerBound }
            #expect(order.count == 4 && order == order.sorted())

            let second = try await admin.get("/staff/accounts?page=2")
            #expect(second.text.contains("member051@school.sch.uk"))
            #expect(second.text.contains("member060@school.sch.uk"))
            #expect(second.text.contains("admin@sserc.example"))
            #expect(!second.text.contains("member050@school.sch.uk"))
            #expect(second.text.contains("href=\"/staff/accounts?page=1\""))
            #expect(!second.text.contains(">Next<"))

            #expect(try await admin.get("/staff/accounts?page=0").status == .unprocessableEntity)
            #expect(try await admin.get("/staff/accounts?page=abc").status == .unprocessableEntity)
            #expect(try await admin.get("/staff/accounts?page=99999999999999999999").status == .unprocessableEntity)
        }
    }

    @Test func searchFindsEveryWordInNameOrEmailWhateverTheCase() async throws {
        try await withPrepRoom { app in
            try await addMembers(app, count: 60)
            try await makeUser(app, email: "jo.bloggs@fife.sch.uk", role: .technician)
            let admin = try await admin(app)

            let byName = try await admin.get("/staff/accounts?q=MEMBER+05")
            #expect(byName.status == .ok)
            let found = (1...60).filter { byName.text.contains(String(format: "member%03d@", $0)) }
            // "05" is in the names Member 050 to 059, and in the email member005@.
            #expect(found == [5] + Array(50...59))
            #expect(byName.text.contains("value=\"MEMBER 05\""), "the search box keeps what was typed")

            let byEmail = try await admin.get("/staff/accounts?q=fife+bloggs")
            #expect(byEmail.text.contains("jo.bloggs@fife.sch.uk"))
            #expect(!byEmail.text.contains("member001@"))

            // A typed % or _ is looked for as it is, not as a wildcard.
            let percent = try await admin.get("/staff/accounts?q=%25")
            #expect(percent.text.contains("No account matches"))
            let underscore = try await admin.get("/staff/accounts?q=member_01")
            #expect(underscore.text.contains("No account matches"))

            // Paging keeps the search.
            let many = try await admin.get("/staff/accounts?q=member")
            #expect(many.text.contains("href=\"/staff/accounts?q=member&amp;page=2\""))
            let tooLong = try await admin.get("/staff/accounts?q=" + String(repeating: "a", count: TextLimit.searchText + 1))
            #expect(tooLong.status == .unprocessableEntity)
        }
    }

    @Test func waitingRegistrationsComeFirstOldestFirstAndNotAmongTheOthers() async throws {
        try await withPrepRoom { app in
            try await addMembers(app, count: 3, status: .pending)
            let admin = try await admin(app)
            let page = try await admin.get("/staff/accounts")
            #expect(page.text.contains("Waiting for approval (3)"))
            let all = try #require(page.text.range(of: "All accounts"))
            let waiting = page.text[..<all.lowerBound], others = page.text[all.upperBound...]
            #expect(waiting.contains("member001@school.sch.uk") && waiting.contains("member003@school.sch.uk"))
            #expect(!others.contains("member001@school.sch.uk"))
            #expect(others.contains("admin@sserc.example"))
        }
    }

    @Test func onlyAdminsSeeTheAccounts() async throws {
        try await withPrepRoom { app in
            try await addMembers(app, count: 1)
            for role in [Role.technician, .courseAdmin, .manager, .verifier] {
                let email = "\(role.rawValue)@sserc.example"
                try await makeUser(app, email: email, role: role)
                let browser = Browser(app)
                _ = try await browser.signIn(email)
                let refused = try await browser.get("/staff/accounts?q=member")
                #expect(refused.status == .forbidden, "\(role)")
                #expect(!refused.text.contains("member001@school.sch.uk"))
            }
            let anonymous = try await Browser(app).get("/staff/accounts")
            #expect(anonymous.status == .seeOther)
        }
    }
}
