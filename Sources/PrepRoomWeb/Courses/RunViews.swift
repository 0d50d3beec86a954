import PrepRoomServices
import Plot
import PrepRoomCore
import PrepRoomStore
import Foundation

/// How runs read on every page that lists them: dates, where, places left.
enum RunViews {
    /// "Tue 3 September 2024 – Wed 4 September 2024" or one day with its times.
    static func dates(_ run: Run) -> String {
        dates(run.orderedSessions.map(\.times), startsAt: run.startsAt)
    }

    static func dates(_ sessions: [SessionTimes], startsAt: Date) -> String { RunDates.text(sessions, startsAt: startsAt) }

    static func provider(_ run: Run) -> String { ProviderName.of(centre: run.centre?.name) }

    static func places(_ run: Run) -> BodyNode {
        if run.status == .cancelled { return .span(.class("badge text-bg-secondary"), .text("Cancelled")) }
        if run.status == .closed { return .span(.class("badge text-bg-secondary"), .text("Closed")) }
        if run.placesLeft == 0 {
            return .span(.class("badge text-bg-warning"), .text(run.waitlistCount == 0 ? "Full – join the waiting list" : "Full – \(run.waitlistCount) waiting"))
        }
        return .span(.class("places-left"), .text("\(run.placesLeft) of \(run.capacity)"))
    }

    static func bookingState(_ run: Run, now: Date = Date()) -> String {
        if run.status != .scheduled { return run.status == .cancelled ? "Cancelled" : "Closed" }
        if run.endsAt < now { return "Finished" }
        if run.bookingIsOpen(now: now) { return "Open for booking" }
        if let opens = run.bookingOpensAt, now < opens { return "Booking opens \(ServiceTime.shortDay(opens))" }
        return "Booking closed"
    }

    /// What a run's card offers. Booking itself is done on the run's page, which a visitor
    /// reaches signed out too (it asks them to sign in when they book).
    enum CardAction {
        case book, joinWaitingList, seeDetails

        init(_ run: Run, now: Date) {
            self = !run.bookingIsOpen(now: now) ? .seeDetails : run.placesLeft == 0 ? .joinWaitingList : .book
        }

        var label: String {
            switch self {
            case .book: "Book a place"
            case .joinWaitingList: "Join the waiting list"
            case .seeDetails: "See the details"
            }
        }
    }

    /// Runs as cards, each with its course, dates, place, provider, places left and one
    /// clear action; a phone shows one a row, a wide screen up to four.
    static func cards(_ runs: [Run], id: String, now: Date = Date()) -> BodyNode {
        .ul(.attr("id", id), .class("run-cards list-unstyled row row-cols-1 row-cols-sm-2 row-cols-lg-4 g-3"),
            .forEach(runs) { run in
                let action = CardAction(run, now: now)
                return .li(.class("col"),
                    .article(.class("card h-100"),
                        .div(.class("card-body d-flex flex-column"),
                            .h3(.class("h6 card-title"), .a(.attr("href", SiteURL.course(code: run.course.code).path), .text(run.course.title))),
                            .p(.class("card-text mb-1"), .text(dates(run))),
                            .unwrap(run.cohort) { .p(.class("card-text small text-body-secondary mb-1"), .text($0)) },
                            .p(.class("card-text small mb-1"), .text(run.whereText)),
                            .p(.class("card-text small text-body-secondary"), .text(provider(run))),
                            .p(.class("card-text mt-auto mb-2"), .text("Places left: "), places(run)),
                            // Why there is nothing to book: closed, not open yet, finished.
                            .if(action == .seeDetails, .p(.class("card-text small text-body-secondary mb-2"), .text(bookingState(run, now: now)))),
                            .a(.attr("class", "btn \(action == .book ? "btn-primary" : "btn-outline-primary")"), .attr("href", SiteURL.run(run.linkID).path),
                               .text(action.label), .span(.class("visually-hidden"), .text(": \(run.course.title), \(dates(run))"))))))
            })
    }

    /// A table of runs; `showCourse` adds the course column (home and calendar lists).
    static func table(_ runs: [Run], id: String, caption: String, showCourse: Bool) -> BodyNode {
        .div(.class("table-responsive"),
            .table(.attr("id", id), .class("table align-middle"),
                .caption(.class("visually-hidden"), .text(caption)),
                .thead(.tr(
                    .if(showCourse, .th(.attribute(named: "scope", value: "col"), .text("Course"))),
                    .th(.attribute(named: "scope", value: "col"), .text("Dates")),
                    .th(.attribute(named: "scope", value: "col"), .text("Where")),
                    .th(.attribute(named: "scope", value: "col"), .text("Provider")),
                    .th(.attribute(named: "scope", value: "col"), .text("Places left")),
                    .th(.attribute(named: "scope", value: "col"), .text("Booking"))
                )),
                .tbody(.forEach(runs) { run in
                    .tr(
                        .if(showCourse, .td(.a(.attr("href", SiteURL.course(code: run.course.code).path), .text(run.course.title)))),
                        .td(.a(.attr("href", SiteURL.run(run.linkID).path), .text(dates(run))),
                            .unwrap(run.cohort) { .div(.class("small text-body-secondary"), .text($0)) }),
                        .td(.text(run.whereText)),
                        .td(.text(provider(run))),
                        .td(places(run)),
                        .td(.text(bookingState(run)))
                    )
                })
            )
        )
    }
}

/// How a course's facts read, e.g. "2 days", "SCQF level 6, 1 credit".
enum CourseText {
    static func length(_ days: Double) -> String {
        if days == 1 { return "1 day" }
        if days < 1 { return days == 0.5 ? "Half a day" : "\(Int((days * 8).rounded())) hours" }
        return days == days.rounded() ? "\(Int(days)) days" : String(format: "%.1f days", days)
    }

    static func scqf(_ course: Course) -> String? { scqf(level: course.scqfLevel, credits: course.scqfCredits) }

    static func scqf(level: Int?, credits: Int?) -> String? {
        guard let level else { return nil }
        let credits = credits.map { ", \($0) credit\($0 == 1 ? "" : "s")" } ?? ""
        return "SCQF level \(level)\(credits)"
    }

    static func validity(_ months: Int?) -> String {
        guard let months else { return "Does not expire" }
        return months % 12 == 0 ? "\(months / 12) year\(months == 12 ? "" : "s")" : "\(months) months"
    }
}
