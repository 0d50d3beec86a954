import XCTest
@testable import PrepRoomCore

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
