import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// The account and everything that signs a person in. Erasing ends every session and
/// token, forgets the browsers and addresses they used, and leaves the account as a row
/// with no name, no address and no roles: the bookings it made still count in reports,
/// per local authority (kept), and nobody can sign in to it.
extension PersonalDataArea {
    public static let accounts = PersonalDataArea(
        name: "Accounts",
        tables: [User.schema, UserToken.schema, SignInContext.schema, BrowserSessionRecord.schema, SignInFailure.schema,
                 PasswordResetStore.table, EmailChangeStore.table],
        export: { subject, db in
            guard let user = try await User.query(on: db).filter(\.$id == subject.id).with(\.$organisation).first() else { return [] }
            let account = PersonalRecord([
                ("name", user.name), ("email", user.email), ("roles", user.roles.map(\.label).joined(separator: ", ")),
                ("status", user.status.rawValue), ("organisation", user.organisation?.name),
                ("centreId", user.centreID?.uuidString), ("registered", PersonalRecord.text(user.createdAt)),
                ("approved", PersonalRecord.text(user.approvedAt)), ("lastSignedIn", PersonalRecord.text(user.lastSignedInAt)),
                ("emailsTurnedOff", user.emailOptOuts), ("disabledReason", user.disabledReason),
            ])
            let sessions = try await BrowserSessionRecord.query(on: db).filter(\.$user.$id == subject.id).sort(\.$createdAt).all().map {
                PersonalRecord([("what", "browser session"), ("started", PersonalRecord.text($0.createdAt)),
                                ("lastSeen", PersonalRecord.text($0.lastSeenAt)), ("browser", $0.userAgent)])
            }
            let tokens = try await UserToken.query(on: db).filter(\.$user.$id == subject.id).sort(\.$createdAt).all().map {
                PersonalRecord([("what", "API token"), ("label", $0.label), ("created", PersonalRecord.text($0.createdAt)),
                                ("expires", PersonalRecord.text($0.expiresAt))])
            }
            let contexts = try await SignInContext.query(on: db).filter(\.$user.$id == subject.id).sort(\.$lastUsedAt).all().map {
                PersonalRecord([("what", $0.kind == .device ? "usual browser (kept as a digest)" : "usual network address (kept as a digest)"),
                                ("lastUsed", PersonalRecord.text($0.lastUsedAt))])
            }
            let failures = try await SignInFailure.query(on: db).filter(\.$email == subject.email).sort(\.$at).all().map {
                PersonalRecord([("what", "failed sign-in"), ("at", PersonalRecord.text($0.at)), ("fromAddress", $0.address)])
            }
            let links = try await AccountLinks.of(subject.id, on: db)
            return [
                PersonalSection(key: "account", title: "Your account", why: "To sign you in and know what you may do.", records: [account]),
                PersonalSection(key: "signingIn", title: "Signing in",
                                why: "Live browser sessions and API tokens, the browsers and addresses you usually sign in from (so a stranger's failed guesses do not lock you out), and failed sign-ins for an hour.",
                                records: sessions + tokens + contexts + failures),
                PersonalSection(key: "accountLinks", title: "Links sent to you",
                                why: "Password reset links and new-address confirmations while they work (only a digest of each link is kept).",
                                records: links),
            ]
        },
        erase: { subject, now, db in
            try await SignInRecords.endAndForget(subject, on: db)
            guard let user = try await User.find(subject.id, on: db) else { return }
            user.name = Erasure.erasedName
            user.email = Erasure.placeholderEmail(for: subject.id)
            // Not a hash of anything: no password can match it, and the sign-in checks the
            // status before the password anyway.
            user.passwordHash = "erased"
            user.roles = []
            user.centreID = nil
            user.status = .erased
            user.disabledReason = nil
            user.emailOptOuts = nil
            user.lastSignedInAt = nil
            user.erasedAt = now
            try await user.save(on: db)
        })
}

/// What signs a person in, ended and forgotten.
enum SignInRecords {
    static func endAndForget(_ subject: DataSubject, on db: any Database) async throws {
        try await UserToken.query(on: db).filter(\.$user.$id == subject.id).delete()
        try await BrowserSessionStore.endAll(of: subject.id, on: db)
        try await SignInContext.query(on: db).filter(\.$user.$id == subject.id).delete()
        try await SignInFailure.query(on: db).filter(\.$email == subject.email).delete()
        let sql = db as! any SQLDatabase
        try await sql.raw("DELETE FROM password_resets WHERE user_id = \(bind: subject.id)").run()
        try await sql.raw("DELETE FROM email_changes WHERE user_id = \(bind: subject.id)").run()
    }
}

/// Password reset links and email confirmations of one person, as the download shows them.
enum AccountLinks {
    static func of(_ userID: UUID, on db: any Database) async throws -> [PersonalRecord] {
        struct Reset: Decodable { var createdAt: Date; var expiresAt: Date }
        struct Change: Decodable { var newEmail: String; var createdAt: Date; var expiresAt: Date }
        let sql = db as! any SQLDatabase
        let resets = try await sql.raw("SELECT created_at, expires_at FROM password_resets WHERE user_id = \(bind: userID) ORDER BY created_at")
            .all(decoding: Reset.self, keyDecodingStrategy: .convertFromSnakeCase)
        let changes = try await sql.raw("SELECT new_email, created_at, expires_at FROM email_changes WHERE user_id = \(bind: userID) ORDER BY created_at")
            .all(decoding: Change.self, keyDecodingStrategy: .convertFromSnakeCase)
        return resets.map { PersonalRecord([("what", "password reset link"), ("sent", PersonalRecord.text($0.createdAt)),
                                            ("expires", PersonalRecord.text($0.expiresAt))]) }
            + changes.map { PersonalRecord([("what", "new email address to confirm"), ("address", $0.newEmail),
                                            ("sent", PersonalRecord.text($0.createdAt)), ("expires", PersonalRecord.text($0.expiresAt))]) }
    }
}
