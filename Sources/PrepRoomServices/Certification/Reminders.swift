import FluentKit
import PrepRoomCore
import PrepRoomStore
import Foundation

/// Expiry reminders, 90 and 30 days before a certificate expires, each sent once: the
/// reminder row and its email commit together, and a unique index refuses a second row.
package struct Reminders {
    package let db: any Database
    package let links: Links

    package func sendDue(now: Date = Date()) async throws -> Int {
        let horizon = now.addingTimeInterval(Double(CertificateRules.expiringWindowDays) * 86_400)
        let certificates = try await Certificate.query(on: db).filter(\.$revokedAt == nil)
            .filter(\.$expiresAt > now).filter(\.$expiresAt <= horizon).with(\.$user).all()
        guard !certificates.isEmpty else { return 0 }
        // Someone who has taken the refresher already holds a newer certificate: no reminder.
        let holders = Array(Set(certificates.map { $0.$user.id }))
        let held = Dictionary(grouping: try await Certificate.query(on: db).filter(\.$user.$id ~~ holders).filter(\.$revokedAt == nil).all(),
                              by: { $0.$user.id }).mapValues { $0.map(\.held) }
        let stops = try await EmailStopLinks.load(db: db, links: links)
        var sent = 0
        for certificate in certificates where certificate.user.wants(.expiryReminders)
            && !CertificateRules.isRenewed(certificate.held, among: held[certificate.$user.id] ?? []) {
            let id = try certificate.requireID()
            let already = Set(try await CertificateReminder.query(on: db).filter(\.$certificate.$id == id).all()
                .compactMap { CertificateRules.Reminder(rawValue: $0.kind) })
            for reminder in CertificateRules.dueReminders(expiresAt: certificate.expiresAt, revoked: false, alreadySent: already, now: now) {
                let message = try await compose(certificate, reminder: reminder, now: now)
                    .stoppable(.expiryReminders, at: stops.url(certificate.$user.id, .expiryReminders))
                do {
                    try await db.writeTransaction { db in
                        try await CertificateReminder(certificateID: id, kind: reminder, at: now).create(on: db)
                        try await OutboxMessage.queue(message, at: now, on: db)
                        try await AuditEntry.record("certificate.reminder_sent", subject: "certificate:\(certificate.number)",
                                                    actor: nil, details: reminder.rawValue, on: db)
                    }
                    sent += 1
                } catch let error as any DatabaseError where error.isConstraintFailure {
                    continue // another sender got there first
                }
            }
        }
        return sent
    }

    /// Names the refresher (or the course itself) and its next runs.
    private func compose(_ certificate: Certificate, reminder: CertificateRules.Reminder, now: Date) async throws -> EmailMessage {
        let (refresher, next) = try await CertificateDesk.renewal(of: certificate.courseCode, orCourse: false, now: now, on: db)
        return Notices.expiryReminder(
            to: certificate.user.email, name: certificate.user.name, courseTitle: certificate.courseTitle,
            number: certificate.number, expiresOn: ServiceTime.day(certificate.expiresAt!), daysBefore: reminder.daysBefore,
            refresher: refresher.map { ($0.title, links.absolute(.course(code: $0.code))) },
            runs: next.map { Notices.RefresherRun(dates: RunDates.text($0.orderedSessions.map(\.times), startsAt: $0.startsAt), url: links.absolute(.run($0.linkID))) })
    }

    package init(db: any Database, links: Links) {
        self.db = db; self.links = links
    }
}
