import PrepRoomServices
import Foundation
import Plot
import PrepRoomCore
import PrepRoomStore

struct MyBookingsPage: PageView {
    let rows: [MemberBooking]
    var now = Date()
    var title: String { "My bookings" }

    private func status(_ row: MemberBooking, in section: MemberBookingSection) -> String {
        switch section {
        case .upcoming: "Confirmed"
        case .waiting: "Waiting list, number \(row.position ?? 0)"
        case .past: MemberBookingSection.outcome(completed: row.completed, run: row.run)
        case .cancelled:
            row.run.status == .cancelled ? "The run was cancelled"
                : row.status == .waitlisted ? "The waiting list did not reach you" : "Cancelled"
        }
    }

    private func bookingRow(_ row: MemberBooking, in section: MemberBookingSection, csrf: String?) -> Node<HTML.TableContext> {
        let action: BodyNode
        switch section == .upcoming || section == .waiting ? BookingRules.ownCancelling(row.status, run: row.run, now: now) : BookingRules.OwnCancelling.none {
        case .offered:
            action = H.form(action: SiteURL.booking(row.id, .cancel).path, csrf: csrf, [
                H.hidden("back", SiteURL.me(.bookings).path),
                H.button(row.status == .confirmed ? "Cancel" : "Leave waiting list", style: "btn-outline-danger btn-sm")])
        case .refused(let refusal):
            action = .span(.class("small text-body-secondary"), .text(refusal.message))
        case .none:
            action = .text("")
        }
        return .tr(.td(.a(.attr("href", SiteURL.run(row.runID).path), .text(row.courseTitle))),
                   .td(.attr("data-label", "Dates"), .text(RunViews.dates(row.sessions, startsAt: row.run.startsAt))),
                   .td(.attr("data-label", "Status"), .text(status(row, in: section))), .td(action))
    }

    /// The bookings of each section, in the section's order.
    private var sections: [(MemberBookingSection, [MemberBooking])] {
        let grouped = Dictionary(grouping: rows) { MemberBookingSection.of($0.status, run: $0.run, now: now) }
        return MemberBookingSection.allCases.compactMap { section in
            guard let rows = grouped[section], !rows.isEmpty else { return nil }
            return (section, rows.sorted { section.soonestFirst ? $0.run.startsAt < $1.run.startsAt : $0.run.startsAt > $1.run.startsAt })
        }
    }

    func content(_ chrome: Chrome) -> BodyNode {
        let sections = sections
        return .div(
            .h1(.text("My bookings")),
            sections.isEmpty ? .p(.text("You have no bookings yet. "), .a(.attr("href", SiteURL.courses().path), .text("Find a course"))) :
            .div(.id("my-bookings"), .forEach(sections) { section, rows in
                .section(.class("mb-4"), .attr("id", "bookings-\(section.rawValue)"),
                    .h2(.class("h4"), .text("\(section.heading) (\(rows.count))")),
                    .div(.class("table-responsive"), .table(.class("table align-middle table-stack"),
                        .thead(.tr(.th(.text("Course")), .th(.text("Dates")), .th(.text("Status")), .th(.text("Action")))),
                        .tbody(.forEach(rows) { bookingRow($0, in: section, csrf: chrome.csrf) }))))
            }),
            .if(sections.allSatisfy { $0.0 != .upcoming && $0.0 != .waiting },
                .p(.a(.attr("href", SiteURL.courses().path), .text("Find a course to book")))),
            .p(.class("mt-4"), .a(.attr("href", SiteURL.me(.evaluations).path), .text("Course evaluations")), .text(": your aims before a course, how it went, and its impact")),
            .p(.class("small"), .a(.attr("href", SiteURL.me(.equality).path), .text("Equality monitoring questions")),
               .text(" (optional, counted only in totals)"))
        )
    }
}

/// The provider's view of a run: who is confirmed, waiting and cancelled; attendance and
/// results in one form; cancel, move and close.
struct DelegatesPage: PageView {
    typealias Line = RosterLine
    let run: Run
    let lines: [Line]
    let canManage: Bool
    /// Certificate numbers by booking, once the run is closed.
    var certificates: [UUID: String] = [:]
    var title: String { "Delegates: \(run.course.title), \(ServiceTime.shortDay(run.startsAt))" }

    private var runID: UUID { run.linkID }

    func content(_ chrome: Chrome) -> BodyNode {
        let confirmed = lines.filter { $0.status == .confirmed }
        let waiting = lines.filter { $0.status == .waitlisted }.sorted { ($0.position ?? 0) < ($1.position ?? 0) }
        let cancelled = lines.filter { $0.status == .cancelled }
        let open = run.status == .scheduled
        return .div(
            .h1(.text("Delegates")),
            .p(.class("lead"), .a(.attr("href", SiteURL.run(runID).path), .text(run.course.title)), .text(" · \(RunViews.dates(run)) · \(run.confirmedCount) of \(run.capacity) places taken")),
            .p(.class("d-flex flex-wrap gap-2"),
               .a(.class("btn btn-outline-secondary btn-sm"), .attr("href", SiteURL.run(runID, .signInSheet).path), .text("Printable sign-in sheet")),
               .a(.class("btn btn-outline-secondary btn-sm"), .attr("href", SiteURL.run(runID, .signInSheetCSV).path), .text("Sign-in sheet (CSV)")),
               .a(.class("btn btn-outline-secondary btn-sm"), .attr("href", SiteURL.run(runID, .delegatesCSV).path), .text("Delegates (CSV)"))),
            .if(run.status == .closed, .div(.class("alert alert-secondary"), .text("This run is closed: attendance and results are final."))),
            .if(run.$centre.id != nil, .p(.a(.attr("href", SiteURL.run(runID, .verification).path), .text("Verification and evidence")))),
            .h2(.class("h4"), .text("Confirmed (\(confirmed.count))")),
            confirmed.isEmpty ? .p(.text("Nobody yet.")) : attendanceForm(confirmed, open: open, csrf: chrome.csrf),
            .if(open, H.form(action: SiteURL.run(runID, .enrolments).path, csrf: chrome.csrf, id: "enrol", [
                .div(.class("row g-2 align-items-end mt-2"),
                    .div(.class("col-sm-6"), FormParts.text("email", label: "Enrol a delegate by email", value: nil,
                                                             hint: "They need a PrepRoom account; they are emailed the details.", type: "email", errors: [])),
                    .div(.class("col-sm-3 mb-3"), H.button("Enrol", style: "btn-outline-primary"))),
            ])),
            .h2(.class("h4 mt-4"), .text("Waiting list (\(waiting.count))")),
            waiting.isEmpty ? .p(.text("Nobody is waiting.")) :
                .table(.class("table"), .id("waiting-list"),
                    .thead(.tr(.th(.text("Position")), .th(.text("Name")), .th(.text("Email")), .th(.text("Action")))),
                    .tbody(.forEach(waiting) { line in
                        .tr(.td(.text(String(line.position ?? 0))), .td(.text(line.name)), .td(.text(line.email)),
                            .td(actions(line, open: open, csrf: chrome.csrf)))
                    })),
            .if(!cancelled.isEmpty, .group(
                .h2(.class("h4 mt-4"), .text("Cancelled (\(cancelled.count))")),
                .ul(.id("cancelled"), .forEach(cancelled) { line in
                    .li(.text("\(line.name) (\(line.email))" + (line.cancelReason.map { ": \($0)" } ?? "")))
                }))),
            .if(open && !confirmed.isEmpty, closeSection(csrf: chrome.csrf))
        )
    }

    private func closeSection(csrf: String?) -> BodyNode {
        let lastStart = run.orderedSessions.last?.startsAt ?? run.startsAt
        return .section(.class("mt-4 border-top pt-3"),
            .h2(.class("h4"), .text("Close the run")),
            .p(.text("Closing works out who completed (every session attended, and passed where assessed) and issues their certificates. Attendance and results are final afterwards.")),
            DeliveryRules.mayClose(lastSessionStart: lastStart, now: Date())
                ? H.form(action: SiteURL.run(runID, .close).path, csrf: csrf, [H.button("Close run and issue certificates", style: "btn-warning")])
                : .p(.class("text-body-secondary"), .text("You can close the run once its last session has started, on \(ServiceTime.day(lastStart)) at \(ServiceTime.clock(lastStart)).")))
    }

    private func attendanceForm(_ confirmed: [Line], open: Bool, csrf: String?) -> BodyNode {
        let sessions = run.orderedSessions
        return H.form(action: SiteURL.run(runID, .delivery).path, csrf: csrf, id: "attendance", [
            .div(.class("table-responsive"), .table(.class("table align-middle"),
                .thead(.tr(.th(.text("Name")),
                           .forEach(sessions) { .th(.text("Day \($0.position + 1): \(ServiceTime.shortDay($0.startsAt))")) },
                           .if(run.course.assessed, .th(.text("Result"))),
                           .th(.text(open ? "Action" : "Outcome")))),
                .tbody(.forEach(confirmed) { line in
                    let id = line.bookingID
                    return .tr(
                        .td(.text(line.name), .div(.class("small text-body-secondary"), .text(line.email))),
                        .forEach(sessions) { session in
                            var attributes = [H.attr("type", "checkbox"), H.attr("class", "form-check-input"),
                                              H.attr("name", "present-\(id)-\(session.position)"), H.attr("value", "true"),
                                              H.attr("aria-label", "\(line.name) attended day \(session.position + 1)")]
                            if line.attended.contains(session.position) { attributes.append(H.attr("checked", nil)) }
                            if !open { attributes.append(H.attr("disabled", nil)) }
                            return .td(H.input(attributes))
                        },
                        .if(run.course.assessed, .td(resultSelect(line, open: open))),
                        .td(open ? actions(line, open: open, csrf: nil) : outcome(line)))
                }))),
            .if(open, H.button("Save attendance and results")),
        ])
    }

    /// After closing: who completed, with their certificate, and why the others did not.
    private func outcome(_ line: Line) -> BodyNode {
        if line.completed {
            guard let number = certificates[line.bookingID] else {
                return .text(run.course.certificated ? "Completed (certificate to follow)" : "Completed")
            }
            return .group(.text("Completed · "), .a(.attr("href", SiteURL.certificate(number: number).path), .text(number)))
        }
        let why = Completion.shortfall(sessions: run.orderedSessions.count, attended: line.attended,
                                       assessed: run.course.assessed, outcome: line.outcome)
        return .text("Not completed" + (why.isEmpty ? "" : " (\(why.joined(separator: "; ")))"))
    }

    private func resultSelect(_ line: Line, open: Bool) -> BodyNode {
        let id = line.bookingID
        let options: [(String, String)] = [("", "Not recorded")] + ResultOutcome.allCases.map { ($0.rawValue, $0.label) }
        var attributes = [H.attr("name", "result-\(id)"), H.attr("class", "form-select form-select-sm"),
                          H.attr("aria-label", "Result for \(line.name)")]
        if !open { attributes.append(H.attr("disabled", nil)) }
        return H.element("select", attributes, options.map { option in
            var optionAttributes = [H.attr("value", option.0)]
            if option.0 == (line.outcome?.rawValue ?? "") { optionAttributes.append(H.attr("selected", nil)) }
            return H.element("option", optionAttributes, [.text(option.1)])
        })
    }

    /// Cancel and move live on their own small page, so they work inside the attendance form too.
    private func actions(_ line: Line, open: Bool, csrf: String?) -> BodyNode {
        guard open, canManage else { return .text("") }
        return .a(.class("btn btn-outline-secondary btn-sm"), .attr("href", SiteURL.booking(line.bookingID, .manage).path),
                  .text("Cancel or move"), .span(.class("visually-hidden"), .text(" \(line.name)")))
    }
}

/// Staff: cancel a booking with a reason, or move it to another run of the course.
struct ManageBookingPage: PageView {
    let booking: Booking
    let user: User
    let run: Run
    let otherRuns: [Run]
    var errors: [FieldError] = []
    var title: String { (errors.isEmpty ? "" : "Error: ") + "Cancel or move \(user.name)'s booking" }

    func content(_ chrome: Chrome) -> BodyNode {
        let id = booking.linkID
        return .div(.class("row"), .div(.class("col-lg-8"),
            FormParts.errorSummary(errors),
            .h1(.text("Cancel or move a booking")),
            .p(.class("lead"), .text("\(user.name), \(booking.status == .confirmed ? "confirmed" : "on the waiting list") on "),
               .a(.attr("href", SiteURL.run(run.linkID, .delegates).path), .text("\(run.course.title), \(RunViews.dates(run))"))),
            .h2(.class("h4"), .text("Move to another run")),
            otherRuns.isEmpty ? .p(.text("There is no other upcoming run of this course to move to.")) :
            H.form(action: SiteURL.booking(id, .move).path, csrf: chrome.csrf, [
                FormParts.select("runId", label: "Run", options: otherRuns.map { ($0.id?.uuidString ?? "", "\(RunViews.dates($0)) · \($0.whereText) · \($0.placesLeft) places left") },
                                 selected: nil, errors: errors),
                FormParts.text("reason", label: "Reason for the move", value: "", hint: "Recorded in the audit log and sent to the delegate", errors: errors),
                H.button("Move booking"),
            ]),
            .h2(.class("h4 mt-4"), .text("Cancel")),
            H.form(action: SiteURL.booking(id, .cancel).path, csrf: chrome.csrf, [
                H.hidden("back", SiteURL.run(run.linkID, .delegates).path),
                FormParts.text("cancelReason", label: "Reason for cancelling", value: "", hint: "Optional; sent to the delegate", errors: errors),
                H.button("Cancel booking", style: "btn-outline-danger"),
            ])
        ))
    }
}

/// A printable sign-in sheet: one row per confirmed delegate, a signature box per day.
struct SignInSheetPage: PageView {
    let run: Run
    let delegates: [RosterLine]
    var title: String { "Sign-in sheet: \(run.course.title)" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("sign-in-sheet"),
            .h1(.class("h3"), .text("Sign-in sheet")),
            .p(.strong(.text(run.course.title)), .text(" · \(RunViews.dates(run)) · \(run.whereText)")),
            .p(.class("d-print-none"), H.element("button", [H.attr("type", "button"), H.attr("class", "btn btn-primary btn-sm"), H.attr("data-action", "print")], [.text("Print")])),
            .table(.class("table table-bordered"),
                .thead(.tr(.th(.text("Name")), .th(.text("Email")),
                           .forEach(run.orderedSessions) { .th(.text("Day \($0.position + 1) signature")) })),
                .tbody(.forEach(delegates) { delegate in
                    .tr(.td(.text(delegate.name)), .td(.text(delegate.email)),
                        .forEach(run.orderedSessions) { _ in .td(.class("signature-cell"), .text("")) })
                }))
        )
    }
}
