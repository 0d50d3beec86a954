import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("Booking places and the waiting list")
struct BookingAPITests {
    /// The provider's roster (`RosterQuery`): everyone in booking order, the waiting-list
    /// positions as they stand after someone ahead leaves, and only the days marked present.
    @Test func theRunsRosterListsEveryoneWithPositionsAndAttendance() async throws {
        try await withPrepRoom(seed: true) { app in
            let run = try await makeRun(app, capacity: 1, sessions: 3)
            let runID = try run.requireID()
            let members = try await makeMembers(app, count: 4)
            var ids: [String] = []
            for member in members { ids.append(try #require(try await book(app, run: run, token: member.token).json()["id"] as? String)) }
            _ = try await app.testing().sendRequest(.DELETE, "/api/v1/bookings/\(ids[1])", headers: .bearer(members[1].token))
            let admin = try await token(app, role: .courseAdmin)
            for (session, present) in [(0, true), (2, true), (1, false)] {
                let marked = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/attendance", headers: .json(bearer: admin),
                                                                 body: jsonBody(["bookingId": ids[0], "session": session, "present": present]))
                #expect(marked.status == .ok)
            }
            let roster = try await app.testing().sendRequest(.GET, "/api/v1/runs/\(runID)/bookings", headers: .bearer(admin))
            #expect(roster.status == .ok)
            let items = try #require(try roster.json()["items"] as? [[String: Any]])
            #expect(items.map { $0["id"] as? String } == ids.map { $0 }, "booking order")
            #expect(items.map { $0["status"] as? String } == ["confirmed", "cancelled", "waitlisted", "waitlisted"])
            #expect(items.map { $0["waitlistPosition"] as? Int } == [nil, nil, 1, 2])
            #expect(items[0]["attended"] as? [Int] == [0, 2])
            #expect(items[2]["attended"] as? [Int] == [])
            #expect(items.map { $0["userName"] as? String } == ["Member 0", "Member 1", "Member 2", "Member 3"])
            #expect(items[3]["email"] as? String == "member3@school.sch.uk")
            let technician = try await token(app, role: .technician)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/runs/\(runID)/bookings", headers: .bearer(technician)).status == .forbidden)
        }
    }

    @Test func theLastPlaceThenTheWaitingListThenPromotionWithEmails() async throws {
        try await withPrepRoom(seed: true) { app in
            let run = try await makeRun(app, capacity: 1)
            let members = try await makeMembers(app, count: 3)
            let first = try await book(app, run: run, token: members[0].token)
            #expect(first.status == .created)
            #expect(try first.json()["status"] as? String == "confirmed")
            #expect(try first.json()["waitlistPosition"] is NSNull)
            let second = try await book(app, run: run, token: members[1].token).json()
            #expect(second["status"] as? String == "waitlisted")
            #expect(second["waitlistPosition"] as? Int == 1)
            let third = try await book(app, run: run, token: members[2].token).json()
            #expect(third["waitlistPosition"] as? Int == 2)

            let firstID = try #require(try first.json()["id"] as? String)
            let cancelled = try await app.testing().sendRequest(.DELETE, "/api/v1/bookings/\(firstID)", headers: .bearer(members[0].token))
            #expect(cancelled.status == .ok)
            #expect(try cancelled.json()["status"] as? String == "cancelled")

            let mine = try await app.testing().sendRequest(.GET, "/api/v1/me/bookings", headers: .bearer(members[1].token)).json()
            let item = try #require((mine["items"] as? [[String: Any]])?.first)
            #expect(item["status"] as? String == "confirmed", "the first in line has the place")
            let thirdNow = try await app.testing().sendRequest(.GET, "/api/v1/me/bookings", headers: .bearer(members[2].token)).json()
            #expect((thirdNow["items"] as? [[String: Any]])?.first?["waitlistPosition"] as? Int == 1)

            let subjects = try await OutboxMessage.query(on: app.db).sort(\OutboxMessage.$createdAt).all().map { "\($0.recipient): \($0.subject)" }
            #expect(subjects.contains("member0@school.sch.uk: Your place is confirmed: Chemical Handling"))
            #expect(subjects.contains("member1@school.sch.uk: You are on the waiting list: Chemical Handling"))
            #expect(subjects.contains("member0@school.sch.uk: Booking cancelled: Chemical Handling"))
            #expect(subjects.contains("member1@school.sch.uk: A place has come up for you: Chemical Handling"))
            let confirmation = try #require(try await OutboxMessage.query(on: app.db).filter(\OutboxMessage.$recipient == "member0@school.sch.uk").first())
            #expect(confirmation.message.attachments.first?.content.contains("BEGIN:VEVENT") == true)
            let confirmedEntry = try #require(try await AuditEntry.query(on: app.db).filter(\AuditEntry.$action == "booking.confirmed").first())
            #expect(confirmedEntry.subject == "booking:\(firstID)", "the same subject form on every engine")
            #expect(confirmedEntry.actorID == members[0].user.id)
            let actions = try await AuditEntry.query(on: app.db).all().map(\.action)
            for action in ["booking.confirmed", "booking.waitlisted", "booking.cancelled", "booking.promoted"] {
                #expect(actions.contains(action), "audit has \(action)")
            }
        }
    }

    @Test func bookingTwiceOrAClosedCancelledOrPastRunIs409AndChangesNothing() async throws {
        try await withPrepRoom(seed: true) { app in
            let run = try await makeRun(app, capacity: 5)
            let member = try #require(try await makeMembers(app, count: 1).first)
            #expect(try await book(app, run: run, token: member.token).status == .created)
            let twice = try await book(app, run: run, token: member.token)
            #expect(twice.status == .conflict)
            #expect(try twice.apiError()["code"] as? String == "already_booked")

            let cancelledRun = try await makeRun(app, capacity: 5)
            cancelledRun.status = .cancelled
            try await cancelledRun.save(on: app.db)
            #expect(try await book(app, run: cancelledRun, token: member.token).apiError()["code"] as? String == "run_cancelled")

            let pastRun = try await makeRun(app, capacity: 5, days: -10)
            let past = try await book(app, run: pastRun, token: member.token)
            #expect(past.status == .conflict)
            #expect(try past.apiError()["code"] as? String == "run_closed")

            let notYet = try await makeRun(app, capacity: 5)
            notYet.bookingOpensAt = Date().addingTimeInterval(5 * 86_400)
            try await notYet.save(on: app.db)
            let early = try await book(app, run: notYet, token: member.token)
            #expect(try early.apiError()["code"] as? String == "booking_not_open")
            #expect((try early.apiError()["message"] as? String)?.contains("opens on") == true)

            let bookings = try await Booking.query(on: app.db).count()
            #expect(bookings == 1)
            let stored = try #require(try await Run.find(run.requireID(), on: app.db))
            #expect(stored.confirmedCount == 1)
            #expect(try await book(app, run: run, token: "no-such-token").status == .unauthorized)
            let unknown = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(UUID().uuidString)/bookings", headers: .bearer(member.token))
            #expect(unknown.status == .notFound)
        }
    }

    @Test func cancellingSomeoneElsesBookingIs403AndTheCutOffBindsMembersNotStaff() async throws {
        try await withPrepRoom(seed: true) { app in
            let run = try await makeRun(app, capacity: 5, days: 1, cutOffHours: 48)
            let members = try await makeMembers(app, count: 2)
            let id = try #require(try await book(app, run: run, token: members[0].token).json()["id"] as? String)
            let other = try await app.testing().sendRequest(.DELETE, "/api/v1/bookings/\(id)", headers: .bearer(members[1].token))
            #expect(other.status == .forbidden)
            let late = try await app.testing().sendRequest(.DELETE, "/api/v1/bookings/\(id)", headers: .bearer(members[0].token))
            #expect(late.status == .conflict)
            #expect(try late.apiError()["code"] as? String == "cancellation_cut_off")
            #expect(try await Booking.find(UUID(uuidString: id), on: app.db)?.status == .confirmed)
            let admin = try await token(app, role: .courseAdmin)
            let byStaff = try await app.testing().sendRequest(.DELETE, "/api/v1/bookings/\(id)", headers: .json(bearer: admin),
                                                              body: jsonBody(["reason": "Delegate is unwell"]))
            #expect(byStaff.status == .ok)
            let again = try await app.testing().sendRequest(.DELETE, "/api/v1/bookings/\(id)", headers: .json(bearer: admin))
            #expect(again.status == .conflict)
            let message = try #require(try await OutboxMessage.query(on: app.db).filter(\OutboxMessage.$subject == "Booking cancelled: Chemical Handling").first())
            #expect(message.body.contains("Reason: Delegate is unwell"))
        }
    }

    @Test func aWaitlistedPersonLeavesTheListAndStaffMoveABookingWithAReason() async throws {
        try await withPrepRoom(seed: true) { app in
            let full = try await makeRun(app, capacity: 1)
            let other = try await makeRun(app, capacity: 1, days: 40)
            let members = try await makeMembers(app, count: 3)
            let holder = try #require(try await book(app, run: full, token: members[0].token).json()["id"] as? String)
            let waiting = try #require(try await book(app, run: full, token: members[1].token).json()["id"] as? String)
            _ = try await book(app, run: full, token: members[2].token)
            let left = try await app.testing().sendRequest(.DELETE, "/api/v1/bookings/\(waiting)", headers: .bearer(members[1].token))
            #expect(left.status == .ok)
            let thirdPosition = try await app.testing().sendRequest(.GET, "/api/v1/me/bookings", headers: .bearer(members[2].token)).json()
            #expect((thirdPosition["items"] as? [[String: Any]])?.first?["waitlistPosition"] as? Int == 1)

            let admin = try await token(app, role: .courseAdmin)
            let noReason = try await app.testing().sendRequest(.POST, "/api/v1/bookings/\(holder)/move", headers: .json(bearer: admin),
                                                               body: jsonBody(["runId": try other.requireID().uuidString, "reason": " "]))
            #expect(noReason.status == .unprocessableEntity)
            #expect(try noReason.apiError()["field"] as? String == "reason")
            let byMember = try await app.testing().sendRequest(.POST, "/api/v1/bookings/\(holder)/move", headers: .json(bearer: members[0].token),
                                                               body: jsonBody(["runId": try other.requireID().uuidString, "reason": "Swap"]))
            #expect(byMember.status == .forbidden)
            let moved = try await app.testing().sendRequest(.POST, "/api/v1/bookings/\(holder)/move", headers: .json(bearer: admin),
                                                            body: jsonBody(["runId": try other.requireID().uuidString, "reason": "School trip clash"]))
            #expect(moved.status == .ok)
            #expect(try moved.json()["status"] as? String == "confirmed")
            #expect(try moved.json()["runId"] as? String == (try other.requireID().uuidString))
            let promoted = try await app.testing().sendRequest(.GET, "/api/v1/me/bookings", headers: .bearer(members[2].token)).json()
            #expect((promoted["items"] as? [[String: Any]])?.first?["status"] as? String == "confirmed", "the freed place went to the next in line")
            let audit = try #require(try await AuditEntry.query(on: app.db).filter(\AuditEntry.$action == "booking.moved").first())
            #expect(audit.details.contains("School trip clash"))
        }
    }

    @Test func aRefresherNeedsACertificateOfTheCourseItRefreshes() async throws {
        try await withPrepRoom(seed: true) { app in
            let refresher = try await makeRun(app, course: "safe-use-of-fixed-workshop-machinery-refresher", capacity: 10, sessions: 1)
            let member = try #require(try await makeMembers(app, count: 1).first)
            let refused = try await book(app, run: refresher, token: member.token)
            #expect(refused.status == .conflict)
            #expect(try refused.apiError()["code"] as? String == "prerequisite_missing")
            #expect((try refused.apiError()["message"] as? String)?.contains("Safe Use of Fixed Workshop Machinery") == true)

            // An expired certificate still counts: the person "holds or held" one.
            let parent = try #require(try await CatalogueQuery.course(code: "safe-use-of-fixed-workshop-machinery", on: app.db))
            let certificate = Certificate()
            certificate.number = CertificateRules.newNumber()
            certificate.$user.id = try member.user.requireID()
            certificate.$course.id = try parent.requireID()
            certificate.holderName = member.user.name
            certificate.courseCode = parent.code
            certificate.courseTitle = parent.title
            certificate.hours = 12
            certificate.issuedAt = Date().addingTimeInterval(-5 * 365 * 86_400)
            certificate.expiresAt = Date().addingTimeInterval(-2 * 365 * 86_400)
            try await certificate.create(on: app.db)
            #expect(try await book(app, run: refresher, token: member.token).status == .created)
        }
    }
}
