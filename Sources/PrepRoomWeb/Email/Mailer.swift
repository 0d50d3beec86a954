import Fluent
import PrepRoomCore
import PrepRoomStore
import SQLKit
import Vapor

/// Delivers the outbox over SMTP. Each message is claimed with a conditional update
/// first, so several senders (instances, or a command run twice) never send it twice.
struct Mailer {
    struct Settings: Sendable {
        var host: String
        var port: Int
        var from: String

        /// `PREPROOM_SMTP_HOST`, `PREPROOM_SMTP_PORT` (25), `PREPROOM_MAIL_FROM`; nil when no host is set.
        static func fromEnvironment() -> Settings? {
            guard let host = Environment.get("PREPROOM_SMTP_HOST"), !host.isEmpty else { return nil }
            return Settings(host: host, port: Int(Environment.get("PREPROOM_SMTP_PORT") ?? "") ?? 25,
                            from: Environment.get("PREPROOM_MAIL_FROM") ?? "noreply@preproom.local")
        }
    }

    let db: any Database
    let settings: Settings
    let threadPool: NIOThreadPool
    static let claimFor: TimeInterval = 120
    static let maxAttempts = 8

    struct Report: Sendable { var sent = 0; var failed = 0 }

    func deliverPending(limit: Int = 200, now: Date = Date()) async throws -> Report {
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
                try await threadPool.runIfActive { try client.send(from: from, to: to, mime: mime) }
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
