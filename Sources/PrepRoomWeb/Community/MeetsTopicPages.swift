import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// Meets topics as pages: the list (most wanted first) with the form to suggest one, a
/// member's vote and its withdrawal, and staff's decision on each topic.
struct MeetsTopicPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("community", "meets", use: list)
        routes.post("community", "meets", use: suggest)
        routes.post("community", "meets", ":suggestionID", "vote", use: vote)
        routes.post("community", "meets", ":suggestionID", "vote", "withdraw", use: withdraw)
        routes.post("community", "meets", ":suggestionID", "status", use: decide)
    }

    func list(req: Request) async throws -> Response {
        try await listPage(req, draft: MeetsTopicsPage.Draft(), errors: [])
    }

    private func listPage(_ req: Request, draft: MeetsTopicsPage.Draft, errors: [FieldError]) async throws -> Response {
        let desk = MeetsTopicDesk(db: req.db)
        let user = req.currentUser
        let decides = user.map { MeetsTopicRules.mayDecide($0.permissions) } ?? false
        return MeetsTopicsPage(topics: try await desk.list(for: user), runs: decides ? try await desk.runsToSchedule() : [],
                               draft: draft, errors: errors)
            .response(for: req, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    func suggest(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await req.enforce(CommunityRules.postsPerWindow, person: user.id)
        let form = FormData(req)
        let draft = MeetsTopicsPage.Draft(title: form["title"], why: form["why"], kit: form["kit"])
        do {
            let topic = try await MeetsTopicDesk(db: req.db).suggest(title: draft.title, why: draft.why, kit: draft.kit, by: user)
            req.flash("Your topic is suggested, with your vote on it.")
            return req.redirect(to: MeetsTopicsPage.anchor(try topic.requireID()))
        } catch let error as ServiceError where error.status == .unprocessableEntity {
            return try await listPage(req, draft: draft, errors: error.formErrors(defaultField: "title"))
        }
    }

    func vote(req: Request) async throws -> Response {
        try await onTopic(req) { desk, id, user in
            let line = try await desk.vote(for: id, by: user)
            return "Your vote is counted: \(Wording.count(line.votes, "vote")) now."
        }
    }

    func withdraw(req: Request) async throws -> Response {
        try await onTopic(req) { desk, id, user in
            _ = try await desk.withdrawVote(from: id, by: user)
            return "Your vote is withdrawn."
        }
    }

    func decide(req: Request) async throws -> Response {
        let form = FormData(req)
        let runID = try uuid(form["runId"], field: "runId")
        return try await onTopic(req) { desk, id, user in
            let line = try await desk.decide(id, status: form["status"], runID: runID, reason: form["reason"], by: user)
            switch line.status {
            case .scheduled: return "The topic is scheduled, and everyone who voted is emailed the booking link."
            case .declined: return "The topic is declined; its suggester is told why."
            case .planned, .suggested: return "The topic is marked planned."
            }
        }
    }

    /// Back to the topic in the list, with what happened or why not.
    private func onTopic(_ req: Request, _ action: (MeetsTopicDesk, UUID, User) async throws -> String) async throws -> Response {
        let user = try req.requireUser()
        let id = try req.uuid("suggestionID", "Meets topic")
        return try await req.attempt(back: MeetsTopicsPage.anchor(id)) {
            try await action(MeetsTopicDesk(db: req.db, links: Links(req)), id, user)
        }
    }
}

/// The Meets topics: those still open for votes (most wanted first), then those scheduled
/// and declined; the form to suggest one; and, for course admins, the decision on each.
struct MeetsTopicsPage: PageView {
    struct Draft { var title: String?; var why: String?; var kit: String? }

    let topics: [MeetsTopicLine]
    /// The runs a course admin may schedule a topic as (empty for anyone else).
    let runs: [Run]
    let draft: Draft
    let errors: [FieldError]

    var title: String { (errors.isEmpty ? "" : "Error: ") + "Meets topics: Techné" }

    static func anchor(_ id: UUID) -> String { SiteURL.meetsTopics.path + "#meets-\(UUIDText.string(id))" }

    func content(_ chrome: Chrome) -> BodyNode {
        let open = topics.filter(\.status.takesVotes)
        let scheduled = topics.filter { $0.status == .scheduled }, declined = topics.filter { $0.status == .declined }
        return .div(.class("row"), .div(.class("col-lg-9"),
            FormParts.errorSummary(errors),
            .p(.a(.attr("href", SiteURL.community.path), .text("Techné"))),
            .h1(.text("Meets topics")),
            .p(.class("lead"), .text("Suggest a theme for a twilight Meet, or vote for the ones you want. We plan the most wanted, and email everyone who voted when one is open for booking.")),
            .h2(.class("h4"), .text("Open for votes")),
            open.isEmpty ? .p(.id("open-topics"), .text("No topics wait for votes: suggest the first."))
                : .div(.id("open-topics"), .forEach(open) { card($0, chrome) }),
            .if(!scheduled.isEmpty, .group(.h2(.class("h4 mt-4"), .text("Scheduled")), .div(.id("scheduled-topics"), .forEach(scheduled) { card($0, chrome) }))),
            .if(!declined.isEmpty, .group(.h2(.class("h4 mt-4"), .text("Declined")), .div(.id("declined-topics"), .forEach(declined) { card($0, chrome) }))),
            suggestForm(chrome)
        ))
    }

    private func card(_ topic: MeetsTopicLine, _ chrome: Chrome) -> Node<HTML.BodyContext> {
        .article(.attr("id", "meets-\(UUIDText.string(topic.id))"), .class("card mb-3"), .div(.class("card-body"),
            .h3(.class("h5"), .text(topic.title),
                .span(.attr("class", "badge ms-2 fs-6 align-middle " + Self.badge(topic.status)), .text(topic.status.label))),
            .p(.class("small text-body-secondary mb-2"), .strong(.class("votes"), .text(Wording.count(topic.votes, "vote"))),
               .unwrap(topic.suggester) { .text(" · suggested by \($0)") }, .text(" · \(ServiceTime.shortDay(topic.suggestedAt))")),
            .p(.text(topic.why)),
            .if(!topic.kit.isEmpty, .p(.class("small"), .strong(.text("Kit to show: ")), .text(topic.kit))),
            .unwrap(topic.run) { run in
                .p(.a(.attr("href", SiteURL.run(run.id).path), .text("Book a place: \(run.courseTitle), \(ServiceTime.day(run.startsAt))")))
            },
            .unwrap(topic.statusReason) { .p(.class("small"), .text("Why not: \($0)")) },
            voteForm(topic, chrome),
            decisionForms(topic, chrome)))
    }

    private static func badge(_ status: MeetsTopicStatus) -> String {
        switch status {
        case .suggested: "text-bg-light border"
        case .planned: "text-bg-info"
        case .scheduled: "text-bg-success"
        case .declined: "text-bg-secondary"
        }
    }

    private func voteForm(_ topic: MeetsTopicLine, _ chrome: Chrome) -> BodyNode {
        guard topic.status.takesVotes else { return .empty }
        guard chrome.user != nil else {
            return .p(.a(.attr("href", SiteURL.signIn(next: SiteURL.meetsTopics.path).path), .text("Sign in to vote")))
        }
        return topic.votedByReader
            ? H.form(action: SiteURL.meetsTopic(topic.id, .withdrawVote).path, csrf: chrome.csrf, [
                .p(.class("small mb-1"), .text("You voted for this.")), H.button("Withdraw my vote", style: "btn-outline-secondary btn-sm")])
            : H.form(action: SiteURL.meetsTopic(topic.id, .vote).path, csrf: chrome.csrf, [H.button("Vote for this topic", style: "btn-primary btn-sm")])
    }

    /// A course admin plans, schedules (choosing the Meet's run) or declines (with a
    /// reason). Each field's id carries the topic, so every label finds its own field.
    private func decisionForms(_ topic: MeetsTopicLine, _ chrome: Chrome) -> BodyNode {
        guard topic.status.takesVotes, MeetsTopicRules.mayDecide(chrome.permissions) else { return .empty }
        let id = UUIDText.string(topic.id)
        let action = SiteURL.meetsTopic(topic.id, .decide).path
        return H.element("details", [H.attr("class", "mt-3 small")], [
            H.element("summary", [], [.text("Decide this topic")]),
            .if(topic.status == .suggested, H.form(action: action, csrf: chrome.csrf, [
                H.hidden("status", MeetsTopicStatus.planned.rawValue), H.button("Mark it planned", style: "btn-outline-primary btn-sm mt-2"),
            ])),
            runs.isEmpty ? .p(.class("mt-2"), .text("No run is coming up to schedule it as: add the Meet's run to the catalogue first."))
                : H.form(action: action, csrf: chrome.csrf, [
                    H.hidden("status", MeetsTopicStatus.scheduled.rawValue),
                    FormParts.select("runId", id: "run-\(id)", label: "Schedule it as", options: runs.compactMap { run in
                        run.id.map { (UUIDText.string($0), "\(run.course.title), \(ServiceTime.day(run.startsAt))") }
                    }, selected: nil, hint: "Everyone who voted is emailed the booking link.", errors: []),
                    H.button("Schedule it", style: "btn-outline-success btn-sm"),
                ]),
            H.form(action: action, csrf: chrome.csrf, [
                H.hidden("status", MeetsTopicStatus.declined.rawValue),
                FormParts.textArea("reason", id: "decline-\(id)", label: "Why not (the suggester is told)", value: nil, rows: 2, errors: []),
                H.button("Decline it", style: "btn-outline-danger btn-sm"),
            ]),
        ])
    }

    private func suggestForm(_ chrome: Chrome) -> BodyNode {
        guard chrome.user != nil else {
            return .p(.class("mt-4"), .a(.attr("href", SiteURL.signIn(next: SiteURL.meetsTopics.path).path), .text("Sign in to suggest a topic")))
        }
        return H.form(action: SiteURL.meetsTopics.path, csrf: chrome.csrf, id: "suggest", [
            .h2(.class("h4 mt-4"), .text("Suggest a topic")),
            FormParts.text("title", label: "Topic", value: draft.title, hint: "What the Meet would be about, in a line.", errors: errors),
            FormParts.textArea("why", label: "Why it matters", value: draft.why, hint: "What technicians would take away.", rows: 4, errors: errors),
            FormParts.textArea("kit", label: "Kit to show (optional)", value: draft.kit, hint: "Apparatus or a new bit of kit someone could demonstrate.", rows: 2, errors: errors),
            H.button("Suggest the topic"),
        ])
    }
}
