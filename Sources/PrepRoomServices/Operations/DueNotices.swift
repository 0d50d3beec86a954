import FluentKit
import Foundation
import PrepRoomStore

/// The emails that fall due by the calendar rather than by someone's action: certificate
/// expiry reminders, evaluation invitations, the admins' daily registration digest,
/// equipment checks falling due, and Techné's daily digests.
/// Each notice is claimed in the database (a unique row) in the same transaction that
/// queues it, so every instance may run this as often as it likes, at the same moment as
/// the others, and each notice still goes once.
package struct DueNotices: Sendable {
    package let db: any Database
    package let links: Links

    package init(db: any Database, links: Links) { self.db = db; self.links = links }

    package struct Queued: Sendable, Equatable {
        package var reminders = 0
        package var invitations = 0
        package var digests = 0
        /// Emails about equipment checks falling due or overdue.
        package var equipment = 0
        /// Techné's daily digests of notifications.
        package var community = 0
        package var total: Int { reminders + invitations + digests + equipment + community }
    }

    package func queue(now: Date = Date()) async throws -> Queued {
        var evaluation = EvaluationDesk(db: db)
        evaluation.now = now
        return Queued(reminders: try await Reminders(db: db, links: links).sendDue(now: now),
                      invitations: try await evaluation.sendInvitations(links: links),
                      digests: try await RegistrationDigest(db: db, links: links).sendDue(now: now),
                      equipment: try await EquipmentReminders(db: db, links: links).sendDue(now: now),
                      community: try await CommunityDigest(db: db, links: links).sendDue(now: now))
    }
}
