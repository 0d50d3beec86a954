import Plot
import PrepRoomServices
import Vapor

/// The "are you sure?" step before something that cannot be undone (cancelling a place,
/// closing a run, removing a CPD entry). It is a page of its own, not a script's dialog, so
/// it works in every browser: the first post shows it, and its button posts the same form
/// again with `confirmed=yes`.
struct ConfirmationPage: PageView {
    let title: String
    /// What will happen, and what cannot be undone, in a sentence or two each.
    let consequences: [String]
    let action: String
    /// The fields of the first post, carried to the second.
    var fields: [(String, String)] = []
    let button: String
    var buttonStyle = "btn-danger"
    /// Where "No, go back" leads.
    let back: String

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-lg-8"),
            .h1(.text(title)),
            .forEach(consequences) { .p(.text($0)) },
            H.form(action: action, csrf: chrome.csrf, id: "confirm", fields.map { H.hidden($0.0, $0.1) } + [
                H.hidden(Self.field, "yes"),
                .div(.class("d-flex flex-wrap gap-2 align-items-center"),
                     H.button(button, style: buttonStyle),
                     .a(.class("btn btn-link"), .attr("href", back), .text("No, go back"))),
            ])
        ))
    }

    static let field = "confirmed"
}

extension Request {
    /// The form was posted from a `ConfirmationPage`.
    var isConfirmed: Bool { FormData(self)[ConfirmationPage.field] == "yes" }
}
