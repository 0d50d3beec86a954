import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

extension Privacy {
    init(_ req: Request) { self.init(db: req.db, links: Links(req)) }
}

/// "Your data": a person downloads everything held about them, or erases their account;
/// admins do either for someone else (a subject-access request by letter, a leaver) and
/// review the accounts nobody has used for a long time.
struct PrivacyPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let me = routes.grouped("me", "privacy")
        me.get(use: page)
        me.get("download", use: download)
        me.post("erase", use: eraseOwn)
        let staff = routes.grouped("staff", "accounts")
        staff.get("inactive", use: inactive)
        staff.get(":userID", "download", use: downloadFor)
        staff.post(":userID", "erase", use: eraseFor)
    }

    private func render(_ req: Request, errors: [FieldError] = []) throws -> Response {
        YourDataPage(errors: errors).response(for: req, status: errors.isEmpty ? .ok : .unprocessableEntity, needsCSRF: true)
    }

    func page(req: Request) async throws -> Response {
        _ = try req.requireUser()
        return try render(req)
    }

    func download(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let export = try await Privacy(req).export(user)
        try await AuditEntry.record("account.data_downloaded", subject: "user:\(try user.requireID())", actor: user.id, on: req.db)
        return try PersonalDataDownload(export: export, contact: req.application.contact).response()
    }

    /// The person's own erasure asks for their password (whoever borrows a signed-in
    /// browser cannot erase its owner) and a tick that they understand.
    func eraseOwn(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = FormData(req)
        var errors: [FieldError] = []
        if form.exact("password").isEmpty { errors.append(FieldError("password", "Enter your password")) }
        else if !(try await Accounts(req).verify(form.exact("password"), user.passwordHash)) {
            errors.append(FieldError("password", "Your password is not right"))
        }
        if !form.flag("understood") { errors.append(FieldError("understood", "Tick the box to say you understand that erasing cannot be undone")) }
        if !errors.isEmpty { return try render(req, errors: errors) }
        do {
            _ = try await Privacy(req).erase(user, by: user)
        } catch let error as ServiceError where error.status == .conflict {
            return try render(req, errors: [FieldError("understood", error.message)])
        }
        req.auth.logout(User.self)
        req.browserSession.end()
        return AccountErasedPage().response(for: req)
    }

    func downloadFor(req: Request) async throws -> Response {
        let admin = try req.require(\.canManageAccounts, "Only admins can download someone else's data.")
        let user = try await AccountsAPI.user(req)
        let export = try await Privacy(req).export(user)
        try await AuditEntry.record("account.data_downloaded", subject: "user:\(try user.requireID())", actor: admin.id,
                                    details: "by an admin", on: req.db)
        return try PersonalDataDownload(export: export, contact: req.application.contact).response()
    }

    /// An admin erases an account: the reason first, then a page that says what will
    /// happen, then the erasure.
    func eraseFor(req: Request) async throws -> Response {
        let admin = try req.require(\.canManageAccounts, "Only admins can erase someone else's account.")
        let user = try await AccountsAPI.user(req)
        let id = try user.requireID()
        let reason = FormData(req)["reason"] ?? ""
        if !req.isConfirmed, user.status != .erased {
            return ConfirmationPage(title: "Erase \(user.name)'s account?",
                                    consequences: [
                                        "Their name and email address go from every record. Their bookings stay, without a name, so past reports do not change; their places on runs that have not started go to the waiting lists.",
                                        "Their certificates still verify by number, showing \u{201C}\(Erasure.withheldHolder)\u{201D}. Their CPD record, equality answers, emails and what they wrote in questionnaires are deleted, and they are signed out everywhere.",
                                        "This cannot be undone. Download their data first if it is needed.",
                                    ],
                                    action: SiteURL.staff(.eraseAccount(id)).path, fields: [("reason", reason)],
                                    button: "Erase the account", back: SiteURL.staff(.account(id)).path)
                .response(for: req, needsCSRF: true)
        }
        return try await req.attempt(back: SiteURL.staff(.account(id)).path) {
            let erased = try await Privacy(req).eraseAnother(user, by: admin, reason: reason)
            return "The account is erased." + (erased.placesGivenUp == 0 ? "" : " \(erased.placesGivenUp) upcoming place\(erased.placesGivenUp == 1 ? " was" : "s were") given up.")
        }
    }

    func inactive(req: Request) async throws -> Response {
        try req.require(\.canManageAccounts, "Only admins can review accounts.")
        let rule = req.application.configuration?.inactivity ?? .standard
        let page = try req.pageNumber(perPage: 50)
        let found = try await Privacy(req).inactive(rule, page)
        return InactiveAccountsPage(accounts: found.items, total: found.total, rule: rule, page: page).response(for: req)
    }
}
