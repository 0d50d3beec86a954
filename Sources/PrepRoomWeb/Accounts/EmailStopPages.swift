import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// The link at the end of an optional email (an expiry reminder, a questionnaire
/// invitation, the admins' digest). Opening it only asks: mail scanners fetch links, and a
/// fetch must not change anything. The button posts to the same address, which is also
/// where a mail program's own "unsubscribe" posts (`List-Unsubscribe-Post: One-Click`,
/// RFC 8058). The signature in the address is the credential, so no sign-in and no CSRF
/// token are asked for (`CSRFProtection` lets these posts through).
struct EmailStopPages: RouteCollection {
    static let pathPrefix = "/emails/stop/"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("emails", "stop", ":userID", ":kind", ":signature", use: ask)
        routes.post("emails", "stop", ":userID", ":kind", ":signature", use: stop)
    }

    private func target(_ req: Request) async throws -> (User, OptionalEmail) {
        try await Accounts(req).stopLinkTarget(userID: req.parameters.get("userID") ?? "", kind: req.parameters.get("kind") ?? "",
                                               signature: req.parameters.get("signature") ?? "", links: Links(req))
    }

    func ask(req: Request) async throws -> Response {
        let (user, kind) = try await target(req)
        return ConfirmationPage(title: "Stop these emails to \(user.email)?",
                                consequences: ["\(kind.label). \(kind.hint)",
                                               "You can turn them on again at any time on Your account."],
                                action: req.url.path, button: "Stop these emails", buttonStyle: "btn-primary", back: SiteURL.home.path)
            .response(for: req)
    }

    func stop(req: Request) async throws -> Response {
        let (user, kind) = try await target(req)
        try await Accounts(req).stopEmails(kind, for: user)
        return EmailsStoppedPage(kind: kind).response(for: req)
    }
}

struct EmailsStoppedPage: PageView {
    let kind: OptionalEmail
    var title: String { "These emails are stopped" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-lg-8"),
            .h1(.text(title)),
            .p(.class("lead"), .text("You will not receive these any more: \(kind.label.lowercased()).")),
            .p(.text("Emails about what you do or must act on (bookings, places, certificates issued) still reach you. "),
               .a(.attr("href", SiteURL.me(.account).path + "#emails"), .text("Choose your emails on Your account")), .text("."))
        ))
    }
}
