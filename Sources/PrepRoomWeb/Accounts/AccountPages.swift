import Fluent
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// Sign in and out, registration, and the staff pages for accounts.
struct AccountPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("sign-in", use: signInForm)
        routes.post("sign-in", use: signIn)
        routes.post("sign-out", use: signOut)
        routes.get("register", use: registerForm)
        routes.post("register", use: register)
        let staff = routes.grouped("staff", "accounts")
        staff.get(use: accounts)
        staff.post("decide", use: decide)
        staff.get(":userID", use: rolesForm)
        staff.post(":userID", use: saveRoles)
        staff.post(":userID", "disable", use: disable)
        staff.post(":userID", "enable", use: enable)
    }

    /// Only a path of this site, so a crafted link cannot send people elsewhere after sign-in:
    /// it starts with one "/" and holds only URL characters (no "//", "\\", scheme, spaces
    /// or control characters, which browsers strip or read as another host).
    static func safeNext(_ text: String?) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/?=&%+:@!$'()*,;#")
        guard let text, text.count <= 2000, text.hasPrefix("/"), !text.hasPrefix("//"), !text.hasPrefix("/\\"),
              text.allSatisfy(allowed.contains) else { return "/" }
        return text
    }

    static let deviceCookie = "preproom-device"

    func signInForm(req: Request) async throws -> Response {
        SignInPage(next: Self.safeNext(req.query["next"])).response(for: req, needsCSRF: true)
    }

    func signIn(req: Request) async throws -> Response {
        let form = FormData(req)
        let email = form["email"] ?? "", next = Self.safeNext(form["next"])
        var errors: [FieldError] = []
        if email.isEmpty { errors.append(FieldError("email", "Enter your email address")) }
        if form.exact("password").isEmpty { errors.append(FieldError("password", "Enter your password")) }
        if !errors.isEmpty {
            return SignInPage(email: email, next: next, errors: errors).response(for: req, status: .unprocessableEntity, needsCSRF: true)
        }
        do {
            try await req.enforce(.signIn)
            let (user, device) = try await Accounts(req).signIn(.init(email: email, password: form.exact("password"), address: req.clientAddress,
                                                                      deviceToken: req.cookies[Self.deviceCookie]?.string))
            req.browserSession.begin(for: try user.requireID())
            req.auth.login(user)
            // Who came to sign in (not sent from a page) starts at their own page: staff at
            // theirs, members at what is coming up for them.
            let home = user.permissions.isStaff ? SiteURL.staff(.home) : SiteURL.me(.home)
            let response = req.redirect(to: next == "/" ? home.path : next)
            response.cookies[Self.deviceCookie] = Self.deviceCookieValue(device, secure: req.application.security.secureCookies)
            return response
        } catch let error as ServiceError where [.unauthorized, .forbidden, .tooManyRequests].contains(error.status) {
            let response = SignInPage(email: email, next: next, errors: [FieldError("email", error.message)])
                .response(for: req, status: error.status, needsCSRF: true)
            if let seconds = error.retryAfter { response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds)) }
            return response
        }
    }

    /// The browser's device cookie: it makes this browser a usual context of the accounts
    /// signed in with it, so an attacker's failures elsewhere do not slow its owner.
    static func deviceCookieValue(_ token: String, secure: Bool) -> HTTPCookies.Value {
        HTTPCookies.Value(string: token, maxAge: Int(Accounts.usualContextLifetime), path: "/", isSecure: secure,
                          isHTTPOnly: true, sameSite: .strict)
    }

    func signOut(req: Request) async throws -> Response {
        req.auth.logout(User.self)
        req.browserSession.end()
        return req.redirect(to: SiteURL.home.path)
    }

    private func organisations(_ req: Request) async throws -> [Organisation] {
        try await OrganisationStore.all(on: req.db)
    }

    func registerForm(req: Request) async throws -> Response {
        RegisterPage(organisations: try await organisations(req), schools: try await SchoolStore.list(organisationID: nil, on: req.db))
            .response(for: req, needsCSRF: true)
    }

    func register(req: Request) async throws -> Response {
        let form = FormData(req)
        var page = RegisterPage(name: form["name"] ?? "", email: form["email"] ?? "", role: form["roles"] ?? "",
                                organisationID: form["organisationId"] ?? "", schoolID: form["schoolId"] ?? "",
                                organisations: try await organisations(req), schools: try await SchoolStore.list(organisationID: nil, on: req.db))
        let role = Role(rawValue: page.role).flatMap { Role.selfRegistrable.contains($0) ? $0 : nil }
        let registration = RegistrationForm(email: page.email, name: page.name, password: form.exact("password"), roles: role.map { [$0] } ?? [])
        var errors = registration.validate()
        let organisationID = UUID(uuidString: page.organisationID)
        if organisationID == nil { errors.append(FieldError("organisationId", "Choose your local authority or member body")) }
        let schoolID = UUID(uuidString: page.schoolID)
        if !page.schoolID.isEmpty, schoolID == nil { errors.append(FieldError("schoolId", "Choose a school from the list, or none")) }
        var status = HTTPResponseStatus.unprocessableEntity
        if errors.isEmpty {
            do {
                try await req.enforce(.registration)
                try await Accounts(req).register(registration, organisationID: organisationID, schoolID: schoolID,
                                                 signInURL: Links(req).absolute(.signIn()))
                return RegisteredPage().response(for: req)
            } catch let error as ServiceError where error.status == .unprocessableEntity || error.status == .tooManyRequests {
                errors = error.formErrors(defaultField: "email")
                status = error.status
            }
        }
        page.errors = errors
        return page.response(for: req, status: status, needsCSRF: true)
    }

    func accounts(req: Request) async throws -> Response {
        try req.require(\.canManageAccounts, "Only admins can manage accounts.")
        let search = try req.queryText("q") ?? ""
        let page = try req.pageNumber(perPage: 50)
        let waiting = try await AccountDirectoryQuery.waiting(limit: Self.waitingShown, on: req.db)
        let others = try await AccountDirectoryQuery.decided(matching: search, page, on: req.db)
        return AccountsPage(waiting: waiting.items, waitingTotal: waiting.total, others: others.items,
                            search: search, page: page, hasMore: others.hasMore).response(for: req)
    }

    /// The registrations one page offers for a decision; a backlog larger than this is
    /// worked through from the oldest.
    static let waitingShown = 100

    func decide(req: Request) async throws -> Response {
        let admin = try req.require(\.canManageAccounts, "Only admins can manage accounts.")
        let form = FormData(req)
        let pending = try await UserStore.pending(on: req.db)
        let chosen = try pending.filter { form.flag("user-\($0.id?.uuidString ?? "")") }.map { try $0.requireID() }
        guard !chosen.isEmpty else {
            req.flashRefusal("Choose at least one registration first.")
            return req.redirect(to: SiteURL.staff(.accounts()).path)
        }
        let approve = form["decision"] != "reject"
        return try await req.attempt(back: SiteURL.staff(.accounts()).path) {
            let count = try await Accounts(req).decide(chosen, approve: approve, reason: form["reason"], links: Links(req), by: admin)
            return "\(count) registration\(count == 1 ? "" : "s") \(approve ? "approved" : "rejected"); "
                + (count == 1 ? "the person has" : "each person has") + " been emailed."
        }
    }

    private func rolesPage(_ req: Request, user: User, roles: Set<Role>, centreID: String, organisationID: String,
                           errors: [FieldError]) async throws -> Response {
        let centres = try await CentreStore.list(on: req.db)
        return AccountRolesPage(user: user, roles: roles, centreID: centreID, organisationID: organisationID, centres: centres,
                                organisations: try await organisations(req), errors: errors)
            .response(for: req, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    func rolesForm(req: Request) async throws -> Response {
        try req.require(\.canManageAccounts, "Only admins can manage accounts.")
        let user = try await AccountsAPI.user(req)
        return try await rolesPage(req, user: user, roles: Set(user.roles), centreID: user.centreID?.uuidString ?? "",
                                   organisationID: user.$organisation.id?.uuidString ?? "", errors: [])
    }

    func saveRoles(req: Request) async throws -> Response {
        let admin = try req.require(\.canManageAccounts, "Only admins can manage accounts.")
        let user = try await AccountsAPI.user(req)
        let form = FormData(req)
        let roles = Role.allCases.filter { form.flag("role-\($0.rawValue)") }
        let centreID = form["centreId"] ?? "", organisationID = form["organisationId"] ?? ""
        do {
            try await Accounts(req).assign(roles, centreID: UUID(uuidString: centreID), organisationID: UUID(uuidString: organisationID),
                                           to: user, by: admin)
        } catch let error as ServiceError where error.status == .unprocessableEntity {
            return try await rolesPage(req, user: user, roles: Set(roles), centreID: centreID, organisationID: organisationID,
                                       errors: error.formErrors(defaultField: "roles"))
        }
        req.flash("Roles saved for \(user.name).")
        return req.redirect(to: SiteURL.staff(.accounts()).path)
    }

    func disable(req: Request) async throws -> Response {
        let admin = try req.require(\.canManageAccounts, "Only admins can manage accounts.")
        let user = try await AccountsAPI.user(req)
        let back = SiteURL.staff(.account(try user.requireID())).path
        return try await req.attempt(back: back) {
            try await Accounts(req).disable(user, reason: FormData(req)["reason"] ?? "", by: admin)
            return "\(user.name)'s account is disabled: they are signed out everywhere and cannot sign in."
        }
    }

    func enable(req: Request) async throws -> Response {
        let admin = try req.require(\.canManageAccounts, "Only admins can manage accounts.")
        let user = try await AccountsAPI.user(req)
        return try await req.attempt(back: SiteURL.staff(.account(try user.requireID())).path) {
            try await Accounts(req).enable(user, by: admin)
            return "\(user.name)'s account is enabled again."
        }
    }
}
