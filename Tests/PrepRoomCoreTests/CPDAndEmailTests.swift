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

    func testEveryMessageCarriesTextAndHTMLAlternativesBesideItsAttachments() throws {
        let plain = EmailMessage(to: "jo@school.sch.uk", subject: "Hello", body: "Dear Jo,\n\nSee https://x.example/runs/1.")
        let mime = plain.mime(from: "noreply@preproom.local", messageID: "abc@preproom", date: now)
        XCTAssertTrue(mime.contains("Content-Type: multipart/alternative; boundary=\"preproom-alt-abc@preproom\""))
        XCTAssertTrue(mime.contains("Content-Type: text/plain; charset=utf-8") && mime.contains("Content-Type: text/html; charset=utf-8"))
        XCTAssertTrue(mime.contains(Data(plain.html.utf8).base64EncodedString().prefix(76)), "the HTML part is the rendered text")
        XCTAssertFalse(mime.contains("multipart/mixed"), "no attachment, no mixed part")

        let withCalendar = EmailMessage(to: "jo@school.sch.uk", subject: "Booked", body: "Hello",
                                        attachments: [.init(filename: "booking.ics", contentType: "text/calendar", content: "BEGIN:VCALENDAR")])
        let mixed = withCalendar.mime(from: "noreply@preproom.local", messageID: "abc@preproom", date: now)
        let alternative = try XCTUnwrap(mixed.range(of: "multipart/alternative")), attachment = try XCTUnwrap(mixed.range(of: "booking.ics"))
        XCTAssertTrue(alternative.lowerBound < attachment.lowerBound)
        XCTAssertTrue(mixed.contains("--preproom-alt-abc@preproom--"), "the alternatives close before the attachment")
    }

    func testAnOptionalEmailSaysHowToStopItAndCarriesTheOneClickHeaders() {
        let link = "https://preproom.example/emails/stop/abc/expiry_reminders/mac"
        let reminder = EmailMessage(to: "jo@school.sch.uk", subject: "Your certificate expires", body: "Dear Jo").stoppable(.expiryReminders, at: link)
        XCTAssertTrue(reminder.body.hasSuffix("(reminders before a certificate expires). Stop them with one click: \(link)"))
        let mime = reminder.mime(from: "noreply@preproom.local", messageID: "abc@preproom", date: now)
        XCTAssertTrue(mime.contains("\r\nList-Unsubscribe: <\(link)>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"))
        let plain = EmailMessage(to: "jo@school.sch.uk", subject: "Booked", body: "Dear Jo")
        XCTAssertFalse(plain.mime(from: "noreply@preproom.local", messageID: "abc@preproom", date: now).contains("List-Unsubscribe"),
                       "emails about what a person did have no unsubscribe")
        var broken = reminder
        broken.stopLink = "https://x.example/>\r\nBcc: victim@example.org"
        XCTAssertFalse(broken.mime(from: "noreply@preproom.local", messageID: "abc@preproom", date: now).contains("Bcc:"), "no header injection")
    }

    func testTheHTMLPartEscapesEverythingAndLinksAddresses() {
        let html = EmailHTML.render(subject: "A <b>course</b>", body: "Dear <script>alert(1)</script> & Co,\n\nWhen: Tue\nWhere: Room \"A\"\n\nCancel here: https://x.example/runs/1?a=1&b=2.")
        XCTAssertTrue(html.contains("<title>A &lt;b&gt;course&lt;/b&gt;</title>"))
        XCTAssertTrue(html.contains("Dear &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co,"))
        XCTAssertFalse(html.contains("<script>"))
        XCTAssertTrue(html.contains("When: Tue<br>Where: Room &quot;A&quot;"), "label lines stay lines in one paragraph")
        XCTAssertTrue(html.contains("<a href=\"https://x.example/runs/1?a=1&amp;b=2\" style=\"color:#0b4f6c\">https://x.example/runs/1?a=1&amp;b=2</a>."),
                      "the full stop is not part of the link")
        XCTAssertEqual(html.components(separatedBy: "<p ").count - 1, 3)
    }
}
