import FluentKit
import PrepRoomCore
import PrepRoomStore
import SQLKit
import Foundation

/// Delivers the outbox over SMTP. Each message is claimed with a conditional update
/// first, so several senders (instances, or a command run twice) never send it twice.
public struct Mailer: Sendable {
    public struct Settings: Sendable, Equatable {
        public var host: String
        public var port: Int
        public var from: String

        public init(host: String, port: Int, from: String) { self.host = host; self.port = port; self.from = from }
    }

    package let db: any Database
    package let settings: Settings
    /// Runs the blocking SMTP conversation off the event loops (the app's thread pool).
    package let runBlocking: @Sendable (@escaping @Sendable () throws -> Void) async throws -> Void

    package init(db: any Database, settings: Settings,
                 runBlocking: @escaping @Sendable (@escaping @Sendable () throws -> Void) async throws -> Void) {
        self.db = db; self.settings = settings; self.runBlocking = runBlocking
    }
    package static let claimFor: TimeInterval = 120
    package static let maxAttempts = 8

    package struct Report: Sendable { package var sent = 0; package var failed = 0 }

    package func deliverPending(limit: Int = 200, now: Date = Date()) async throws -> Report {
        let pending = try await OutboxMessage.query(on: db).filter(\.$sentAt == nil).filter(\.$attempts < Self.maxAttempts)
            .sort(\.$createdAt).limit(limit).all()
        var report = Report()
        for message in pending {
            let id = try message.requireID()
            let claimed = try await (db as! any SQLDatabase).raw("""
                UPDATE outbox SET claimed_until = \(bind: now.addingTimeInterval(Self.claimFor))
                WHERE id = \(bind: id) AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < \(bind: now)) RETURNING id
                """).all()
            guard !claimed.isEmpty else { continue }
            let mime = message.message.mime(from: settings.from, messageID: "\(id.uuidString)@preproom", date: message.createdAt)
            let client = SMTPClient(host: settings.host, port: settings.port)
            let from = settings.from, to = message.recipient
            do {
                try await runBlocking { try client.send(from: from, to: to, mime: mime) }
                message.sentAt = Date()
                message.attempts += 1
                message.lastError = nil
                try await message.save(on: db)
                report.sent += 1
            } catch {
                message.attempts += 1
                message.lastError = String(describing: error)
                // Back off: 1, 2, 4 … minutes before the next try.
                message.claimedUntil = Date().addingTimeInterval(60 * pow(2, Double(message.attempts - 1)))
                try await message.save(on: db)
                report.failed += 1
            }
        }
        return report
    }
}
