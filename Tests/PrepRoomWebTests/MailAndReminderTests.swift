import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting
#if canImport(Glibc)
import Glibc
#endif

/// A local SMTP server that accepts everything and keeps what it was sent.
final class SMTPSink: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var received: [(from: String, to: String, data: String)] = []

    var messages: [(from: String, to: String, data: String)] { lock.withLock { received } }

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        listen(listener, 8)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in serve() }
    }

    func stop() { shutdown(listener, Int32(SHUT_RDWR)); close(listener) }

    private func serve() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            handle(client)
            close(client)
        }
    }

    private func say(_ client: Int32, _ text: String) {
        _ = Array(text.utf8).withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    private func handle(_ client: Int32) {
        var reader = LineReader(socket: client)
        var from = "", to = ""
        say(client, "220 sink ESMTP\r\n")
        while let line = try? reader.line() {
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") { say(client, "250-sink\r\n250 OK\r\n") }
            else if upper.hasPrefix("MAIL FROM:") { from = String(line.dropFirst(10)); say(client, "250 OK\r\n") }
            else if upper.hasPrefix("RCPT TO:") { to = String(line.dropFirst(8)); say(client, "250 OK\r\n") }
            else if upper == "DATA" {
                say(client, "354 go ahead\r\n")
                var lines: [String] = []
                while let dataLine = try? reader.line(), dataLine != "." { lines.append(dataLine) }
                let data = lines.joined(separator: "\r\n")
                lock.withLock { received.append((from, to, data)) }
                say(client, "250 queued\r\n")
            } else if upper == "QUIT" { say(client, "221 bye\r\n"); return }
            else { say(client, "502 no\r\n") }
        }
    }
}

@Suite("Email delivery and expiry reminders")
struct MailAndReminderTests {
    @Test func theOutboxIsDeliveredOverSMTPOnceEvenWhenTheSenderRunsTwice() async throws {
        try await withPrepRoom(seed: true) { app in
            let sink = try SMTPSink()
            defer { sink.stop() }
            let run = try await makeRun(app, capacity: 1)
            let members = try await makeMembers(app, count: 2)
            for member in members { _ = try await book(app, run: run, token: member.token) }
            let settings = Mailer.Settings(host: "127.0.0.1", port: sink.port, from: "courses@preproom.example")
            let mailer = Mailer(app, settings: settings)
            let report = try await mailer.deliverPending()
            #expect(report.sent == 2)
            #expect(report.failed == 0)
            #expect(try await mailer.deliverPending().sent == 0, "nothing is sent twice")
            let messages = sink.messages
            #expect(messages.count == 2)
            #expect(Set(messages.map(\.to)) == ["<member0@school.sch.uk>", "<member1@school.sch.uk>"])
            let confirmation = try #require(messages.first { $0.to.contains("member0") })
            #expect(confirmation.from == "<courses@preproom.example>")
            #expect(confirmation.data.contains("Subject: Your place is confirmed: Chemical Handling"))
            #expect(confirmation.data.contains("Content-Type: text/calendar"))
            #expect(confirmation.data.contains("filename=\"booking.ics\""))
            #expect(try await OutboxMessage.query(on: app.db).filter(\OutboxMessage.$sentAt == nil).count() == 0)
        }
    }

    @Test func anUnreachableServerLeavesMessagesQueuedWithTheError() async throws {
        try await withPrepRoom(seed: true) { app in
            let run = try await makeRun(app, capacity: 1)
            let member = try #require(try await makeMembers(app, count: 1).first)
            _ = try await book(app, run: run, token: member.token)
            let closedPort = try SMTPSink()
            closedPort.stop()
            let mailer = Mailer(app, settings: .init(host: "127.0.0.1", port: closedPort.port, from: "x@y.org"))
            let report = try await mailer.deliverPending()
            #expect(report.failed == 1)
            let message = try #require(try await OutboxMessage.query(on: app.db).first())
            #expect(message.sentAt == nil)
            #expect(message.attempts == 1)
            #expect(message.lastError?.contains("cannot connect") == true)
        }
    }

    @Test func remindersGoAt90And30DaysNameTheRefresherAndAreSentOnce() async throws {
        try await withPrepRoom(seed: true) { app in
            let member = try #require(try await makeMembers(app, count: 1).first)
            let course = try #require(try await CatalogueQuery.course(code: "safe-use-of-fixed-workshop-machinery", on: app.db))
            _ = try await makeRun(app, course: "safe-use-of-fixed-workshop-machinery-refresher", capacity: 12, days: 20, sessions: 1)
            let now = Date()
            let certificate = Certificate()
            certificate.number = CertificateRules.newNumber()
            certificate.$user.id = try member.user.requireID()
            certificate.$course.id = try course.requireID()
            certificate.holderName = member.user.name
            certificate.courseCode = course.code
            certificate.courseTitle = course.title
            certificate.hours = 12
            certificate.issuedAt = now.addingTimeInterval(-900 * 86_400)
            certificate.expiresAt = now.addingTimeInterval(80 * 86_400)
            try await certificate.create(on: app.db)
            let reminders = Reminders(db: app.db, links: Links(base: "https://preproom.example"))

            #expect(try await reminders.sendDue(now: now) == 1)
            #expect(try await reminders.sendDue(now: now) == 0, "safe to run twice")
            let first = try #require(try await OutboxMessage.query(on: app.db).first())
            #expect(first.subject.hasPrefix("Your Safe Use of Fixed Workshop Machinery certificate expires on"))
            #expect(first.body.contains("Safe Use of Fixed Workshop Machinery Refresher"))
            #expect(first.body.contains("https://preproom.example/courses/safe-use-of-fixed-workshop-machinery-refresher"))
            #expect(first.body.contains("https://preproom.example/runs/"), "names the refresher's next runs")

            let later = now.addingTimeInterval(55 * 86_400)
            #expect(try await reminders.sendDue(now: later) == 1, "the 30-day reminder")
            #expect(try await reminders.sendDue(now: later) == 0)
            #expect(try await OutboxMessage.query(on: app.db).count() == 2)
            let kinds = Set(try await CertificateReminder.query(on: app.db).all().map(\.kind))
            #expect(kinds == ["expiry_90", "expiry_30"])
        }
    }

    @Test func noReminderForACertificateAlreadyRenewed() async throws {
        try await withPrepRoom(seed: true) { app in
            let member = try #require(try await makeMembers(app, count: 1).first)
            let now = Date()
            for days in [80.0, 1_000] { try await makeCertificate(app, for: member.user, course: "safe-use-of-fixed-workshop-machinery", expiresIn: days) }
            let reminders = Reminders(db: app.db, links: Links(base: "https://preproom.example"))
            #expect(try await reminders.sendDue(now: now) == 0, "the refresher gave a newer certificate")
            #expect(try await OutboxMessage.query(on: app.db).count() == 0)
        }
    }
}
