import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// A person's rights over what the service holds about them (UK GDPR): a copy of all of it,
/// and its erasure, by the person or by an admin for a leaver. What each area holds, and
/// how it is exported and erased, is in `PersonalDataRegistry`; this adds the checks, the
/// places given up, and the audit entry.
package struct Privacy {
    package let db: any Database
    package let links: Links
    package var now = Date()

    package init(db: any Database, links: Links, now: Date = Date()) {
        self.db = db; self.links = links; self.now = now
    }

    /// Everything held about one person, by area, as of `generatedAt`.
    package struct Export: Sendable, Encodable {
        package var generatedAt: Date
        package var name: String
        package var email: String
        package var sections: [PersonalSection]
    }

    /// The account an admin (or the command line) names; 404 when there is none.
    package func account(_ id: UUID?) async throws -> User {
        guard let id, let user = try await UserStore.find(id, on: db) else { throw ServiceError.notFound("account") }
        return user
    }

    package func account(email: String) async throws -> User {
        guard let user = try await UserStore.find(email: email, on: db) else {
            throw ServiceError(.notFound, "not_found", "There is no account with that email address.")
        }
        return user
    }

    package func export(_ user: User) async throws -> Export {
        let subject = DataSubject(id: try user.requireID(), email: user.email, name: user.name)
        var sections: [PersonalSection] = []
        for area in PersonalDataRegistry.areas { sections += try await area.export(subject, db) }
        return Export(generatedAt: now, name: user.name, email: user.email, sections: sections)
    }

    /// What an erasure did, for the page or the API to say.
    package struct Erased: Sendable, Equatable {
        package var placesGivenUp: Int
        package var promoted: Int
    }

    /// Erases `user`'s identity from every area in one transaction (a failure leaves
    /// everything as it was). `actor` is the person themselves or an admin, nil for an
    /// operator at the command line; `reason` is an admin's or operator's, kept in the audit
    /// log without the person's name or address in it.
    /// 409 for an account already erased, or the last admin.
    package func erase(_ user: User, by actor: User?, reason: String? = nil) async throws -> Erased {
        let reason = reason.map(\.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        if let reason, let problem = TextLimit.problem(reason, field: "reason", max: TextLimit.reason, label: "The reason") {
            throw ServiceError.invalid([problem])
        }
        guard user.status != .erased else { throw ServiceError.conflict("already_erased", "This account has already been erased.") }
        let userID = try user.requireID()
        if user.roles.contains(.admin), user.status == .approved {
            let others = try await UserStore.approvedAdmins(on: db).filter { $0.id != userID }.count
            if let refusal = RoleRules.refusal(removingAdminWhenOthersAre: others) {
                throw ServiceError.conflict("last_admin", refusal)
            }
        }
        let subject = DataSubject(id: userID, email: user.email, name: user.name)
        let ownRequest = actor?.id == userID
        let actorID = ownRequest ? userID : actor?.id
        let who = ownRequest ? "at their own request" : actor == nil ? "by an operator at the command line" : "by an admin"
        let details = who + (ownRequest ? "" : reason.map { ": " + Erasure.scrub($0, name: subject.name, email: subject.email) } ?? "")
        let desk = BookingDesk(db: db, links: links, now: now)
        let released = try await db.writeTransaction { [now] db in
            let released = try await desk.releaseUpcoming(of: userID, by: actorID, on: db)
            for area in PersonalDataRegistry.areas { try await area.erase(subject, now, db) }
            try await AuditEntry.record("account.erased", subject: "user:\(userID)", actor: actorID, details: details, on: db)
            return released
        }
        released.forEach(BookingMetrics.released)
        return Erased(placesGivenUp: released.count, promoted: released.filter { $0.promoted != nil }.count)
    }

    /// An admin erasing someone else's account (a leaver, a request by letter). Their own
    /// goes through `erase(_:by:)` from Your data, which asks for their password again:
    /// the admin route must not be a way round it.
    package func eraseAnother(_ user: User, by admin: User, reason: String?) async throws -> Erased {
        guard user.id != admin.id else {
            throw ServiceError.conflict("own_account", "You cannot erase your own account here: use Your data, which asks for your password.")
        }
        return try await erase(user, by: admin, reason: reason)
    }

    /// Accounts nobody has signed in to for `rule.months`, oldest first: for an admin to
    /// decide whether to keep, disable or erase each.
    package func inactive(_ rule: InactivityRule, _ page: Pagination) async throws -> (items: [AccountListing], total: Int) {
        try await AccountDirectoryQuery.inactive(before: rule.cutoff(now: now), page, on: db)
    }
}
