import Foundation

/// The wording of every message the service sends about bookings and certificates.
/// Values in, text out, so the wording is tested without a database or a mail server.
public enum Notices {
    public struct RunFacts: Sendable {
        public var courseTitle: String
        public var dates: String
        public var place: String
        public var url: String
        public init(courseTitle: String, dates: String, place: String, url: String) {
            self.courseTitle = courseTitle; self.dates = dates; self.place = place; self.url = url
        }
    }

    private static func greeting(_ name: String) -> String { "Dear \(name)," }
    private static let signOff = EmailMessage.signOff

    public static func confirmed(to email: String, name: String, run: RunFacts, calendar: String) -> EmailMessage {
        EmailMessage(to: email, subject: "Your place is confirmed: \(run.courseTitle)",
                     body: "\(greeting(name))\n\nYour place on \(run.courseTitle) is confirmed.\n\nWhen: \(run.dates)\nWhere: \(run.place)\n\nThe attached calendar file adds the sessions to your calendar. If you can no longer come, please cancel so the next person on the waiting list gets your place: \(run.url)" + signOff,
                     attachments: [.init(filename: "booking.ics", contentType: "text/calendar", content: calendar)])
    }

    public static func waitlisted(to email: String, name: String, run: RunFacts, position: Int) -> EmailMessage {
        EmailMessage(to: email, subject: "You are on the waiting list: \(run.courseTitle)",
                     body: "\(greeting(name))\n\n\(run.courseTitle) (\(run.dates)) is full. You are number \(position) on the waiting list. If a place is freed it goes to the first person in line, and we will email you at once.\n\nYou can leave the waiting list at any time: \(run.url)" + signOff)
    }

    public static func promoted(to email: String, name: String, run: RunFacts, calendar: String) -> EmailMessage {
        EmailMessage(to: email, subject: "A place has come up for you: \(run.courseTitle)",
                     body: "\(greeting(name))\n\nGood news: a place on \(run.courseTitle) has been freed and it is now yours. Your place is confirmed.\n\nWhen: \(run.dates)\nWhere: \(run.place)\n\nIf you can no longer come, please cancel so the next person gets the place: \(run.url)" + signOff,
                     attachments: [.init(filename: "booking.ics", contentType: "text/calendar", content: calendar)])
    }

    public static func cancelled(to email: String, name: String, run: RunFacts, byStaff: Bool, reason: String?) -> EmailMessage {
        let who = byStaff ? "The service has cancelled your booking" : "You have cancelled your booking"
        let why = reason.map { "\n\nReason: \($0)" } ?? ""
        return EmailMessage(to: email, subject: "Booking cancelled: \(run.courseTitle)",
                            body: "\(greeting(name))\n\n\(who) on \(run.courseTitle) (\(run.dates)).\(why)" + signOff)
    }

    public static func moved(to email: String, name: String, from: RunFacts, to run: RunFacts, confirmed: Bool, reason: String) -> EmailMessage {
        EmailMessage(to: email, subject: "Your booking has moved: \(run.courseTitle)",
                     body: "\(greeting(name))\n\nThe service has moved your booking from \(from.dates) to \(run.dates) (\(run.place)). " +
                        (confirmed ? "Your place is confirmed." : "That run is full, so you are on its waiting list.") +
                        "\n\nReason: \(reason)\n\n\(run.url)" + signOff)
    }

    public struct RefresherRun: Sendable {
        public var dates: String
        public var url: String
        public init(dates: String, url: String) { self.dates = dates; self.url = url }
    }

    public static func expiryReminder(to email: String, name: String, courseTitle: String, number: String, expiresOn: String,
                                      daysBefore: Int, refresher: (title: String, url: String)?, runs: [RefresherRun]) -> EmailMessage {
        var body = "\(greeting(name))\n\nYour \(courseTitle) certificate (\(number)) expires on \(expiresOn), in about \(daysBefore) days."
        if let refresher {
            body += "\n\nTo stay current, book \(refresher.title): \(refresher.url)"
            body += runs.isEmpty ? "\nNo runs are scheduled yet; we will list them as soon as they are."
                : "\n\nNext runs:\n" + runs.map { "- \($0.dates): \($0.url)" }.joined(separator: "\n")
        } else {
            body += "\n\nTo renew it, book the course again."
        }
        return EmailMessage(to: email, subject: "Your \(courseTitle) certificate expires on \(expiresOn)", body: body + signOff)
    }

    /// A certificate has been issued: its number, how anyone checks it, and its expiry.
    public static func certificateIssued(to email: String, name: String, courseTitle: String, number: String,
                                         provider: String, expiresOn: String?, verifyURL: String, pdfURL: String) -> EmailMessage {
        let expiry = expiresOn.map { "It is valid until \($0); we will remind you before then about the refresher." } ?? "It does not expire."
        return EmailMessage(to: email, subject: "Your certificate: \(courseTitle)",
                            body: "\(greeting(name))\n\nCongratulations: you have completed \(courseTitle) (delivered by \(provider)), and your certificate is issued.\n\nCertificate number: \(number)\n\(expiry)\n\nAnyone (an employer, say) can check it here: \(verifyURL)\nDownload it as an A4 PDF (after signing in): \(pdfURL)\nIt is also in My certificates, to print, and in your CPD record." + signOff)
    }
}
