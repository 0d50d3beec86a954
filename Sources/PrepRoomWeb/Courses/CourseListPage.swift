import PrepRoomServices
import Foundation
import Plot
import PrepRoomCore
import PrepRoomStore

struct CourseListPage: PageView {
    let filter: CatalogueFilter
    let courses: [CourseFacts]
    let total: Int
    let page: Pagination
    let levels: [Int]
    var title: String { "Courses" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row g-4"),
            .div(.class("col-lg-3"), filters()),
            .div(.class("col-lg-9"),
                .h1(.text("Courses")),
                .p(.attribute(named: "role", value: "status"), .class("text-body-secondary"),
                   .text(Wording.count(total, "course")),
                   .if(!filter.isEmpty, .group(.text(total == 1 ? " matches your search. " : " match your search. "), .a(.attr("href", SiteURL.courses().path), .text("Clear filters"))))),
                .if(chrome.permissions.canEditCatalogue, .p(.a(.class("btn btn-outline-primary btn-sm"), .attr("href", SiteURL.newCourse.path), .text("Add a course")))),
                .forEach(courses) { card($0) },
                pagination()
            )
        )
    }

    private func filters() -> BodyNode {
        H.form(action: SiteURL.courses().path, method: "get", csrf: nil, id: "course-filters", [
            .h2(.class("h5"), .text("Find a course")),
            FormParts.text("q", label: "Search courses", value: filter.text, type: "search", errors: []),
            FormParts.select("subject", label: "Subject", options: [("", "Any subject")] + Subject.allCases.map { ($0.rawValue, $0.label) },
                             selected: filter.subject?.rawValue, errors: []),
            FormParts.select("audience", label: "Audience", options: [("", "Anyone")] + Audience.allCases.map { ($0.rawValue, $0.label) },
                             selected: filter.audience?.rawValue, errors: []),
            FormParts.select("format", label: "Format", options: [("", "Any format")] + CourseFormat.allCases.map { ($0.rawValue, $0.label) },
                             selected: filter.format?.rawValue, errors: []),
            FormParts.select("level", label: "SCQF level", options: [("", "Any level")] + levels.map { (String($0), "Level \($0)") },
                             selected: filter.scqfLevel.map(String.init), errors: []),
            FormParts.checkbox("certificated", label: "Certificated courses only", checked: filter.certificatedOnly),
            H.button("Search"),
        ])
    }

    private func card(_ course: CourseFacts) -> BodyNode {
        .article(.class("card mb-3"),
            .div(.class("card-body"),
                .h2(.class("h5 card-title"), .a(.attr("href", SiteURL.course(code: course.code).path), .text(course.title))),
                .p(.class("card-text"), .text(course.summary)),
                .ul(.class("list-inline small text-body-secondary mb-0"),
                    .li(.class("list-inline-item"), .text(course.subject.label)),
                    .li(.class("list-inline-item"), .text(course.format.label)),
                    .li(.class("list-inline-item"), .text(CourseText.length(course.durationDays))),
                    .unwrap(CourseText.scqf(level: course.scqfLevel, credits: course.scqfCredits)) { .li(.class("list-inline-item"), .text($0)) },
                    .if(course.certificated, .li(.class("list-inline-item"), .span(.class("badge text-bg-success"), .text("Certificated"))))
                )
            )
        )
    }

    /// Keeps the filters in the page links.
    private func link(toPage number: Int) -> String {
        var items: [URLQueryItem] = []
        if let text = filter.text, !text.isEmpty { items.append(.init(name: "q", value: text)) }
        if let subject = filter.subject { items.append(.init(name: "subject", value: subject.rawValue)) }
        if let audience = filter.audience { items.append(.init(name: "audience", value: audience.rawValue)) }
        if let format = filter.format { items.append(.init(name: "format", value: format.rawValue)) }
        if let level = filter.scqfLevel { items.append(.init(name: "level", value: String(level))) }
        if filter.certificatedOnly { items.append(.init(name: "certificated", value: "true")) }
        items.append(.init(name: "page", value: String(number)))
        var components = URLComponents()
        components.path = SiteURL.courses().path
        components.queryItems = items
        return components.string ?? SiteURL.courses().path
    }

    private func pagination() -> BodyNode {
        let pages = page.pageCount(total: total)
        guard pages > 1 else { return .empty }
        return .element(named: "nav", nodes: [.attribute(named: "aria-label", value: "Pages of courses"),
            .ul(.class("pagination"),
                .if(page.hasPrevious, .li(.class("page-item"), .a(.class("page-link"), .attr("href", link(toPage: page.page - 1)), .text("Previous")))),
                .forEach(1...pages) { number in
                    .li(.attr("class", "page-item" + (number == page.page ? " active" : "")),
                        .a(.class("page-link"), .attr("href", link(toPage: number)),
                           .if(number == page.page, .attribute(named: "aria-current", value: "page")), .text(String(number))))
                },
                .if(page.hasNext(total: total), .li(.class("page-item"), .a(.class("page-link"), .attr("href", link(toPage: page.page + 1)), .text("Next"))))
            ),
        ])
    }
}
