import FluentKit
import PrepRoomCore
import PrepRoomStore
import Foundation

/// Registering, signing in, approving, disabling and assigning roles: the rules in one
/// place for the pages, the API and the command line.
package struct Accounts {
    package let db: any Database
    package let hash: @Sendable (String) async throws -> String
    package var verify: @Sendable (String, String) async throws -> Bool
    /// Checked when the email has no account, so a wrong email takes as long as a wrong
    /// password and the answer's timing does not tell who has an account.
    package let dummyHash: String
    package var throttle = SignInThrottle()
    /// A browser or address unused for this long is no longer a usual context.
    package static let usualContextLifetime: TimeInterval = 90 * 86_400

    /// `hash` and `verify` are the password hasher's (Bcrypt, run off the event loop);
    /// `dummyHash` is a hash of nothing in particular, made once at start-up.
    package init(db: any Database, hash: @escaping @Sendable (String) async throws -> String,
                 verify: @escaping @Sendable (String, String) async throws -> Bool, dummyHash: String) {
        self.db = db; self.hash = hash; self.verify = verify; self.dummyHash = dummyHash
    }

    /// Creates an account: `pending` when a person registers, `approved` when staff or an
    /// operator create it. 422 for bad input, 409 when the email is already registered.
    package func create(_ form: RegistrationForm, status: AccountStatus, organisationID: UUID? = nil,
                centreID: UUID? = nil, schoolIDs: Set<UUID> = [], by actor: UUID?) async throws -> User {
        try await validate(form, organisationID: organisationID, centreID: centreID)
        if try await User.query(on: db).filter(\.$email == form.email).count() > 0 {
            throw ServiceError.conflict("email_taken", "An account with this email address already exists.", field: "email")
        }
        let user = User(email: form.email, name: form.name, passwordHash: try await hash(form.password),
                        roles: form.roles, status: status, organisationID: organisationID)
        user.centreID = centreID
        if status == .approved { user.approvedAt = Date() }
        try await db.writeTransaction { db in
            try await user.create(on: db)
            if !schoolIDs.isEmpty { try await SchoolStore.replace(schoolsOf: try user.requireID(), with: schoolIDs, now: Date(), on: db) }
            try await AuditEntry.record(status == .approved ? "account.created" : "account.registered",
                                        subject: "user:\(try user.requireID())", actor: actor ?? user.id,
                                        details: "roles \(user.roleList)", on: db)
        }
        return user
    }

    /// A person registers themselves. Whether or not the email already has an account the
    /// answer is the same, so the form cannot be used to find out who has one; the owner of
    /// an existing account is emailed instead. 422 for bad input either way.
    package func register(_ form: RegistrationForm, organisationID: UUID?, schoolID: UUID? = nil, signInURL: String) async throws {
        try await validate(form, organisationID: organisationID)
        if let schoolID {
            // The school named at registration belongs to the authority named with it.
            let school = try await School.find(schoolID, on: db)
            guard let school, school.organisationID == organisationID else {
                throw ServiceError.invalid([FieldError("schoolId", "Choose a school of the local authority or member body you chose, or none")])
            }
        }
        if let existing = try await User.query(on: db).filter(\.$email == form.email).first() {
            _ = try await hash(form.password)
            try await OutboxMessage.queue(AccountNotices.registrationForExistingAccount(to: existing.email, name: existing.name,
                                                                                         signInURL: signInURL), on: db)
            return
        }
        do {
            let schools: Set<UUID> = RoleRules.namesSchools(form.roles) ? Set([schoolID].compactMap { $0 }) : []
            let user = try await create(form, status: .pending, organisationID: organisationID, schoolIDs: schools, by: nil)
            try await OutboxMessage.queue(AccountNotices.registrationReceived(to: user.email, name: user.name), on: db)
        } catch let error as ServiceError where error.code == "email_taken" {
            // Registered at the same moment by another request: the same answer as above.
        }
    }

    private func validate(_ form: RegistrationForm, organisationID: UUID?, centreID: UUID? = nil) async throws {
        var errors = form.validate()
        if let organisationID, try await Organisation.find(organisationID, on: db) == nil {
            errors.append(FieldError("organisationId", "Choose an organisation from the list"))
        }
        // Checked here rather than left to the foreign key, which would fail as a 500.
        if let centreID, try await Centre.find(centreID, on: db) == nil {
            errors.append(FieldError("centreId", "Choose a centre from the list"))
        }
        if !errors.isEmpty { throw ServiceError.invalid(errors) }
    }

    /// Where an attempt to sign in comes from.
    package struct Attempt {
        package var email: String
        package var password: String
        package var address: String
        /// The browser's device cookie, if it has one.
        package var deviceToken: String?

        package init(email: String, password: String, address: String, deviceToken: String? = nil) {
            self.email = email; self.password = password; self.address = address; self.deviceToken = deviceToken
        }
    }

    /// The approved account for these credentials, and the device cookie the browser
    /// should keep. Every wrong answer gets the same 401 in the same time, so it does not
    /// tell which part was wrong; `SignInThrottle` slows guessing with 429s.
    package func signIn(_ attempt: Attempt, now: Date = Date()) async throws -> (user: User, deviceToken: String) {
        let email = RegistrationForm.normalise(attempt.email)
        let deviceDigest = attempt.deviceToken.map(Tokens.digest)
        let addressDigest = Tokens.digest("address:" + attempt.address)
        // An erased account has a placeholder address and no password: it is no account.
        let user = try await User.query(on: db).filter(\.$email == email).first().flatMap { $0.status == .erased ? nil : $0 }
        var context = SignInThrottle.Context(address: attempt.address)
        if let id = user?.id {
            let usual = try await SignInContext.query(on: db).filter(\.$user.$id == id)
                .filter(\.$lastUsedAt > now.addingTimeInterval(-Self.usualContextLifetime)).all()
            if let deviceDigest, usual.contains(where: { $0.kind == .device && $0.digest == deviceDigest }) {
                context.trustedDevice = deviceDigest
            }
            context.knownAddress = usual.contains { $0.kind == .address && $0.digest == addressDigest }
        }
        let since = throttle.windowStart(now: now)
        let byAccount = try await SignInFailure.query(on: db).filter(\.$email == email).filter(\.$at > since).all()
            .map { SignInThrottle.Failure(at: $0.at, address: $0.address, device: $0.device) }
        let byAddress = try await SignInFailure.query(on: db).filter(\.$address == attempt.address).filter(\.$at > since).all().map(\.at)
        if let retry = throttle.retryAfter(account: byAccount, address: byAddress, context: context, now: now) {
            throw ServiceError.tooManyRequests("Too many failed attempts. Try again after \(ServiceTime.clock(retry)).", until: retry, now: now)
        }
        let passwordIsRight = try await verify(attempt.password, user?.passwordHash ?? dummyHash)
        guard passwordIsRight, let user, let userID = user.id else {
            try await SignInFailure(email: email, address: attempt.address, at: now, device: deviceDigest).create(on: db)
            throw ServiceError(.unauthorized, "wrong_credentials", "The email address or password is not right.")
        }
        switch user.status {
        case .approved: break
        case .pending: throw ServiceError.forbidden("Your registration is waiting for approval by the service. You can sign in once it is approved.")
        case .rejected: throw ServiceError.forbidden("Your registration was not approved. Contact the service if you think this is a mistake.")
        case .disabled: throw ServiceError.forbidden("This account has been disabled. Contact the service if you think this is a mistake.")
        case .erased: throw ServiceError(.unauthorized, "wrong_credentials", "The email address or password is not right.")
        }
        // This browser and address become (or stay) the account's usual context, and the
        // failures from this context are forgiven; those from elsewhere keep counting.
        let deviceToken = attempt.deviceToken.flatMap { $0.count >= 32 && $0.count <= 64 ? $0 : nil } ?? Tokens.random()
        try await remember(.device, Tokens.digest(deviceToken), for: userID, now: now)
        try await remember(.address, addressDigest, for: userID, now: now)
        let forgiven = SignInFailure.query(on: db).filter(\.$email == email)
        if let deviceDigest { forgiven.group(.or) { $0.filter(\.$device == deviceDigest).filter(\.$address == attempt.address) } }
        else { forgiven.filter(\.$address == attempt.address) }
        try await forgiven.delete()
        try await UserStore.signedIn(userID, at: now, on: db)
        return (user, deviceToken)
    }

    private func remember(_ kind: SignInContext.Kind, _ digest: String, for userID: UUID, now: Date) async throws {
        if let known = try await SignInContext.query(on: db).filter(\.$user.$id == userID).filter(\.$kind == kind)
            .filter(\.$digest == digest).first() {
            known.lastUsedAt = now
            try await known.save(on: db)
        } else {
            try await SignInContext(userID: userID, kind: kind, digest: digest, at: now).create(on: db)
        }
    }

    /// Approves (or rejects, with a reason the people are told when there is one) pending
    /// registrations, and emails each person the decision; returns how many changed.
    package func decide(_ ids: [UUID], approve: Bool, reason: String? = nil, links: Links, by actor: User) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        let reason = reason.map(\.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        if let reason, let problem = TextLimit.problem(reason, field: "reason", max: TextLimit.reason, label: "The reason") {
            throw ServiceError.invalid([problem])
        }
        let signIn = links.absolute(.signIn())
        return try await db.writeTransaction { db in
            let users = try await User.query(on: db).filter(\.$id ~~ ids).filter(\.$status == .pending).all()
            for user in users {
                user.status = approve ? .approved : .rejected
                if approve { user.approvedAt = Date() }
                try await user.save(on: db)
                try await AuditEntry.record(approve ? "account.approved" : "account.rejected",
                                            subject: "user:\(try user.requireID())", actor: actor.id,
                                            details: approve ? "" : reason ?? "", on: db)
                try await OutboxMessage.queue(approve
                    ? AccountNotices.registrationApproved(to: user.email, name: user.name, signInURL: signIn)
                    : AccountNotices.registrationRejected(to: user.email, name: user.name, reason: reason), on: db)
            }
            return users.count
        }
    }

    /// Switches an account off (a leaver, a compromised account): it cannot sign in, and
    /// its sessions and tokens end now. A reason is required and kept.
    package func disable(_ user: User, reason: String, by actor: User) async throws {
        let reason = reason.trimmed
        var errors: [FieldError] = []
        if reason.isEmpty { errors.append(FieldError("reason", "Say why the account is being disabled")) }
        if let problem = TextLimit.problem(reason, field: "reason", max: TextLimit.reason, label: "The reason") { errors.append(problem) }
        if !errors.isEmpty { throw ServiceError.invalid(errors) }
        guard user.id != actor.id else { throw ServiceError.conflict("own_account", "You cannot disable your own account.") }
        guard user.status == .approved else {
            throw ServiceError.conflict("not_approved", "Only an approved account can be disabled; this one is \(user.status.rawValue).")
        }
        let userID = try user.requireID()
        try await db.writeTransaction { db in
            user.status = .disabled
            user.disabledReason = reason
            try await user.save(on: db)
            try await Self.endEverywhere(userID, on: db)
            try await AuditEntry.record("account.disabled", subject: "user:\(userID)", actor: actor.id, details: reason, on: db)
        }
    }

    /// Lets a disabled account sign in again.
    package func enable(_ user: User, by actor: User) async throws {
        guard user.status == .disabled else {
            throw ServiceError.conflict("not_disabled", "This account is \(user.status.rawValue), not disabled.")
        }
        let userID = try user.requireID()
        try await db.writeTransaction { db in
            user.status = .approved
            user.disabledReason = nil
            try await user.save(on: db)
            try await AuditEntry.record("account.enabled", subject: "user:\(userID)", actor: actor.id, on: db)
        }
    }

    /// A new password, given the current one. Every token and every other session ends.
    package func changePassword(of user: User, current: String, new: String, keepingSession session: UUID?) async throws {
        var errors: [FieldError] = []
        if !(try await verify(current, user.passwordHash)) {
            errors.append(FieldError("currentPassword", "Your current password is not right"))
        }
        if let problem = PasswordRule.check(new, email: user.email) { errors.append(FieldError("newPassword", problem.message)) }
        if !errors.isEmpty { throw ServiceError.invalid(errors) }
        let hashed = try await hash(new)
        let userID = try user.requireID()
        try await db.writeTransaction { db in
            user.passwordHash = hashed
            try await user.save(on: db)
            try await UserToken.query(on: db).filter(\.$user.$id == userID).delete()
            try await BrowserSessionStore.endAll(of: userID, keeping: session, on: db)
            try await OutboxMessage.queue(AccountNotices.passwordChanged(to: user.email, name: user.name), on: db)
            try await AuditEntry.record("account.password_changed", subject: "user:\(userID)", actor: userID, on: db)
        }
    }

    /// Signs a person out everywhere: every session and every token ends.
    package static func endEverywhere(_ userID: UUID, on db: any Database) async throws {
        try await UserToken.query(on: db).filter(\.$user.$id == userID).delete()
        try await BrowserSessionStore.endAll(of: userID, on: db)
    }

    /// Assigns roles. A centre coordinator must belong to a centre; an LA manager to a
    /// local authority.
    package func assign(_ roles: [Role], centreID: UUID?, organisationID: UUID?, to user: User, by actor: User) async throws {
        guard user.status != .erased else { throw ServiceError.conflict("erased", "This account has been erased: it can hold no roles.") }
        var errors: [FieldError] = []
        let centre = try await centreID.asyncMap { try await Centre.find($0, on: db) } ?? nil
        let organisation = try await organisationID.asyncMap { try await Organisation.find($0, on: db) } ?? nil
        if centreID != nil && centre == nil { errors.append(FieldError("centreId", "Choose a centre from the list")) }
        if organisationID != nil && organisation == nil { errors.append(FieldError("organisationId", "Choose an organisation from the list")) }
        errors += RoleRules.scopeErrors(roles: roles, hasCentre: centre != nil, organisationKind: organisation?.kind)
        if !errors.isEmpty { throw ServiceError.invalid(errors) }
        if user.roles.contains(.admin), !roles.contains(.admin), user.status == .approved {
            let userID = try user.requireID()
            let others = try await UserStore.approvedAdmins(on: db).filter { $0.id != userID }.count
            if let refusal = RoleRules.refusal(removingAdminWhenOthersAre: others) {
                throw ServiceError.conflict("last_admin", refusal, field: "roles")
            }
        }
        user.roles = roles
        user.centreID = centre?.id
        user.$organisation.id = organisation?.id ?? user.$organisation.id
        try await db.writeTransaction { db in
            try await user.save(on: db)
            try await AuditEntry.record("account.roles_changed", subject: "user:\(try user.requireID())", actor: actor.id,
                                        details: "roles \(user.roleList)" + (centre.map { ", centre \($0.name)" } ?? ""), on: db)
        }
    }
}
