import Fluent
import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// A person's own sign-in security: their password, where they are signed in, their API
/// tokens, and signing out everywhere.
struct AccountSecurityPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let me = routes.grouped("me")
        me.get("security", use: page)
        me.post("password", use: changePassword)
        me.post("sessions", ":sessionID", "end", use: endSession)
        me.post("tokens", ":tokenID", "revoke", use: revokeToken)
        me.post("sign-out-everywhere", use: signOutEverywhere)
    }

    private func render(_ req: Request, errors: [FieldError] = [], status: HTTPResponseStatus = .ok) async throws -> Response {
        let user = try req.requireUser()
        let userID = try user.requireID()
        let sessions = try await BrowserSessionStore.sessions(of: userID, policy: req.application.security.sessionPolicy, now: Date(), on: req.db)
        let tokens = try await Tokens.live(of: user, on: req.db)
        return AccountSecurityPage(sessions: sessions, currentSession: req.browserSession.storedID, tokens: tokens,
                                   policy: req.application.security.sessionPolicy, errors: errors)
            .response(for: req, status: status)
    }

    func page(req: Request) async throws -> Response { try await render(req) }

    func changePassword(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = FormData(req)
        do {
            try await Accounts(req).changePassword(of: user, current: form.exact("currentPassword"), new: form.exact("newPassword"),
                                                   keepingSession: req.browserSession.storedID)
        } catch let error as ServiceError where error.status == .unprocessableEntity {
            return try await render(req, errors: error.formErrors(defaultField: "newPassword"), status: .unprocessableEntity)
        }
        req.flash("Your password is changed. You are signed out everywhere else, and your API tokens are revoked.")
        return req.redirect(to: SiteURL.me(.security).path)
    }

    func endSession(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let id = req.parameters.get("sessionID", as: UUID.self),
              try await BrowserSessionStore.holds(id, of: user.requireID(), on: req.db)
        else { throw ServiceError.notFound("session") }
        if id == req.browserSession.storedID {
            req.browserSession.end()
            return req.redirect(to: SiteURL.home.path)
        }
        _ = try await BrowserSessionStore.end(id, of: user.requireID(), on: req.db)
        req.flash("That browser is signed out.")
        return req.redirect(to: SiteURL.me(.security).path)
    }

    func revokeToken(req: Request) async throws -> Response {
        try await Tokens.revoke(req.parameters.get("tokenID", as: UUID.self), of: try req.requireUser(), on: req.db)
        req.flash("The token is revoked: programs using it can no longer sign in with it.")
        return req.redirect(to: SiteURL.me(.security).path)
    }

    func signOutEverywhere(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await Accounts.endEverywhere(user.requireID(), on: req.db)
        req.browserSession.end()
        return req.redirect(to: SiteURL.signIn().path)
    }
}

struct AccountSecurityPage: PageView {
    let sessions: [BrowserSessionRecord]
    let currentSession: UUID?
    let tokens: [UserToken]
    let policy: SessionPolicy
    var errors: [FieldError] = []
    var title: String { (errors.isEmpty ? "" : "Error: ") + "Sign-in and security" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-lg-8"),
            FormParts.errorSummary(errors),
            .h1(.text("Sign-in and security")),
            .h2(.class("h4 mt-4"), .text("Change your password")),
            H.form(action: SiteURL.me(.password).path, csrf: chrome.csrf, id: "password-form", [
                FormParts.text("currentPassword", label: "Current password", value: "", type: "password", errors: errors,
                               extra: [H.attr("autocomplete", "current-password")]),
                FormParts.text("newPassword", label: "New password", value: "",
                               hint: "At least \(PasswordRule.minimumLength) characters, and not a common password. A few unrelated words work well.",
                               type: "password", errors: errors, extra: [H.attr("autocomplete", "new-password")]),
                H.button("Change password"),
            ]),
            .p(.class("form-text"), .text("Changing your password signs you out everywhere else and revokes your API tokens.")),
            .h2(.class("h4 mt-4"), .text("Where you are signed in")),
            .p(.text("You are signed out after \(Self.hours(policy.idle)) without using the service, and \(Self.hours(policy.absolute)) after signing in.")),
            .ul(.class("list-group mb-3"), .id("sessions"), .forEach(sessions) { session in
                let id = session.linkID
                let isCurrent = session.id == currentSession
                return .li(.class("list-group-item d-flex flex-wrap justify-content-between align-items-center gap-2"),
                    .div(.strong(.text(isCurrent ? "This browser" : Self.browserName(session.userAgent))),
                         .div(.class("small text-body-secondary"),
                              .text("Signed in \(ServiceTime.shortDay(session.createdAt)) at \(ServiceTime.clock(session.createdAt)) · last seen \(ServiceTime.clock(session.lastSeenAt))"))),
                    H.form(action: SiteURL.me(.endSession(id)).path, csrf: chrome.csrf, [H.button("Sign out", style: "btn-outline-secondary btn-sm")]))
            }),
            .h2(.class("h4 mt-4"), .text("API tokens")),
            tokens.isEmpty
                ? .p(.text("You have no API tokens. Programs get one with POST /api/v1/tokens."))
                : .ul(.class("list-group mb-3"), .id("tokens"), .forEach(tokens) { token in
                    .li(.class("list-group-item d-flex flex-wrap justify-content-between align-items-center gap-2"),
                        .div(.strong(.text(token.label ?? "API token")),
                             .div(.class("small text-body-secondary"),
                                  .text("Created \(token.createdAt.map(ServiceTime.shortDay) ?? "") · expires \(ServiceTime.shortDay(token.expiresAt))"))),
                        H.form(action: SiteURL.me(.revokeToken(token.linkID)).path, csrf: chrome.csrf,
                               [H.button("Revoke", style: "btn-outline-danger btn-sm")]))
                }),
            .h2(.class("h4 mt-4"), .text("Sign out everywhere")),
            .p(.text("Ends every session, this one included, and revokes every API token. Use it if you think someone else has your password.")),
            H.form(action: SiteURL.me(.signOutEverywhere).path, csrf: chrome.csrf, [H.button("Sign out everywhere", style: "btn-danger")])
        ))
    }

    static func hours(_ seconds: TimeInterval) -> String {
        let hours = Int(seconds / 3600)
        return hours >= 1 ? "\(hours) hour\(hours == 1 ? "" : "s")" : "\(Int(seconds / 60)) minutes"
    }

    /// "Firefox on Linux" from a user agent, roughly: enough to tell sessions apart.
    static func browserName(_ agent: String?) -> String {
        guard let agent else { return "A browser" }
        // In this order: Edge's agent also says Chrome, Chrome's also says Safari.
        let browser = [("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari")]
            .first { agent.contains($0.0) }?.1 ?? "A browser"
        let system = [("Windows", "Windows"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("Mac OS", "macOS"),
                      ("CrOS", "ChromeOS"), ("Linux", "Linux")]
            .first { agent.contains($0.0) }?.1
        return system.map { "\(browser) on \($0)" } ?? browser
    }
}
