import PrepRoomServices
import Plot
import PrepRoomCore
import PrepRoomStore

struct HomePage: PageView {
    let upcoming: [Run]
    let certificatedCount: Int
    var title: String { "Professional learning for school STEM technicians" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            .div(.class("p-4 mb-4 bg-body-tertiary rounded-3"),
                .h1(.class("display-6"), .text("Professional learning for school and college STEM technicians")),
                .p(.class("lead"), .text("Find and book certificated courses, refreshers and twilight SSERC Meets, keep your CPD record, and verify certificates.")),
                H.form(action: SiteURL.courses().path, method: "get", csrf: nil, [
                    .div(.class("input-group"),
                        .element(named: "label", nodes: [.attribute(named: "for", value: "home-q"), .class("visually-hidden"), .text("Search courses")]),
                        H.input([H.attr("type", "search"), H.attr("id", "home-q"), H.attr("name", "q"), H.attr("class", "form-control"),
                                 H.attr("placeholder", "For example: chemical handling")]),
                        H.button("Search")),
                ]),
                .p(.class("mt-3 mb-0"),
                   .a(.attr("href", SiteURL.courses(.init(certificated: true)).path), .text("Browse the \(certificatedCount) certificated courses")), .text(" · "),
                   .a(.attr("href", SiteURL.calendar().path), .text("See the calendar")))
            ),
            .h2(.text("Coming up")),
            upcoming.isEmpty
                ? .p(.text("No runs are scheduled yet."))
                : RunViews.cards(upcoming, id: "coming-up"),
            .p(.a(.attr("href", SiteURL.calendar().path), .text("Every run in the calendar")))
        )
    }
}
