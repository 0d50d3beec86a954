import Fluent
import Foundation
import PrepRoomCore
import PrepRoomServices
import PrepRoomStore
import Testing
import Vapor
@testable import PrepRoomWeb

/// Every `serve` instance runs the mail sender and the due notices (`BackgroundWork`). Two
/// instances doing it at the same moment must still send each email once.
@Suite("Background work on several instances")
struct BackgroundWorkTests {
    @Test func twoInstancesQueueEachNoticeAndSendEachEmailOnce() async throws {
        try await withPrepRoom(seed: true) { app in
            let run = try await makeRun(app, capacity: 2)
            let members = try await makeMembers(app, count: 4)
            for member in members { _ = try await book(app, run: run, token: member.token) }
            // Due now: one 90-day expiry reminder, and the admins' digest of a new registration.
            _ = try await makeCertificate(app, for: members[0].user, course: "safe-use-of-fixed-workshop-machinery", expiresIn: 80)
            try await makeUser(app, email: "admin-one@example.org", role: .admin)
            try await makeUser(app, email: "admin-two@example.org", role: .admin)
            _ = try await Accounts(app).create(RegistrationForm(email: "new@school.sch.uk", name: "New Technician", password: "correct horse battery",
                                                                roles: [.technician]), status: .pending, organisationID: nil, centreID: nil, by: nil)
            let links = Links(base: "https://preproom.example")
            let before = try await OutboxMessage.query(on: app.db).count()

            try await withSecondInstance(of: app) { second in
                async let first = DueNotices(db: app.db, links: links).queue()
                async let other = DueNotices(db: second.db, links: links).queue()
                let (a, b) = try await (first, other)
                #expect(a.reminders + b.reminders == 1, "one reminder between them")
                #expect(a.digests + b.digests == 2, "one digest to each of the two admins, from one instance")
                #expect(a.invitations + b.invitations == 2, "the 'before' questionnaire to each of the two confirmed, once")
                #expect(try await OutboxMessage.query(on: app.db).count() == before + a.total + b.total)

                let sink = try SMTPSink()
                defer { sink.stop() }
                let settings = Mailer.Settings(host: "127.0.0.1", port: sink.port, from: "courses@preproom.example")
                let senders = [Mailer(app, settings: settings), Mailer(second, settings: settings)]
                let reports = try await withThrowingTaskGroup(of: Int.self) { group in
                    for round in 0..<4 { group.addTask { try await senders[round % 2].deliverPending().sent } }
                    return try await group.reduce(into: [Int]()) { $0.append($1) }
                }
                let outbox = try await OutboxMessage.query(on: app.db).count()
                #expect(reports.reduce(0, +) == outbox, "every message sent by exactly one sender")
                let received = sink.messages.map { "\($0.to) \($0.data.split(separator: "\r\n").first { $0.hasPrefix("Subject:") } ?? "")" }
                #expect(received.count == outbox)
                #expect(Set(received).count == received.count, "nobody got the same email twice")
                #expect(try await OutboxMessage.query(on: app.db).filter(\.$sentAt == nil).count() == 0)
            }
        }
    }
}

@Suite("Background work settings")
struct BackgroundWorkSettingsTests {
    @Test func theNoticesIntervalIsReadWithinItsBounds() throws {
        #expect(try AppConfiguration.fromEnvironment([:]).noticesEveryMinutes == 60)
        #expect(try AppConfiguration.fromEnvironment(["PREPROOM_NOTICES_EVERY_MINUTES": "0"]).noticesEveryMinutes == 0)
        #expect(try AppConfiguration.fromEnvironment(["PREPROOM_NOTICES_EVERY_MINUTES": "1440"]).noticesEveryMinutes == 1_440)
        for wrong in ["-1", "1441", "hourly", "99999999999999999999"] {
            #expect(throws: AppConfiguration.Problem.self, "\(wrong) is refused at start-up") {
                try AppConfiguration.fromEnvironment(["PREPROOM_NOTICES_EVERY_MINUTES": wrong])
            }
        }
    }
}
