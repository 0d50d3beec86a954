import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// A page: its model is the stored properties, its view is `content`. The layout adds
/// the shared chrome (navigation, sign-in state, flash message).
protocol PageView {
    var title: String { get }
    func content(_ chrome: Chrome) -> BodyNode
}

/// A message shown once on the page after a redirect: what was done, or why it was not.
struct Flash: Equatable {
    var message: String
    /// The action was refused (a conflict or a mistake): shown as a warning, not a success.
    var refused = false
}

/// What the shared layout needs to know about the request.
struct Chrome {
    var user: User?
    var csrf: String?
    var flash: Flash?
    var path: String
    var contact = ServiceContact.published
    /// Techné's notifications the person has not read.
    var unread = 0

    var permissions: Permissions { Permissions(user?.roles ?? []) }
}

extension Request {
    /// Reads (and clears) the flash message; builds a CSRF token only for signed-in
    /// people (their sign-out button is a form) or when a page asks for one.
    func chrome(needsCSRF: Bool = false) -> Chrome {
        var flash: Flash?
        if let message = browserSession["flash"] {
            flash = Flash(message: message, refused: browserSession["flash_refused"] != nil)
            browserSession["flash"] = nil
            browserSession["flash_refused"] = nil
        }
        let csrf = (needsCSRF || currentUser != nil) ? csrfToken : nil
        return Chrome(user: currentUser, csrf: csrf, flash: flash, path: url.path, contact: application.contact,
                      unread: currentUser == nil ? 0 : browserSession.unreadNotifications)
    }

    /// A message shown once on the next page, after a redirect.
    func flash(_ message: String) {
        browserSession["flash"] = message
        browserSession["flash_refused"] = nil
    }

    /// The reason an action was refused, shown once on the next page as a warning.
    func flashRefusal(_ message: String) {
        browserSession["flash"] = message
        browserSession["flash_refused"] = "1"
    }

    /// Runs a form's action and goes back with its message, or with the reason it was
    /// refused (a conflict, a mistake, or a file too large or of a kind not taken), so the
    /// person reads either on the same page.
    func attempt(back: String, _ action: () async throws -> String) async throws -> Response {
        do {
            flash(try await action())
        } catch let error as ServiceError where [.conflict, .unprocessableEntity, .payloadTooLarge, .unsupportedMediaType].contains(error.kind) {
            flashRefusal(error.message)
        }
        return redirect(to: back)
    }
}

extension PageView {
    func render(_ chrome: Chrome) -> String {
        Layout.document(title: title, chrome: chrome, main: content(chrome)).render()
    }

    func response(for request: Request, status: HTTPResponseStatus = .ok, needsCSRF: Bool = false) -> Response {
        let html = render(request.chrome(needsCSRF: needsCSRF))
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: html))
    }
}

enum Layout {
    static func document(title: String, chrome: Chrome, main: BodyNode) -> HTML {
        HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                // Not Plot's `.title()`: it also writes the title into meta tags unescaped.
                .element(named: "title", text: "\(title) – PrepRoom"),
                .stylesheet("/css/bootstrap.min.css"),
                .stylesheet("/css/preproom.css"),
                .link(.rel(.alternate), .type("text/calendar"), .attr("href", SiteURL.calendarFeed.path)),
                .link(.rel(.icon), .type("image/svg+xml"), .attr("href", "/favicon.svg"))
            ),
            .body(
                .a(.class("skip-link visually-hidden-focusable"), .href("#main"), .text("Skip to main content")),
                navigation(chrome),
                .main(.id("main"), .class("container py-4"),
                    .unwrap(chrome.flash, flashMessage),
                    main
                ),
                footer(chrome.contact),
                .script(.src("/js/bootstrap.bundle.min.js")),
                .script(.src("/js/preproom.js"))
            )
        )
    }

    /// Done: a polite status. Refused: an alert that says so in words, not only in colour.
    private static func flashMessage(_ flash: Flash) -> Node<HTML.BodyContext> {
        flash.refused
            ? .div(.class("alert alert-warning"), .attribute(named: "role", value: "alert"), .strong("Not done: "), .text(flash.message))
            : .div(.class("alert alert-success"), .attribute(named: "role", value: "status"), .text(flash.message))
    }

    private static func navItem(_ title: String, _ page: SiteURL, current path: String) -> Node<HTML.ListContext> {
        let url = page.path
        let active = page == .home || page == .me(.home) ? path == url : path.hasPrefix(url)
        return .li(.class("nav-item"),
            .a(.attr("class", "nav-link" + (active ? " active" : "")), .attr("href", url),
               .if(active, .attribute(named: "aria-current", value: "page")), .text(title)))
    }

    private static func navigation(_ chrome: Chrome) -> BodyNode {
        let permissions = chrome.permissions
        return .header(
            .element(named: "nav", nodes: [
                .class("navbar navbar-expand-xl navbar-dark bg-brand"), .attribute(named: "aria-label", value: "Main"),
                .div(.class("container"),
                    .a(.class("navbar-brand fw-bold d-flex align-items-center gap-2"), .attr("href", SiteURL.home.path),
                       // The flask of the favicon: decoration beside the name, so no text of its own.
                       .img(.attr("src", "/favicon.svg"), .attr("alt", ""), .attr("width", "28"), .attr("height", "28")),
                       .text("PrepRoom")),
                    H.element("button", [H.attr("class", "navbar-toggler"), H.attr("type", "button"),
                                         H.attr("data-bs-toggle", "collapse"), H.attr("data-bs-target", "#nav-links"),
                                         H.attr("aria-controls", "nav-links"), H.attr("aria-expanded", "false"),
                                         H.attr("aria-label", "Menu")],
                              [.span(.class("navbar-toggler-icon"))]),
                    .div(.class("collapse navbar-collapse"), .id("nav-links"),
                        .ul(.class("navbar-nav me-auto"),
                            navItem("Courses", .courses(), current: chrome.path),
                            navItem("Calendar", .calendar(), current: chrome.path),
                            navItem("Centres", .centres, current: chrome.path),
                            navItem("Techné", .community, current: chrome.path),
                            navItem("Strategy", .strategy, current: chrome.path),
                            .if(chrome.user != nil, .group(
                                navItem("My page", .me(.home), current: chrome.path),
                                navItem("My bookings", .me(.bookings), current: chrome.path),
                                navItem("Certificates", .me(.certificates), current: chrome.path),
                                navItem("CPD", .me(.cpd), current: chrome.path),
                                .if(EquipmentAccess.usesEquipmentPages(permissions), navItem("Equipment", .me(.equipment()), current: chrome.path)))),
                            // One item for every staff page: /staff lists those of the person's roles.
                            .if(permissions.isStaff, navItem("Staff", .staff(.home), current: chrome.path))
                        ),
                        account(chrome)
                    )
                ),
            ])
        )
    }

    private static func account(_ chrome: Chrome) -> BodyNode {
        guard let user = chrome.user else {
            return .div(.class("d-flex gap-2"),
                .a(.class("btn btn-outline-light btn-sm"), .attr("href", SiteURL.signIn().path), .text("Sign in")),
                .a(.class("btn btn-light btn-sm"), .attr("href", SiteURL.register.path), .text("Register")))
        }
        return .div(.class("d-flex align-items-center gap-2"),
            // A bell (its name for screen readers in the image's alt), with the unread count.
            .a(.id("notifications-link"), .class("nav-link text-light px-1 text-nowrap"), .attr("href", SiteURL.notifications().path),
               .attr("title", "Notifications"),
               .img(.attr("src", "/bell.svg"), .attr("alt", "Notifications"), .attr("width", "22"), .attr("height", "22")),
               .if(chrome.unread > 0, .span(.class("badge text-bg-warning ms-1"), .text(chrome.unread > 99 ? "99+" : "\(chrome.unread)"),
                                       .span(.class("visually-hidden"), .text(" unread"))))),
            .a(.class("navbar-text text-light"), .attr("href", SiteURL.me(.account).path), .attr("title", "Your account"), .text(user.name)),
            H.form(action: SiteURL.signOut.path, csrf: chrome.csrf, [H.button("Sign out", style: "btn-outline-light btn-sm")]))
    }

    private static func footer(_ contact: ServiceContact) -> BodyNode {
        .footer(.class("border-top py-4 mt-5 text-body-secondary"),
            .div(.class("container small"),
                .p(.text("PrepRoom supports school and college STEM technicians across Scotland: professional learning, certificates, and safe practical work.")),
                .p(.a(.attr("href", SiteURL.help.path), .text("Help")), .text(" · "),
                   .a(.attr("href", SiteURL.contact.path), .text("Contact \(contact.organisation)")), .text(": "),
                   .a(.attr("href", contact.phoneLink), .text(contact.phone)), .text(" · "),
                   .a(.attr("href", "mailto:" + contact.email), .text(contact.email))),
                .p(.a(.attr("href", SiteURL.calendarFeed.path), .text("Subscribe to the course calendar")), .text(" · "),
                   .a(.attr("href", SiteURL.verify.path), .text("Verify a certificate")), .text(" · "),
                   .a(.attr("href", SiteURL.privacy.path), .text("Privacy")), .text(" · "),
                   .a(.attr("href", SiteURL.accessibility.path), .text("Accessibility")), .text(" · "),
                   .a(.attr("href", SiteURL.openAPI.path), .text("API")))))
    }
}

/// Any error a person meets in the browser.
struct ErrorPage: PageView {
    let problem: ServiceError
    var title: String { problem.status == .notFound ? "Page not found" : problem.status.reasonPhrase }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            .h1(.text(title)),
            .p(.class("lead"), .text(problem.message)),
            .if(problem.status == .forbidden && chrome.user == nil, .p(.a(.attr("href", SiteURL.signIn().path), .text("Sign in")))),
            .p(.a(.attr("href", SiteURL.home.path), .text("Go to the home page")), .text(" · "),
               .a(.attr("href", SiteURL.courses().path), .text("Search the courses")), .text(" · "),
               .a(.attr("href", SiteURL.contact.path), .text("Contact the service")))
        )
    }
}
