import XCTest
@testable import PrepRoomCore

final class BookingRulesTests: XCTestCase {
    let now = ServiceTime.london(2026, 11, 23, 12)
    func run(_ status: RunStatus = .scheduled, startsInDays days: Double = 10, opens: Date? = nil, closes: Date? = nil, cutOff: Int? = nil) -> RunState {
        let start = now.addingTimeInterval(days * 86_400)
        return RunState(status: status, startsAt: start, endsAt: start.addingTimeInterval(86_400 + 6 * 3600),
                        bookingOpensAt: opens, bookingClosesAt: closes, cancellationCutOffHours: cutOff)
    }

    func refusal(_ run: RunState, holds: Bool = false, parent: (String, String)? = nil, held: Set<String> = []) -> BookingRefusal? {
        BookingRules.refusal(toBook: run, now: now, holdsBooking: holds, refreshes: parent.map { (code: $0.0, title: $0.1) }, heldCourseCodes: held)
    }

    func testEachRefusalAndItsCode() {
        XCTAssertNil(refusal(run()))
        XCTAssertEqual(refusal(run(.cancelled))?.code, "run_cancelled")
        XCTAssertEqual(refusal(run(.closed))?.code, "run_closed")
        XCTAssertEqual(refusal(run(startsInDays: -0.1))?.code, "run_started")
        XCTAssertEqual(refusal(run(startsInDays: -5))?.code, "run_closed")
        XCTAssertEqual(refusal(run(opens: now.addingTimeInterval(3600)))?.code, "booking_not_open")
        XCTAssertEqual(refusal(run(closes: now))?.code, "booking_closed")
        XCTAssertEqual(refusal(run(), holds: true)?.code, "already_booked")
        XCTAssertEqual(refusal(run(), parent: ("sufwm", "Safe Use"))?.code, "prerequisite_missing")
        XCTAssertNil(refusal(run(), parent: ("sufwm", "Safe Use"), held: ["sufwm"]))
        XCTAssertTrue(BookingRefusal.prerequisiteMissing(courseCode: "x", courseTitle: "Safe Use").message.contains("Safe Use"))
    }

    func testMembersCancelUntilTheCutOffStaffLater() {
        let soon = run(startsInDays: 1, cutOff: 48)
        XCTAssertEqual(BookingRules.refusal(toCancel: .confirmed, run: soon, byStaff: false, now: now)?.code, "cancellation_cut_off")
        XCTAssertNil(BookingRules.refusal(toCancel: .confirmed, run: soon, byStaff: true, now: now))
        XCTAssertNil(BookingRules.refusal(toCancel: .waitlisted, run: soon, byStaff: false, now: now), "leaving the waiting list is always allowed")
        XCTAssertEqual(BookingRules.refusal(toCancel: .cancelled, run: soon, byStaff: true, now: now)?.code, "not_cancellable")
    }

    func testBookingsMoveOffARunUntilItCloses() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        func run(_ status: RunStatus) -> RunState { RunState(status: status, startsAt: start, endsAt: start.addingTimeInterval(6 * 3600)) }
        XCTAssertNil(BookingRules.refusal(toMoveFrom: run(.scheduled)))
        XCTAssertNil(BookingRules.refusal(toMoveFrom: run(.cancelled)), "moving people off a cancelled run is what a move is for")
        XCTAssertEqual(BookingRules.refusal(toMoveFrom: run(.closed))?.code, "run_closed")
    }

    func testCompletionNeedsEverySessionAndAPassWhereAssessed() {
        XCTAssertTrue(Completion.isComplete(sessions: 2, attended: [0, 1], assessed: true, outcome: .passed))
        XCTAssertFalse(Completion.isComplete(sessions: 2, attended: [0], assessed: true, outcome: .passed))
        XCTAssertFalse(Completion.isComplete(sessions: 2, attended: [0, 1], assessed: true, outcome: .notPassed))
        XCTAssertFalse(Completion.isComplete(sessions: 2, attended: [0, 1], assessed: true, outcome: nil))
        XCTAssertTrue(Completion.isComplete(sessions: 1, attended: [0], assessed: false, outcome: nil))
    }
}

final class CertificateRulesTests: XCTestCase {
    func testNumbersAreLongRandomAndReadable() {
        var numbers = Set<String>()
        for _ in 0..<1000 { numbers.insert(CertificateRules.newNumber()) }
        XCTAssertEqual(numbers.count, 1000)
        let number = numbers.first!
        XCTAssertEqual(number.count, 22)
        XCTAssertTrue(number.hasPrefix("PR-"))
        XCTAssertFalse(number.dropFirst(3).contains { "ILOU".contains($0) })
        XCTAssertEqual(CertificateRules.normalise(" pr-7kq2-m9xd-4twa-h3oi "), "PR-7KQ2-M9XD-4TWA-H301")
    }

    func testExpiryStandingAndReminders() {
        let issued = ServiceTime.london(2024, 9, 4, 16)
        let expires = CertificateRules.expiry(issuedAt: issued, validityMonths: 36)!
        XCTAssertEqual(ServiceTime.isoDay(expires), "2027-09-04")
        XCTAssertNil(CertificateRules.expiry(issuedAt: issued, validityMonths: nil))
        let day = 86_400.0
        XCTAssertEqual(CertificateRules.standing(expiresAt: expires, revoked: false, now: expires.addingTimeInterval(-100 * day)), .current)
        XCTAssertEqual(CertificateRules.standing(expiresAt: expires, revoked: false, now: expires.addingTimeInterval(-89 * day)), .expiringSoon)
        XCTAssertEqual(CertificateRules.standing(expiresAt: expires, revoked: false, now: expires), .expired)
        XCTAssertEqual(CertificateRules.standing(expiresAt: expires, revoked: true, now: issued), .revoked)
        func due(_ daysLeft: Double, _ sent: Set<CertificateRules.Reminder> = []) -> [CertificateRules.Reminder] {
            CertificateRules.dueReminders(expiresAt: expires, revoked: false, alreadySent: sent, now: expires.addingTimeInterval(-daysLeft * day))
        }
        XCTAssertEqual(due(91), [])
        XCTAssertEqual(due(90), [.ninetyDays])
        XCTAssertEqual(due(60, [.ninetyDays]), [])
        XCTAssertEqual(due(30, [.ninetyDays]), [.thirtyDays])
        XCTAssertEqual(due(10), [.thirtyDays], "a late first run sends only the nearer one")
        XCTAssertEqual(due(10, [.thirtyDays]), [])
        XCTAssertEqual(due(-1), [])
    }
}

final class CPDAndEmailTests: XCTestCase {
    let now = ServiceTime.london(2026, 11, 23, 12)

    func testCPDEntriesAreValidatedByField() {
        XCTAssertEqual(CPDRules.validate(kind: .visit, title: "Visit", date: now, hours: 2, evidenceURL: nil, now: now), [])
        XCTAssertEqual(CPDRules.validate(kind: .visit, title: "Visit", date: now, hours: -1, evidenceURL: nil, now: now).map(\.field), ["hours"])
        XCTAssertEqual(CPDRules.validate(kind: .visit, title: "Visit", date: now.addingTimeInterval(86_400), hours: 1, evidenceURL: nil, now: now).map(\.field), ["date"])
        XCTAssertEqual(CPDRules.validate(kind: nil, title: " ", date: nil, hours: nil, evidenceURL: "ftp://x", now: now).map(\.field),
                       ["kind", "title", "date", "hours", "evidenceUrl"])
    }

    func testTotalsByYearAndKind() {
        let items = [
            CPDItem(date: ServiceTime.london(2025, 5, 1), kind: .visit, title: "a", hours: 2),
            CPDItem(date: ServiceTime.london(2026, 5, 1), kind: .visit, title: "b", hours: 1.5),
            CPDItem(date: ServiceTime.london(2026, 6, 1), kind: .courseOrWorkshop, title: "c", hours: 12, scqfCredits: 2),
        ]
        XCTAssertEqual(CPDRules.totalsByYear(items).map(\.year), [2026, 2025])
        XCTAssertEqual(CPDRules.totalsByYear(items).first?.totals.hours, 13.5)
        XCTAssertEqual(CPDRules.totalsByKind(items).map(\.kind), [.courseOrWorkshop, .visit])
        XCTAssertEqual(CPDRules.total(items).scqfCredits, 2)
    }

    func testMimeCarriesTheCalendarAttachmentAndEncodesTheSubject() {
        let message = EmailMessage(to: "jo@school.sch.uk", subject: "Café course", body: "Hello",
                                   attachments: [.init(filename: "booking.ics", contentType: "text/calendar", content: "BEGIN:VCALENDAR")])
        let mime = message.mime(from: "noreply@preproom.local", messageID: "abc@preproom", date: now)
        XCTAssertTrue(mime.contains("Subject: =?utf-8?B?"))
        XCTAssertTrue(mime.contains("Content-Type: multipart/mixed; boundary="))
        XCTAssertTrue(mime.contains("filename=\"booking.ics\""))
        XCTAssertTrue(mime.contains(Data("BEGIN:VCALENDAR".utf8).base64EncodedString()))
        XCTAssertTrue(mime.split(separator: "\r\n").allSatisfy { $0.count <= 998 })
    }

    func testReminderNamesTheRefresherAndItsRuns() {
        let message = Notices.expiryReminder(to: "jo@x.org", name: "Jo", courseTitle: "Safe Use", number: "PR-1", expiresOn: "Sat 4 September 2027",
                                             daysBefore: 90, refresher: ("Safe Use Refresher", "https://x/courses/r"),
                                             runs: [.init(dates: "Wed 9 June 2027", url: "https://x/runs/1")])
        XCTAssertTrue(message.body.contains("book Safe Use Refresher: https://x/courses/r"))
        XCTAssertTrue(message.body.contains("- Wed 9 June 2027: https://x/runs/1"))
    }
}
