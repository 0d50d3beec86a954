import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// A member's Techné notifications as pages: the list (the menu's bell leads here), marking
/// them read, how they are emailed, and following topics and categories.
struct NotificationPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("community", "notifications", use: list)
        routes.post("community", "notifications", "read", use: markAllRead)
        routes.post("community", "notifications", "email", use: setEmailMode)
        routes.post("community", "topics", ":topicID", "follow", use: followTopic)
        routes.post("community", "topics", ":topicID", "unfollow", use: unfollowTopic)
        routes.post("community", ":key", "follow", use: followCategory)
        routes.post("community", ":key", "unfollow", use: unfollowCategory)
    }

    func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let page = try await NotificationDesk(db: req.db).page(for: user, try req.pageNumber(perPage: 30))
        return NotificationsPage(page: page).response(for: req)
    }

    func markAllRead(req: Request) async throws -> Response {
        let marked = try await NotificationDesk(db: req.db).markAllRead(by: try req.requireUser())
        req.flash(marked == 0 ? "Nothing was unread." : "\(Wording.count(marked, "notification")) marked read.")
        return req.redirect(to: SiteURL.notifications().path)
    }

    func setEmailMode(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let mode = FormData(req)["mode"]
        return try await req.attempt(back: SiteURL.notifications().path) {
            let chosen = try await NotificationDesk(db: req.db).setEmailMode(mode, for: user)
            return "Techné will email you: \(chosen.label.lowercased())."
        }
    }

    func followTopic(req: Request) async throws -> Response { try await topic(req, following: true) }
    func unfollowTopic(req: Request) async throws -> Response { try await topic(req, following: false) }

    private func topic(_ req: Request, following: Bool) async throws -> Response {
        let user = try req.requireUser()
        let topicID = try req.uuid("topicID", "topic")
        try await NotificationDesk(db: req.db).follow(topic: topicID, following, by: user)
        req.flash(following ? "You follow this topic: you are told of each reply." : "You no longer follow this topic.")
        return req.redirect(to: SiteURL.topic(topicID).path)
    }

    func followCategory(req: Request) async throws -> Response { try await category(req, following: true) }
    func unfollowCategory(req: Request) async throws -> Response { try await category(req, following: false) }

    private func category(_ req: Request, following: Bool) async throws -> Response {
        let user = try req.requireUser()
        let category = try await NotificationDesk(db: req.db).follow(category: req.parameters.get("key"), following, by: user)
        req.flash(following ? "You follow \(category.name): you are told of each new topic." : "You no longer follow \(category.name).")
        return req.redirect(to: SiteURL.communityCategory(key: category.key).path)
    }
}

/// The member's notifications, newest first, the unread marked; marking them all read; and
/// the choice of email (each one, or a daily digest).
struct NotificationsPage: PageView {
    let page: NotificationDesk.Page
    var title: String { "Notifications: Techné" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-lg-9"),
            .p(.a(.attr("href", SiteURL.community.path), .text("Techné"))),
            .h1(.text("Notifications")),
            .p(.id("unread"), .text(page.unread == 0 ? "Nothing unread." : "\(Wording.count(page.unread, "notification")) unread.")),
            page.lines.isEmpty
                ? .p(.id("notifications"), .text(page.page.page == 1
                    ? "Nothing yet. You are told when someone mentions you, replies in a topic you follow, or starts a topic in a category you follow."
                    : "No more notifications."))
                : .ul(.id("notifications"), .class("list-group mb-3"), .forEach(page.lines) { line in
                    .li(.attr("class", "list-group-item" + (line.read ? "" : " fw-semibold")),
                        .if(!line.read, .span(.class("badge text-bg-warning me-2"), .text("New"))),
                        .a(.attr("href", SiteURL.topic(line.topicID).path + "#post-\(line.position)"),
                           .text(line.kind.line(actor: line.actor ?? CommunityText.formerMember, topic: line.topicTitle))),
                        .span(.class("small text-body-secondary ms-2"), .text("\(ServiceTime.shortDay(line.createdAt)) \(ServiceTime.clock(line.createdAt))")))
                }),
            Pager.previousNext(page: page.page.page, hasMore: page.hasMore, label: "Pages of notifications") {
                SiteURL.notifications(page: $0).path
            },
            .if(page.unread > 0, H.form(action: SiteURL.notificationsRead.path, csrf: chrome.csrf, id: "mark-read", [
                H.button("Mark all read", style: "btn-outline-secondary"),
            ])),
            H.form(action: SiteURL.notificationEmail.path, csrf: chrome.csrf, id: "email-mode", [
                .h2(.class("h4 mt-4"), .text("Email")),
                page.emailed
                    ? .p(.text("Techné emails you what is new. Every email has a link to stop them."))
                    : .p(.text("You stopped Techné's emails; turn them on again under "),
                         .a(.attr("href", SiteURL.me(.account).path), .text("your account's email choices")), .text(".")),
                FormParts.radios("mode", legend: "How should Techné email you?",
                                 options: CommunityEmailMode.allCases.map { ($0.rawValue, $0.label) }, selected: page.emailMode.rawValue),
                H.button("Save the choice"),
            ])
        ))
    }
}
