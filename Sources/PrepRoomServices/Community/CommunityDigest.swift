import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore
import SQLKit

/// Once a day, from 07:00 London time (`DigestDay`), each member who chose the daily email
/// and has unread notifications not yet emailed is sent them in one message. Each member's
/// day is claimed in the transaction that queues their digest, so two instances (or a
/// second run) send it once.
package struct CommunityDigest: Sendable {
    package let db: any Database
    package let links: Links

    package init(db: any Database, links: Links) { self.db = db; self.links = links }

    /// At most this many lines in one digest; the rest are counted.
    static let mostLines = 20
    static let membersPerTransaction = 100

    /// Queues the day's digests; returns how many.
    package func sendDue(now: Date = Date()) async throws -> Int {
        let day = DigestDay.of(now)
        let sql = db as! any SQLDatabase
        let due = try await sql.raw("""
            SELECT DISTINCT n.user_id FROM community_notifications n LEFT JOIN community_members m ON m.user_id = n.user_id
            WHERE n.read_at IS NULL AND n.emailed_at IS NULL
              AND (m.email_mode IS NULL OR m.email_mode = \(bind: CommunityEmailMode.daily.rawValue))
              AND (m.digest_day IS NULL OR m.digest_day <> \(bind: day))
            """).all().map { try $0.decode(column: "user_id", as: UUID.self) }
        guard !due.isEmpty else { return 0 }
        let stops = try await EmailStopLinks.load(db: db, links: links)
        let named = try await UserStore.named(Set(due), on: db)
        var sent = 0
        // A hundred members to a transaction rather than one each, which on PostgreSQL made
        // the commits a large share of 5,000 digests' time. A failure rolls back that
        // hundred's claims too, so the next run sends them.
        let people = due.compactMap { named[$0] }.filter { $0.status == .approved && $0.wants(.communityNotifications) }
        for start in stride(from: 0, to: people.count, by: Self.membersPerTransaction) {
            let batch = people[start..<min(start + Self.membersPerTransaction, people.count)]
            sent += try await db.writeTransaction { db in
                var queued = 0
                for person in batch {
                    if try await queue(person, day: day, stops: stops, now: now, on: db) { queued += 1 }
                }
                return queued
            }
        }
        return sent
    }

    /// Claims the member's day and queues their digest, in the caller's transaction; false
    /// when the day was already claimed or nothing is left to tell.
    private func queue(_ person: User, day: String, stops: EmailStopLinks, now: Date, on db: any Database) async throws -> Bool {
        let userID = try person.requireID()
        let sql = db as! any SQLDatabase
        // The claim: a run that finds the day already taken queues nothing.
        guard try await sql.raw("""
            INSERT INTO community_members (id, user_id, email_mode, digest_day)
            VALUES (\(bind: UUID()), \(bind: userID), \(bind: CommunityEmailMode.daily.rawValue), \(bind: day))
            ON CONFLICT (user_id) DO UPDATE SET digest_day = \(bind: day)
            WHERE community_members.digest_day IS NULL OR community_members.digest_day <> \(bind: day)
            RETURNING id
            """).first() != nil else { return false }
        let lines = try await CommunityNotificationStore.unemailed(of: userID, on: db)
        guard !lines.isEmpty else { return false }
        let shown = lines.prefix(Self.mostLines).map { line in
            (line.kind.line(actor: line.actor ?? "A former member", topic: line.topicTitle),
             links.absolute(.topic(line.topicID)) + "#post-\(line.position)")
        }
        try await OutboxMessage.queue(CommunityNotices.digest(to: person.email, name: person.name, items: shown, more: lines.count - shown.count,
                                                              link: links.absolute(.notifications()))
            .stoppable(.communityNotifications, at: stops.url(userID, .communityNotifications)), at: now, on: db)
        try await CommunityNotificationStore.markEmailed(lines.map(\.id), at: now, on: db)
        return true
    }
}
