import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// The search page: one box across Techné's discussion and the catalogue, with filters by
/// kind and subject; each person finds only what they may read.
struct SearchPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("search", use: search)
    }

    func search(req: Request) async throws -> Response {
        let results = try await SearchDesk(db: req.db).search(try req.queryText("q"), kind: try req.queryValue("kind"),
                                                              subject: try req.queryValue("subject"), page: try req.pageNumber(perPage: 20),
                                                              for: req.currentUser, withSubjects: true)
        return SearchPage(results: results).response(for: req)
    }
}

/// Results, best first, each with its title and a passage, the matches marked.
struct SearchPage: PageView {
    let results: SearchDesk.Results
    var title: String { results.terms.map { "\($0.text): search" } ?? "Search" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-lg-9"),
            .h1(.text("Search")),
            SearchForm.form(text: results.terms?.text, kind: results.kind, subject: results.subject, subjects: results.subjects),
            outcome(chrome)
        ))
    }

    private func outcome(_ chrome: Chrome) -> BodyNode {
        guard let terms = results.terms else {
            return .p(.text("Search Techné's topics and replies and the course catalogue: words, or a \"phrase in quotes\"."))
        }
        guard !results.hits.isEmpty else {
            return .div(.id("results"),
                .p(.class("lead"), .text(results.page.page == 1 ? "Nothing found for \(terms.text)." : "No more results.")),
                .if(results.page.page == 1, .p(.text("Nobody has asked yet? "),
                    .a(.attr("href", SiteURL.community.path), .text("Ask in Techné")),
                    .text(": choose the category, and the members who know will answer."))))
        }
        return .div(
            .ol(.id("results"), .class("list-unstyled"), .forEach(results.hits) { hit in
                .li(.class("mb-4"),
                    .div(.class("small text-body-secondary"), .text(Self.kindLabel(hit.kind)), .text(" · "), .text(SearchForm.subjectLabel(hit.subject))),
                    .h2(.class("h5 mb-1"), .a(.attr("href", Self.link(hit)), Self.marked(hit.title))),
                    .p(.class("mb-0"), Self.marked(hit.snippet)))
            }),
            Pager.previousNext(page: results.page.page, hasMore: results.hasMore, label: "Pages of results") {
                SiteURL.search(SiteURL.SearchQuery(text: terms.text, kind: results.kind?.rawValue, subject: results.subject, page: $0)).path
            })
    }

    /// Text with each match in a `<mark>`, every part escaped.
    static func marked<Context>(_ text: String) -> Node<Context> {
        .group(SearchMarks.runs(text).map { run in run.match ? .element(named: "mark", nodes: [.text(run.text)]) : .text(run.text) })
    }

    static func kindLabel(_ kind: String) -> String {
        switch kind {
        case "topic": "Topic"
        case "reply": "Reply"
        case "course": "Course"
        case "resource": "Resource"
        case "minutes": "Council minutes"
        default: kind
        }
    }

    static func link(_ hit: SearchHit) -> String {
        if let code = hit.refKey { return SiteURL.course(code: code).path }
        if hit.kind == "resource" { return SiteURL.resource(hit.refID).path }
        if hit.kind == "minutes" { return SiteURL.councilMeeting(hit.refID).path }
        guard let topicID = hit.topicID else { return SiteURL.search().path }
        return SiteURL.topic(topicID).path + (hit.position.map { "#post-\($0)" } ?? "")
    }
}

/// The search box with its filters, on the search page and Techné's front page.
enum SearchForm {
    static func form(text: String?, kind: SearchKind?, subject: String?, subjects: [String]) -> BodyNode {
        H.form(action: SiteURL.search().path, method: "get", csrf: nil, id: "search", [
            .div(.class("row g-2 align-items-end"),
                .div(.class("col-md-6"), FormParts.text("q", label: "Search for", value: text, type: "search", errors: [])),
                .div(.class("col-md-3"), FormParts.select("kind", label: "In", options: [("", "Everything")] + SearchKind.allCases.map { ($0.rawValue, $0.label) },
                                                          selected: kind?.rawValue ?? "", errors: [])),
                .div(.class("col-md-3"), FormParts.select("subject", label: "Subject", options: [("", "Any subject")] + subjects.map { ($0, subjectLabel($0)) },
                                                          selected: subject ?? "", errors: []))),
            H.button("Search"),
        ])
    }

    /// A subject as people say it: a category's name, or a course subject's.
    static func subjectLabel(_ slug: String) -> String {
        if slug == "council" { return "STAC" }
        return CommunityRules.startingCategories.first { $0.key == slug }?.name
            ?? Subject(rawValue: slug.replacingOccurrences(of: "-", with: "_"))?.label
            ?? slug
    }
}
