import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// Stopping one optional email from the link inside it (`EmailStopLinks`), without signing in.
extension Accounts {
    /// What a stop link names, checked: the account and the kind of email. 404 for anything
    /// that is not a genuine link to an account that still exists.
    package func stopLinkTarget(userID: String, kind: String, signature: String, links: Links) async throws -> (User, OptionalEmail) {
        guard let id = UUID(uuidString: userID), let kind = OptionalEmail(rawValue: kind),
              try await EmailStopLinks.load(db: db, links: links).isGenuine(id, kind, signature),
              let user = try await UserStore.find(id, on: db), user.status != .erased else {
            throw ServiceError(.notFound, "not_found", "This link is not right, or its account no longer exists.")
        }
        return (user, kind)
    }

    /// Turns off one optional email from its link; nothing else of the choices changes.
    package func stopEmails(_ kind: OptionalEmail, for user: User) async throws {
        let current = OptionalEmail.decode(user.emailOptOuts)
        guard !current.contains(kind) else { return }
        let stored = OptionalEmail.encode(current.union([kind]))
        let userID = try user.requireID()
        try await db.writeTransaction { db in
            user.emailOptOuts = stored
            try await user.save(on: db)
            try await AuditEntry.record("account.emails_chosen", subject: "user:\(userID)", actor: nil,
                                        details: "off: \(stored) (the link in an email)", on: db)
        }
    }
}
