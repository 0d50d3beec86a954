import Plot
import PrepRoomCore
import PrepRoomServices
import Vapor

/// How to reach the service: the page the footer, the booking panel and error pages link to.
struct ContactPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("contact") { req in ContactPage(contact: req.application.contact).response(for: req) }
    }
}

struct ContactPage: PageView {
    let contact: ServiceContact
    var title: String { "Contact \(contact.organisation)" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-lg-8"),
            .h1(.text(title)),
            .ul(.class("list-unstyled"), .id("contact-details"),
                .li(.strong(.text("Email: ")), .a(.attr("href", "mailto:" + contact.email), .text(contact.email))),
                .li(.strong(.text("Telephone: ")), .a(.attr("href", contact.phoneLink), .text(contact.phone))),
                .li(.strong(.text("Post: ")), .text("\(contact.organisation), \(contact.address)"))),
            .h2(.class("h4 mt-4"), .text("So that we can help quickly")),
            .ul(
                .li(.text("About a booking: the course, its date, and the email address you booked with.")),
                .li(.text("About a certificate: its number, printed on it (PR- and four groups of four).")),
                .li(.text("About your account: the email address you registered with. Never send your password: nobody at the service will ask for it."))),
            .p(.a(.attr("href", SiteURL.forgotPassword.path), .text("Forgotten your password? Reset it yourself.")))
        ))
    }
}
