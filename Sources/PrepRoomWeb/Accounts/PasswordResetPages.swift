import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// "Forgot your password?": asking for a link by email, and the link's page that sets a
/// new password. Nobody is signed in on these pages; the link is the proof.
struct PasswordResetPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("forgot-password", use: requestForm)
        routes.post("forgot-password", use: request)
        routes.get("reset-password", ":token", use: resetForm)
        routes.post("reset-password", ":token", use: reset)
    }

    private func token(_ req: Request) -> String { req.parameters.get("token") ?? "" }

    func requestForm(req: Request) async throws -> Response {
        ForgotPasswordPage().response(for: req, needsCSRF: true)
    }

    /// The same answer for every address (with an account or not), so the form cannot be
    /// used to find out who has an account.
    func request(req: Request) async throws -> Response {
        let email = FormData(req)["email"] ?? ""
        guard RegistrationForm.looksLikeEmail(RegistrationForm.normalise(email)) else {
            return ForgotPasswordPage(email: email, errors: [FieldError("email", "Enter your email address, like name@school.sch.uk")])
                .response(for: req, status: .unprocessableEntity, needsCSRF: true)
        }
        do {
            try await req.enforce(.passwordReset)
        } catch let error as ServiceError where error.status == .tooManyRequests {
            let response = ForgotPasswordPage(email: email, errors: [FieldError("email", error.message)])
                .response(for: req, status: .tooManyRequests, needsCSRF: true)
            if let seconds = error.retryAfter { response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds)) }
            return response
        }
        try await Accounts(req).requestPasswordReset(email: email, links: Links(req))
        return ResetLinkSentPage(email: RegistrationForm.normalise(email)).response(for: req)
    }

    func resetForm(req: Request) async throws -> Response {
        guard let user = try await Accounts(req).passwordResetHolder(token: token(req)) else { return deadLink(req) }
        return ResetPasswordPage(token: token(req), email: user.email).response(for: req, needsCSRF: true)
    }

    func reset(req: Request) async throws -> Response {
        let token = token(req)
        do {
            _ = try await Accounts(req).resetPassword(token: token, newPassword: FormData(req).exact("newPassword"))
        } catch let error as ServiceError where error.status == .unprocessableEntity {
            let email = try await Accounts(req).passwordResetHolder(token: token)?.email ?? ""
            return ResetPasswordPage(token: token, email: email, errors: error.formErrors(defaultField: "newPassword"))
                .response(for: req, status: .unprocessableEntity, needsCSRF: true)
        } catch let error as ServiceError where error.code == Accounts.deadResetLink.code {
            return deadLink(req)
        }
        req.flash("Your new password is set, and you are signed out everywhere. Sign in with the new password.")
        return req.redirect(to: SiteURL.signIn().path)
    }

    private func deadLink(_ req: Request) -> Response {
        ForgotPasswordPage(errors: [FieldError("email", Accounts.deadResetLink.message)])
            .response(for: req, status: .notFound, needsCSRF: true)
    }
}

struct ForgotPasswordPage: PageView {
    var email = ""
    var errors: [FieldError] = []
    var title: String { (errors.isEmpty ? "" : "Error: ") + "Reset your password" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-md-6"),
            FormParts.errorSummary(errors),
            .h1(.text("Reset your password")),
            .p(.text("Enter the email address you sign in with. If it has an approved account, we email it a link to choose a new password; the link works once, for \(PasswordResetRules.lifetimeText).")),
            H.form(action: SiteURL.forgotPassword.path, csrf: chrome.csrf, id: "forgot-password", [
                FormParts.text("email", label: "Email address", value: email, type: "email", errors: errors,
                               extra: [H.attr("autocomplete", "username"), H.attr("spellcheck", "false")]),
                H.button("Email me a link"),
            ]),
            .p(.class("mt-3"), .a(.attr("href", SiteURL.signIn().path), .text("Back to sign in")))
        ))
    }
}

struct ResetLinkSentPage: PageView {
    let email: String
    var title: String { "Check your email" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-md-7"),
            .h1(.text("Check your email")),
            .p(.class("lead"), .text("If \(email) has an approved PrepRoom account, a link to choose a new password is on its way. It works once, for \(PasswordResetRules.lifetimeText).")),
            .p(.text("Nothing there after a few minutes? Check your junk folder and that the address is the one you registered with, then "),
               .a(.attr("href", SiteURL.forgotPassword.path), .text("ask again")), .text(".")),
            .p(.a(.attr("href", SiteURL.signIn().path), .text("Back to sign in")))
        ))
    }
}

struct ResetPasswordPage: PageView {
    let token: String
    let email: String
    var errors: [FieldError] = []
    var title: String { (errors.isEmpty ? "" : "Error: ") + "Choose a new password" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-md-6"),
            FormParts.errorSummary(errors),
            .h1(.text("Choose a new password")),
            .p(.text("For the account \(email). Once it is set you are signed out everywhere, and you sign in with the new password.")),
            H.form(action: SiteURL.resetPassword(token: token).path, csrf: chrome.csrf, id: "reset-password", [
                // The account's name for the browser's password manager.
                H.input([H.attr("type", "hidden"), H.attr("name", "username"), H.attr("value", email), H.attr("autocomplete", "username")]),
                FormParts.text("newPassword", label: "New password", value: "",
                               hint: "At least \(PasswordRule.minimumLength) characters, and not a common password. A few unrelated words work well.",
                               type: "password", errors: errors, extra: [H.attr("autocomplete", "new-password")]),
                H.button("Set new password"),
            ])
        ))
    }
}
