import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore
import SQLKit

/// Once a day, from 07:00 London time (`preproom reminders send`, which every `serve`
/// instance also runs each hour), every admin is emailed the registrations that
/// arrived since the last digest, so nobody waits days for approval because no admin
/// looked. Safe to run twice or on two machines: one run claims each day.
package struct RegistrationDigest {
    package let db: any Database
    package let links: Links

    package init(db: any Database, links: Links) { self.db = db; self.links = links }

    static let keyPrefix = "registration_digest:"

    /// Queues the digest for today if it has not gone and something new waits; returns the
    /// number of emails queued.
    package func sendDue(now: Date = Date()) async throws -> Int {
        let today = Self.keyPrefix + DigestDay.of(now)
        let sql = db as! any SQLDatabase
        struct Row: Decodable { var key: String; var value: String }
        let sent = try await sql.raw("SELECT key, value FROM settings WHERE key LIKE \(bind: Self.keyPrefix + "%") ORDER BY key DESC")
            .all(decoding: Row.self)
        guard !sent.contains(where: { $0.key == today }) else { return 0 }
        let since = sent.first.flatMap { Double($0.value) }.map(Date.init(timeIntervalSince1970:)) ?? .distantPast
        let waiting = try await AccountDirectoryQuery.waiting(limit: 200, on: db)
        let fresh = waiting.items.filter { ($0.createdAt ?? .distantPast) > since }
        guard !fresh.isEmpty else { return 0 }
        let admins = try await User.query(on: db).filter(\.$status == .approved).all().filter { $0.roles.contains(.admin) && $0.wants(.registrationDigest) }
        let url = links.absolute(.staff(.accounts()))
        let stops = try await EmailStopLinks.load(db: db, links: links)
        do {
            return try await db.writeTransaction { db in
                let sql = db as! any SQLDatabase
                // The claim: a second run the same day fails on the key and queues nothing.
                try await sql.raw("""
                    INSERT INTO settings (key, value, updated_at) VALUES (\(bind: today), \(bind: String(now.timeIntervalSince1970)), \(bind: now))
                    """).run()
                try await sql.raw("DELETE FROM settings WHERE key LIKE \(bind: Self.keyPrefix + "%") AND key <> \(bind: today)").run()
                for admin in admins {
                    try await OutboxMessage.queue(AccountNotices.registrationsWaiting(
                        to: admin.email, name: admin.name, people: fresh.map { ($0.name, $0.email) }, total: waiting.total, url: url)
                        .stoppable(.registrationDigest, at: stops.url(try admin.requireID(), .registrationDigest)),
                        at: now, on: db)
                }
                return admins.count
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return 0
        }
    }
}
