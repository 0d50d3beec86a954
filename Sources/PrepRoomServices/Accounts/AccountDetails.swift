import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// A person's own name and email address ("Your account"). A new email address counts only
/// once a link sent to it is opened, and the old address is told, so nobody who borrows a
/// signed-in browser can move an account away from its owner unnoticed.
extension Accounts {
    package func rename(_ user: User, to name: String) async throws {
        let name = name.trimmed
        let errors = RegistrationForm.nameErrors(name)
        if !errors.isEmpty { throw ServiceError.invalid(errors) }
        guard name != user.name else { return }
        let userID = try user.requireID()
        try await db.writeTransaction { db in
            let old = user.name
            user.name = name
            try await user.save(on: db)
            try await AuditEntry.record("account.renamed", subject: "user:\(userID)", actor: userID, details: "from \(old)", on: db)
        }
    }

    /// Where the person works (their local authority or member body), as at registration.
    /// An LA manager's authority is their scope, so only an admin changes it (403).
    package func moveOrganisation(_ user: User, to organisationID: UUID?) async throws {
        guard RoleRules.mayChooseOwnOrganisation(user.roles) else {
            throw ServiceError.forbidden("Your local authority decides what you can see, so only the service's admins change it.")
        }
        guard let organisationID, let organisation = try await Organisation.find(organisationID, on: db) else {
            throw ServiceError.invalid([FieldError("organisationId", "Choose your local authority or member body from the list")])
        }
        guard organisationID != user.$organisation.id else { return }
        let userID = try user.requireID()
        try await db.writeTransaction { db in
            user.$organisation.id = organisationID
            try await user.save(on: db)
            try await AuditEntry.record("account.organisation_changed", subject: "user:\(userID)", actor: userID,
                                        details: "to \(organisation.name)", on: db)
        }
    }

    /// The schools the person works at (up to `SchoolRules.mostPerPerson`), replacing
    /// those named before. Only technicians and teachers name schools (403).
    package func chooseSchools(_ chosen: Set<UUID>, for user: User, now: Date = Date()) async throws {
        guard RoleRules.namesSchools(user.roles) else {
            throw ServiceError.forbidden("Only technicians and teachers name the schools they work at.")
        }
        // Too many is refused before the register is asked about each of them.
        let known = chosen.count > SchoolRules.mostPerPerson ? [] : try await SchoolStore.existing(chosen, on: db)
        if let problem = SchoolRules.choiceProblem(chosen, known: known) { throw ServiceError.invalid([FieldError("schools", problem)]) }
        let userID = try user.requireID()
        let before = Set(try await SchoolStore.of(person: userID, on: db).map(\.id))
        guard before != chosen else { return }
        try await db.writeTransaction { db in
            try await SchoolStore.replace(schoolsOf: userID, with: chosen, now: now, on: db)
            let names = try await SchoolStore.of(person: userID, on: db).map(\.name)
            try await AuditEntry.record("account.schools_chosen", subject: "user:\(userID)", actor: userID,
                                        details: names.isEmpty ? "none" : names.joined(separator: "; "), on: db)
        }
    }

    /// Which optional emails the person receives: those offered to them and not in `wanted`
    /// are turned off; a kind not offered to them (the admins' digest) keeps its setting.
    package func chooseEmails(_ wanted: Set<OptionalEmail>, for user: User) async throws {
        let stored = OptionalEmail.encode(OptionalEmail.optOuts(wanted: wanted, roles: user.roles,
                                                                current: OptionalEmail.decode(user.emailOptOuts)))
        guard stored != (user.emailOptOuts ?? "") else { return }
        let userID = try user.requireID()
        try await db.writeTransaction { db in
            user.emailOptOuts = stored.isEmpty ? nil : stored
            try await user.save(on: db)
            try await AuditEntry.record("account.emails_chosen", subject: "user:\(userID)", actor: userID,
                                        details: stored.isEmpty ? "all on" : "off: \(stored)", on: db)
        }
    }

    /// Emails a confirmation link to the new address and a notice to the old one. 422 for an
    /// address that cannot be one, or the person's own; an address another account holds is
    /// refused only when the link is used, so this form does not tell who has an account.
    package func requestEmailChange(of user: User, to typed: String, links: Links, now: Date = Date()) async throws {
        let email = RegistrationForm.normalise(typed)
        var errors = RegistrationForm.emailErrors(email, field: "newEmail")
        if errors.isEmpty, email == user.email { errors.append(FieldError("newEmail", "That is already your email address")) }
        if !errors.isEmpty { throw ServiceError.invalid(errors) }
        let token = Tokens.random()
        let userID = try user.requireID()
        let confirmation = AccountNotices.emailChangeConfirmation(to: email, name: user.name, link: links.absolute(.confirmEmail(token: token)))
        try await db.writeTransaction { db in
            try await EmailChangeStore.request(for: userID, newEmail: email, digest: Tokens.digest(token), now: now,
                                               expiresAt: now.addingTimeInterval(PasswordResetRules.lifetime), on: db)
            try await OutboxMessage.queue(confirmation, at: now, on: db)
            try await OutboxMessage.queue(AccountNotices.emailChangeRequested(to: user.email, name: user.name, newEmail: email), at: now, on: db)
            try await AuditEntry.record("account.email_change_requested", subject: "user:\(userID)", actor: userID, on: db)
        }
    }

    /// The address a link would confirm, while the link works.
    package func pendingEmailChange(token: String, now: Date = Date()) async throws -> EmailChangeStore.Pending? {
        guard token.count <= 64 else { return nil }
        return try await EmailChangeStore.pending(Tokens.digest(token), now: now, on: db)
    }

    /// Makes the confirmed address the account's email; 404 for a link that does not work,
    /// 409 when another account has taken the address meanwhile.
    package func confirmEmailChange(token: String, now: Date = Date()) async throws -> User {
        guard token.count <= 64 else { throw Self.deadEmailLink }
        return try await db.writeTransaction { db in
            guard let change = try await EmailChangeStore.redeem(Tokens.digest(token), now: now, on: db),
                  let user = try await User.find(change.userID, on: db), user.status == .approved else { throw Self.deadEmailLink }
            if try await User.query(on: db).filter(\.$email == change.newEmail).count() > 0 {
                throw ServiceError.conflict("email_taken", "Another account already uses \(change.newEmail); your address is unchanged.")
            }
            let old = user.email
            user.email = change.newEmail
            try await user.save(on: db)
            try await AuditEntry.record("account.email_changed", subject: "user:\(try user.requireID())", actor: user.id,
                                        details: "from \(old)", on: db)
            return user
        }
    }

    package static let deadEmailLink = ServiceError(.notFound, "email_link_not_working",
                                                    "This link has expired or has already been used. Ask for a new one from Your account.")
}
