import PrepRoomServices
import Foundation
import Plot
import PrepRoomCore
import PrepRoomStore

/// Runs by month: each day that has a session, with the runs on it.
struct CalendarPage: PageView {
    let month: Date
    let runs: [Run]
    var title: String { "Calendar: \(ServiceTime.monthTitle(month))" }

    /// Each session of each run falls on a London day inside this month.
    private var days: [(day: Date, entries: [(run: Run, session: RunSession)])] {
        let calendar = ServiceTime.calendar
        let next = ServiceTime.addingMonths(1, to: month)
        var byDay: [Date: [(Run, RunSession)]] = [:]
        for run in runs {
            for session in run.orderedSessions where session.startsAt >= month && session.startsAt < next {
                byDay[calendar.startOfDay(for: session.startsAt), default: []].append((run, session))
            }
        }
        return byDay.keys.sorted().map { day in
            (day, byDay[day]!.sorted { $0.1.startsAt < $1.1.startsAt }.map { (run: $0.0, session: $0.1) })
        }
    }

    func content(_ chrome: Chrome) -> BodyNode {
        let previous = ServiceTime.addingMonths(-1, to: month), next = ServiceTime.addingMonths(1, to: month)
        let days = self.days
        return .div(
            .h1(.text("Calendar")),
            .element(named: "nav", nodes: [.attribute(named: "aria-label", value: "Months"), .class("d-flex justify-content-between align-items-center my-3"),
                .a(.class("btn btn-outline-secondary"), .attr("href", SiteURL.calendar(month: ServiceTime.monthKey(previous)).path), .text("← \(ServiceTime.monthTitle(previous))")),
                .h2(.class("h4 mb-0"), .text(ServiceTime.monthTitle(month))),
                .a(.class("btn btn-outline-secondary"), .attr("href", SiteURL.calendar(month: ServiceTime.monthKey(next)).path), .text("\(ServiceTime.monthTitle(next)) →"))]),
            days.isEmpty
                ? .p(.text("Nothing is scheduled in \(ServiceTime.monthTitle(month))."))
                : .div(.id("calendar-days"), .forEach(days) { day in
                    .section(.class("mb-3"), .data(named: "date", value: ServiceTime.isoDay(day.day)),
                        .h3(.class("h5 border-bottom pb-1"),
                            .time(.attr("datetime", ServiceTime.isoDay(day.day)), .text(ServiceTime.day(day.day)))),
                        .ul(.class("list-unstyled"), .forEach(day.entries) { entry in
                            .li(.class("mb-1"),
                                .span(.class("text-body-secondary me-2"), .text("\(ServiceTime.clock(entry.session.startsAt))–\(ServiceTime.clock(entry.session.endsAt))")),
                                .a(.attr("href", SiteURL.run(entry.run.linkID).path), .text(entry.run.course.title)),
                                .if(entry.run.orderedSessions.count > 1, .span(.class("small text-body-secondary"), .text(" (day \(entry.session.position + 1) of \(entry.run.orderedSessions.count))"))),
                                .span(.class("small ms-2"), .text("· \(entry.run.whereText) · ")),
                                RunViews.places(entry.run))
                        }))
                }),
            .p(.a(.attr("href", SiteURL.calendarFeed.path), .text("Subscribe to all runs (iCalendar)")))
        )
    }
}
