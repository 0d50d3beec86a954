import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("Capacity is held by the database")
struct BookingConcurrencyTests {
    /// 200 distinct people at once on a 16-place run, half through each of two app
    /// instances sharing the database: exactly 16 confirmed, the rest on the waiting list
    /// at positions 1...184 with no gaps or repeats.
    @Test func twoHundredConcurrentAttemptsNeverOverbook() async throws {
        try await withPrepRoom(seed: true) { app in
            let run = try await makeRun(app, capacity: 16)
            let members = try await makeMembers(app, count: 200)
            try await withSecondInstance(of: app) { second in
                let statuses = try await withThrowingTaskGroup(of: (HTTPStatus, String?, Int?).self) { group in
                    for (index, member) in members.enumerated() {
                        let instance = index % 2 == 0 ? app : second
                        group.addTask {
                            let response = try await book(instance, run: run, token: member.token)
                            let body = try response.json()
                            return (response.status, body["status"] as? String, body["waitlistPosition"] as? Int)
                        }
                    }
                    var all: [(HTTPStatus, String?, Int?)] = []
                    for try await result in group { all.append(result) }
                    return all
                }
                #expect(Set(statuses.compactMap(\.2)) == Set(1...184), "each person was told a distinct place, 1 to 184")
                #expect(statuses.allSatisfy { $0.0 == .created }, "every attempt is answered: \(Set(statuses.map { $0.0.code }))")
                #expect(statuses.filter { $0.1 == "confirmed" }.count == 16)
                #expect(statuses.filter { $0.1 == "waitlisted" }.count == 184)
            }
            let runID = try run.requireID()
            let confirmed = try await Booking.query(on: app.db).filter(\Booking.$run.$id == runID).filter(\Booking.$status == .confirmed).count()
            #expect(confirmed == 16)
            let positions = try await BookingStore.positions(runID: runID, on: app.db)
            #expect(Set(positions.values) == Set(1...184))
            let stored = try #require(try await Run.find(runID, on: app.db))
            #expect(stored.confirmedCount == 16)
            #expect(stored.waitlistCount == 184)
        }
    }

    /// Concurrent cancellations each free one place that goes to exactly one person.
    @Test func concurrentCancellationsPromoteInOrderWithoutDoubleCounting() async throws {
        try await withPrepRoom(seed: true) { app in
            let run = try await makeRun(app, capacity: 4)
            let members = try await makeMembers(app, count: 10)
            var ids: [String] = []
            for member in members {
                ids.append(try #require(try await book(app, run: run, token: member.token).json()["id"] as? String))
            }
            let bookingIDs = ids
            try await withSecondInstance(of: app) { second in
                try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                    for index in 0..<4 {
                        let instance = index % 2 == 0 ? app : second
                        group.addTask {
                            try await instance.testing().sendRequest(.DELETE, "/api/v1/bookings/\(bookingIDs[index])",
                                                                     headers: .bearer(members[index].token)).status
                        }
                    }
                    for try await status in group { #expect(status == .ok) }
                }
            }
            let runID = try run.requireID()
            let confirmed = try await Booking.query(on: app.db).filter(\Booking.$run.$id == runID).filter(\Booking.$status == .confirmed)
                .with(\Booking.$user).all()
            #expect(Set(confirmed.map(\.user.email)) == Set((4..<8).map { "member\($0)@school.sch.uk" }), "the first four in line")
            let positions = try await BookingStore.positions(runID: runID, on: app.db)
            #expect(Set(positions.values) == [1, 2])
            let stored = try #require(try await Run.find(runID, on: app.db))
            #expect(stored.confirmedCount == 4)
            #expect(stored.waitlistCount == 2)
        }
    }
}

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
