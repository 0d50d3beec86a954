import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// The audit log narrowed to a kind of action, a range of days and a person (what they
/// did, and what was done to their account), for staff only.
@Suite("The audit log's filters")
struct AuditLogTests {
    @Test func staffNarrowTheLogToAPersonAndARangeOfDaysAndMistakesAreNamedInPlace() async throws {
        try await withPrepRoom { app in
            let ana = try await makeUser(app, email: "ana@school.sch.uk", role: .technician)
            let ben = try await makeUser(app, email: "ben@school.sch.uk", role: .technician)
            try await makeUser(app, email: "admin@sserc.example", role: .admin)
            let now = Date()
            func entry(_ daysAgo: Int, _ actor: User?, _ action: String, about: User) async throws {
                try await AuditEntry(at: now.addingTimeInterval(Double(-daysAgo) * 86_400), actorID: actor?.id, action: action,
                                     subject: "user:\(try about.requireID())", details: "\(action) \(daysAgo)").create(on: app.db)
            }
            try await entry(10, ana, "account.renamed", about: ana)
            try await entry(2, ana, "account.emails_chosen", about: ana)
            try await entry(1, nil, "account.disabled", about: ana)
            try await entry(1, ben, "account.renamed", about: ben)
            for day in 0..<52 { try await entry(3 + day % 5, ben, "booking.made", about: ben) }

            let staff = Browser(app)
            _ = try await staff.signIn("admin@sserc.example")
            let anas = try await staff.get("/staff/audit?person=ANA@school.sch.uk")
            #expect(anas.status == .ok && anas.text.contains("4 entries"), "what Ana did and what was done to her account (her account made, too)")
            #expect(anas.text.contains("account.renamed 10") && anas.text.contains("account.disabled 1") && !anas.text.contains("booking.made"))

            let fromDay = ServiceTime.isoDay(now.addingTimeInterval(-5 * 86_400)), today = ServiceTime.isoDay(now)
            let recent = try await staff.get("/staff/audit?person=ana%40school.sch.uk&from=\(fromDay)&to=\(today)")
            #expect(recent.text.contains("3 entries") && !recent.text.contains("account.renamed 10"))
            #expect(recent.text.contains("value=\"\(fromDay)\""), "the form keeps what was asked")

            let bens = try await staff.get("/staff/audit?action=booking&person=ben%40school.sch.uk")
            #expect(bens.text.contains("52 entries"))
            #expect(bens.text.contains("href=\"/staff/audit?action=booking&amp;person=ben%40school.sch.uk&amp;page=2\""),
                    "older entries keep the filters")

            // A typed % or _ is a character to find, not a wildcard: "account_" is no prefix of
            // "account.renamed", "account.emails" is one of "account.emails_chosen".
            #expect(try await staff.get("/staff/audit?action=account_").text.contains(">0 entries<") == true)
            #expect(try await staff.get("/staff/audit?action=%25made").text.contains(">0 entries<") == true)
            #expect(try await staff.get("/staff/audit?action=account.emails").text.contains(">1 entry<") == true)

            let unknown = try await staff.get("/staff/audit?person=nobody%40school.sch.uk")
            #expect(unknown.status == .unprocessableEntity && unknown.text.contains("No account has that email address"))
            #expect(unknown.text.contains("value=\"nobody@school.sch.uk\""))
            let impossible = try await staff.get("/staff/audit?from=2026-02-30")
            #expect(impossible.status == .unprocessableEntity && impossible.text.contains("Enter a real date"))
            let backwards = try await staff.get("/staff/audit?from=\(today)&to=\(fromDay)")
            #expect(backwards.status == .unprocessableEntity && backwards.text.contains("The last day is before the first"))

            let technician = Browser(app)
            _ = try await technician.signIn("ana@school.sch.uk")
            #expect(try await technician.get("/staff/audit?person=ben%40school.sch.uk").status == .forbidden)
            #expect(try await Browser(app).get("/staff/audit").status != .ok)
        }
    }
}

@Suite("The audit log reads as names")
struct AuditLogNameTests {
    @Test func recordsAreNamedAndLinkedNotShownAsIds() async throws {
        try await withPrepRoom(seed: true) { app in
            let run = try await makeRun(app, capacity: 1)
            let runID = try run.requireID()
            let members = try await makeMembers(app, count: 1)
            let booked = try await book(app, run: run, token: members[0].token).json()
            let bookingID = try #require(booked["id"] as? String)
            try await makeUser(app, email: "admin@sserc.example", role: .admin)
            let admin = Browser(app)
            _ = try await admin.signIn("admin@sserc.example")
            let log = try await admin.get("/staff/audit?action=booking").text
            #expect(log.contains("Booking: <a href=\"/runs/\(runID)\">Member 0 on Chemical Handling, "))
            #expect(!log.contains("booking:\(bookingID)"), "no raw ids")
            let accounts = try await admin.get("/staff/audit?action=account").text
            #expect(accounts.contains("User: <a href=\"/staff/accounts/"), "admins open the account")

            try await makeUser(app, email: "manager@sserc.example", role: .manager)
            let manager = Browser(app)
            _ = try await manager.signIn("manager@sserc.example")
            let managers = try await manager.get("/staff/audit?action=account").text
            #expect(managers.contains("User: ") && !managers.contains("href=\"/staff/accounts/"), "others see the name, no link they would be refused")

            // Every kind at once, in one statement: each id gets its own kind's name.
            let centre = try #require(try await Centre.query(on: app.db).filter(\.$name == "Highland Council").first())
            let names = try await RecordNames.of(users: [try members[0].user.requireID()], runs: [runID],
                                                 bookings: [try #require(UUID(uuidString: bookingID))], centres: [try centre.requireID()], on: app.db)
            #expect(names.users.values.first == "Member 0")
            #expect(names.centres.values.first == "Highland Council")
            #expect(names.runs[runID]?.hasPrefix("Chemical Handling, ") == true)
            #expect(names.bookings.values.first?.runID == runID)
            #expect(names.bookings.values.first?.label.hasPrefix("Member 0 on Chemical Handling, ") == true)
            #expect(try await RecordNames.of(users: [], runs: [], bookings: [], centres: [], on: app.db).users.isEmpty)
        }
    }
}
