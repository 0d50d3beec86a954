import PrepRoomServices
import Plot
import PrepRoomCore
import PrepRoomStore

struct CoursePage: PageView {
    let course: Course
    let upcoming: [Run]
    let refreshes: Course?
    let refreshers: [Course]
    /// The resource library's documents and videos for this course.
    var resources: [ResourceLine] = []
    var title: String { course.title }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            .element(named: "nav", nodes: [.attribute(named: "aria-label", value: "Breadcrumb"),
                .ol(.class("breadcrumb"), .li(.class("breadcrumb-item"), .a(.attr("href", SiteURL.courses().path), .text("Courses"))),
                    .li(.class("breadcrumb-item active"), .attribute(named: "aria-current", value: "page"), .text(course.title)))]),
            .h1(.text(course.title)),
            .p(.class("lead"), .text(course.summary)),
            .if(chrome.permissions.canEditCatalogue, .p(.class("d-flex gap-2"),
                .a(.class("btn btn-outline-primary btn-sm"), .attr("href", SiteURL.course(code: course.code, .edit).path), .text("Edit course")),
                .a(.class("btn btn-primary btn-sm"), .attr("href", SiteURL.course(code: course.code, .newRun).path), .text("Schedule a run")))),
            .div(.class("row g-4"),
                .div(.class("col-md-7"),
                    .if(!course.covers.isEmpty, .group(
                        .h2(.class("h4"), .text("What it covers")),
                        .ul(.forEach(course.covers) { .li(.text($0)) })
                    )),
                    .unwrap(refreshes) { parent in
                        .p(.text("This is the refresher of "), .a(.attr("href", SiteURL.course(code: parent.code).path), .text(parent.title)),
                           .text(". To book it you need to hold, or have held, that course's certificate."))
                    },
                    .if(!refreshers.isEmpty, .p(.text("Refresher: "), .forEach(refreshers) { .a(.attr("href", SiteURL.course(code: $0.code).path), .text($0.title)) }))
                ),
                .div(.class("col-md-5"), facts())
            ),
            .h2(.class("mt-4"), .text("Upcoming runs")),
            upcoming.isEmpty
                ? .p(.text("No runs are scheduled at the moment. Check back soon or subscribe to the calendar."))
                : RunViews.table(upcoming, id: "upcoming-runs", caption: "Upcoming runs of \(course.title)", showCourse: false),
            .p(.a(.attr("href", SiteURL.course(code: course.code, .calendarFeed).path), .text("Subscribe to this course's runs (iCalendar)"))),
            .if(!resources.isEmpty, .group(
                .h2(.class("mt-4"), .text("Resources")),
                .ul(.id("course-resources"), .forEach(resources) { resource in
                    .li(.a(.attr("href", SiteURL.resource(resource.id).path), .text(resource.title)),
                        .span(.class("text-body-secondary small ms-2"), .text("\(resource.kind.label), version \(resource.version)")))
                })))
        )
    }

    private func row(_ label: String, _ value: String) -> BodyNode {
        FormParts.summaryRow(label, .text(value))
    }

    private func facts() -> BodyNode {
        .element(named: "dl", nodes: [.class("summary-list"),
            row("Subject", course.subject.label),
            row("For", course.audiences.map(\.label).joined(separator: ", ")),
            row("Format", course.format.label),
            row("Length", CourseText.length(course.durationDays)),
            row("Assessed", course.assessed ? "Yes" : "No"),
            row("Certificated", course.certificated ? "Yes" : "No"),
            .unwrap(CourseText.scqf(course)) { row("Level and credits", $0) },
            .if(course.certificated, row("Certificate valid for", CourseText.validity(course.validityMonths))),
            .unwrap(course.competence) { row("Competence", $0) },
            row("Delivered by Accredited Centres", course.centreDeliverable ? "Yes" : "No"),
        ])
    }
}
