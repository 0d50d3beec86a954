import PrepRoomServices
import Plot
import PrepRoomCore
import PrepRoomStore

struct RunPage: PageView {
    let run: Run
    let panel: BookingPanel
    var title: String { "\(run.course.title), \(ServiceTime.shortDay(run.startsAt))" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            .element(named: "nav", nodes: [.attribute(named: "aria-label", value: "Breadcrumb"),
                .ol(.class("breadcrumb"),
                    .li(.class("breadcrumb-item"), .a(.attr("href", SiteURL.courses().path), .text("Courses"))),
                    .li(.class("breadcrumb-item"), .a(.attr("href", SiteURL.course(code: run.course.code).path), .text(run.course.title))),
                    .li(.class("breadcrumb-item active"), .attribute(named: "aria-current", value: "page"), .text(ServiceTime.shortDay(run.startsAt))))]),
            .h1(.text(run.course.title)),
            .p(.class("lead"), .text(RunViews.dates(run)), .unwrap(run.cohort) { .text(" · \($0)") }),
            .if(chrome.permissions.provides(runCentre: run.$centre.id, ownCentre: chrome.user?.centreID),
                .p(.class("d-flex gap-2"),
                   .a(.class("btn btn-outline-primary btn-sm"), .attr("href", SiteURL.run(run.linkID, .edit).path), .text("Edit run")),
                   .a(.class("btn btn-outline-primary btn-sm"), .attr("href", SiteURL.run(run.linkID, .delegates).path), .text("Delegates and attendance")))),
            panel.view(run: run, csrf: chrome.csrf),
            .element(named: "dl", nodes: [.class("summary-list"),
                row("Places left", RunViews.places(run)),
                row("Booking", .text(RunViews.bookingState(run))),
                row("Where", .text(run.whereText)),
                .unwrap(run.onlineLink) { row("Online link", H.externalLink("Join online", $0)) },
                row("Provider", .text(RunViews.provider(run))),
                .unwrap(run.bookingOpensAt) { row("Booking opens", .text(ServiceTime.day($0))) },
                .unwrap(run.bookingClosesAt) { row("Booking closes", .text(ServiceTime.day($0))) },
            ]),
            .h2(.class("h4 mt-4"), .text("Sessions")),
            .ol(.id("sessions"), .forEach(run.orderedSessions) { session in
                .li(.text("\(ServiceTime.day(session.startsAt)), \(ServiceTime.clock(session.startsAt))–\(ServiceTime.clock(session.endsAt))"))
            }),
            .unwrap(run.notes) { .p(.text($0)) },
            .p(.a(.attr("href", SiteURL.course(code: run.course.code).path), .text("About this course")))
        )
    }

    private func row(_ label: String, _ value: BodyNode) -> BodyNode {
        FormParts.summaryRow(label, value)
    }
}
