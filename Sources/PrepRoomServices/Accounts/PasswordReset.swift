import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// A forgotten password, reset through an emailed link (`PasswordResetRules`).
extension Accounts {
    /// Emails a link to the approved account with this address, unless one went in the
    /// last `resendInterval`. Returns nothing and throws nothing about the address, so the
    /// form's answer is the same for every address.
    package func requestPasswordReset(email: String, links: Links, now: Date = Date()) async throws {
        let email = RegistrationForm.normalise(email)
        guard !email.isEmpty, email.count <= TextLimit.email,
              let user = try await User.query(on: db).filter(\.$email == email).first(),
              user.status == .approved, let userID = user.id,
              PasswordResetRules.maySend(lastSentAt: try await PasswordResetStore.lastIssued(to: userID, on: db), now: now)
        else { return }
        let token = Tokens.random()
        let message = AccountNotices.passwordReset(to: user.email, name: user.name, link: links.absolute(.resetPassword(token: token)))
        try await db.writeTransaction { db in
            try await PasswordResetStore.issue(to: userID, digest: Tokens.digest(token), now: now,
                                               expiresAt: now.addingTimeInterval(PasswordResetRules.lifetime), on: db)
            try await OutboxMessage.queue(message, at: now, on: db)
            try await AuditEntry.record("account.password_reset_requested", subject: "user:\(userID)", actor: nil, on: db)
        }
    }

    /// The account a link resets, while the link works; nil for a link that has expired,
    /// has been used, or never was.
    package func passwordResetHolder(token: String, now: Date = Date()) async throws -> User? {
        guard token.count <= 64, let userID = try await PasswordResetStore.holder(of: Tokens.digest(token), now: now, on: db),
              let user = try await User.find(userID, on: db), user.status == .approved else { return nil }
        return user
    }

    /// Sets a new password with a working link, which is then used up with every other
    /// link of the account. The person is signed out everywhere and their API tokens end,
    /// as when they change it themselves. 422 for a weak password (the link still works),
    /// 404 for a link that does not.
    package func resetPassword(token: String, newPassword: String, now: Date = Date()) async throws -> User {
        guard let user = try await passwordResetHolder(token: token, now: now) else { throw Self.deadResetLink }
        if let problem = PasswordRule.check(newPassword, email: user.email) {
            throw ServiceError.invalid([FieldError("newPassword", problem.message)])
        }
        let hashed = try await hash(newPassword)
        let userID = try user.requireID()
        try await db.writeTransaction { db in
            guard try await PasswordResetStore.redeem(Tokens.digest(token), now: now, on: db) == userID else { throw Self.deadResetLink }
            user.passwordHash = hashed
            try await user.save(on: db)
            try await Self.endEverywhere(userID, on: db)
            try await OutboxMessage.queue(AccountNotices.passwordChanged(to: user.email, name: user.name), at: now, on: db)
            try await AuditEntry.record("account.password_reset", subject: "user:\(userID)", actor: userID, on: db)
        }
        return user
    }

    package static let deadResetLink = ServiceError(.notFound, "reset_link_not_working",
                                                    "This link has expired or has already been used. Ask for a new one below.")
}
