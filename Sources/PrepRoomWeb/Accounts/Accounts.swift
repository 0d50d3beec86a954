import Fluent
import PrepRoomCore
import PrepRoomStore
import Vapor

/// Registering, signing in, approving and assigning roles: the rules in one place for
/// the pages, the API and the command line.
struct Accounts {
    let db: any Database
    let hash: @Sendable (String) async throws -> String
    let verify: @Sendable (String, String) async throws -> Bool
    /// Guessing one person's password is slowed hard; one address trying many emails, less
    /// so (a school may share one address).
    var emailThrottle = SignInThrottle(limit: 5)
    var addressThrottle = SignInThrottle(limit: 30)

    init(_ req: Request) {
        db = req.db
        let hasher = req.password.async
        hash = { try await hasher.hash($0) }
        verify = { try await hasher.verify($0, created: $1) }
    }

    init(_ app: Application) {
        db = app.db
        let hasher = app.password.async(on: app.threadPool, hopTo: app.eventLoopGroup.next())
        hash = { try await hasher.hash($0) }
        verify = { try await hasher.verify($0, created: $1) }
    }

    /// Creates an account: `pending` when a person registers, `approved` when staff or an
    /// operator create it. 422 for bad input, 409 when the email is already registered.
    func create(_ form: RegistrationForm, status: AccountStatus, organisationID: UUID? = nil,
                centreID: UUID? = nil, by actor: UUID?) async throws -> User {
        var errors = form.validate()
        if let organisationID, try await Organisation.find(organisationID, on: db) == nil {
            errors.append(FieldError("organisationId", "Choose an organisation from the list"))
        }
        if !errors.isEmpty { throw ServiceError.invalid(errors) }
        if try await User.query(on: db).filter(\.$email == form.email).count() > 0 {
            throw ServiceError.conflict("email_taken", "An account with this email address already exists.", field: "email")
        }
        let user = User(email: form.email, name: form.name, passwordHash: try await hash(form.password),
                        roles: form.roles, status: status, organisationID: organisationID)
        user.$centre.id = centreID
        if status == .approved { user.approvedAt = Date() }
        try await db.writeTransaction { db in
            try await user.create(on: db)
            try await AuditEntry.record(status == .approved ? "account.created" : "account.registered",
                                        subject: "user:\(try user.requireID())", actor: actor ?? user.id,
                                        details: "roles \(user.roleList)", on: db)
        }
        return user
    }

    /// The approved account for these credentials. Every wrong answer gets the same 401 so
    /// it does not tell which part was wrong; repeated failures are throttled (429).
    func signIn(email: String, password: String, address: String, now: Date = Date()) async throws -> User {
        let email = RegistrationForm.normalise(email)
        let since = emailThrottle.windowStart(now: now)
        let byEmail = try await SignInFailure.query(on: db).filter(\.$email == email).filter(\.$at > since).all().map(\.at)
        let byAddress = try await SignInFailure.query(on: db).filter(\.$address == address).filter(\.$at > since).all().map(\.at)
        if let retry = emailThrottle.retryAfter(failures: byEmail, now: now)
            ?? addressThrottle.retryAfter(failures: byAddress, now: now) {
            throw ServiceError(.tooManyRequests, "too_many_attempts",
                               "Too many failed attempts. Try again after \(ServiceTime.clock(retry)).")
        }
        guard let user = try await User.query(on: db).filter(\.$email == email).first(),
              try await verify(password, user.passwordHash) else {
            try await SignInFailure(email: email, address: address, at: now).create(on: db)
            throw ServiceError(.unauthorized, "wrong_credentials", "The email address or password is not right.")
        }
        switch user.status {
        case .approved: break
        case .pending: throw ServiceError.forbidden("Your registration is waiting for approval by the service. You can sign in once it is approved.")
        case .rejected: throw ServiceError.forbidden("Your registration was not approved. Contact the service if you think this is a mistake.")
        }
        try await SignInFailure.query(on: db).filter(\.$email == email).delete()
        return user
    }

    /// Approves (or rejects) pending registrations; returns how many changed.
    func decide(_ ids: [UUID], approve: Bool, by actor: User) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await db.writeTransaction { db in
            let users = try await User.query(on: db).filter(\.$id ~~ ids).filter(\.$status == .pending).all()
            for user in users {
                user.status = approve ? .approved : .rejected
                if approve { user.approvedAt = Date() }
                try await user.save(on: db)
                try await AuditEntry.record(approve ? "account.approved" : "account.rejected",
                                            subject: "user:\(try user.requireID())", actor: actor.id, on: db)
            }
            return users.count
        }
    }

    /// Assigns roles. A centre coordinator must belong to a centre; an LA manager to a
    /// local authority.
    func assign(_ roles: [Role], centreID: UUID?, organisationID: UUID?, to user: User, by actor: User) async throws {
        var errors: [FieldError] = []
        let centre = try await centreID.asyncMap { try await Centre.find($0, on: db) } ?? nil
        let organisation = try await organisationID.asyncMap { try await Organisation.find($0, on: db) } ?? nil
        if centreID != nil && centre == nil { errors.append(FieldError("centreId", "Choose a centre from the list")) }
        if organisationID != nil && organisation == nil { errors.append(FieldError("organisationId", "Choose an organisation from the list")) }
        errors += RoleRules.scopeErrors(roles: roles, hasCentre: centre != nil, organisationKind: organisation?.kind)
        if !errors.isEmpty { throw ServiceError.invalid(errors) }
        user.roles = roles
        user.$centre.id = centre?.id
        user.$organisation.id = organisation?.id ?? user.$organisation.id
        try await db.writeTransaction { db in
            try await user.save(on: db)
            try await AuditEntry.record("account.roles_changed", subject: "user:\(try user.requireID())", actor: actor.id,
                                        details: "roles \(user.roleList)" + (centre.map { ", centre \($0.name)" } ?? ""), on: db)
        }
    }
}
