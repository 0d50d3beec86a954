import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("One booking statement: all or nothing")
struct NewBookingTests {
    private func newBooking(_ user: User, run: Run) throws -> NewBooking {
        let facts = Notices.RunFacts(courseTitle: "Chemical Handling", dates: "soon", place: "Dunfermline", url: "http://x/runs/1")
        let (email, name) = (user.email, user.name)
        return NewBooking(userID: try user.requireID(), runID: try run.requireID(), now: Date(),
                          confirmation: Notices.confirmed(to: email, name: name, run: facts, calendar: "BEGIN:VCALENDAR"),
                          waitlisted: { Notices.waitlisted(to: email, name: name, run: facts, position: $0) })
    }

    /// The desk checks for an active booking before placing one; this goes past that check,
    /// as a second request by the same person racing the first would, and finds the
    /// placement itself refuses and leaves counters, audit log and outbox as they were.
    @Test func aSecondPlacementBySamePersonIsRefusedAndChangesNothing() async throws {
        try await withPrepRoom(seed: true) { app in
            let run = try await makeRun(app, capacity: 1)
            let members = try await makeMembers(app, count: 2)
            let (_, first) = try await newBooking(members[0].user, run: run).place(on: app.db)
            #expect(first == .confirmed)
            let (_, second) = try await newBooking(members[1].user, run: run).place(on: app.db)
            #expect(second == .waitlisted(position: 1))
            let counts = { () async throws -> [Int] in
                [try await AuditEntry.query(on: app.db).count(), try await OutboxMessage.query(on: app.db).count(),
                 try await Booking.query(on: app.db).count()]
            }
            let before = try await counts()
            for member in members {
                await #expect(throws: BookingRefusal.alreadyBooked) {
                    _ = try await newBooking(member.user, run: run).place(on: app.db)
                }
            }
            #expect(try await counts() == before)
            let stored = try #require(try await Run.find(run.requireID(), on: app.db))
            #expect(stored.confirmedCount == 1)
            #expect(stored.waitlistCount == 1)
            #expect(stored.waitlistSeq == 1)
        }
    }

    /// The waiting-list email and audit entry name the place the person was given.
    @Test func theWaitingListEmailAndAuditNameThePosition() async throws {
        try await withPrepRoom(seed: true) { app in
            let run = try await makeRun(app, capacity: 1)
            let members = try await makeMembers(app, count: 3)
            for member in members { _ = try await newBooking(member.user, run: run).place(on: app.db) }
            let last = try #require(try await OutboxMessage.query(on: app.db).filter(\OutboxMessage.$recipient == "member2@school.sch.uk").first())
            #expect(last.subject == "You are on the waiting list: Chemical Handling")
            #expect(last.body.contains("You are number 2 on the waiting list."))
            #expect(!last.body.contains(String(Int.max)))
            #expect(last.message.attachments.isEmpty)
            let confirmation = try #require(try await OutboxMessage.query(on: app.db).filter(\OutboxMessage.$recipient == "member0@school.sch.uk").first())
            #expect(confirmation.message.attachments.first?.content == "BEGIN:VCALENDAR")
            let entries = try await AuditEntry.query(on: app.db).filter(\AuditEntry.$action == "booking.waitlisted").all().map(\.details)
            #expect(Set(entries) == ["run:\(try run.requireID()), position 1", "run:\(try run.requireID()), position 2"])
            let booking = try #require(try await Booking.query(on: app.db).filter(\Booking.$queueNumber == 2).first())
            let subject = try #require(try await AuditEntry.query(on: app.db).filter(\AuditEntry.$subject == "booking:\(try booking.requireID())").first())
            #expect(subject.action == "booking.waitlisted")
        }
    }
}
