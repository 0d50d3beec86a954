import PrepRoomServices
import Plot
import PrepRoomCore
import PrepRoomStore

/// Scheduling a new run of a course, or changing one.
struct RunFormPage: PageView {
    let course: Course
    let run: Run?
    let input: RunFormInput
    let errors: [FieldError]
    /// Centres a course admin may choose; empty for a coordinator (their centre is fixed).
    let centres: [Centre]
    var title: String { (errors.isEmpty ? "" : "Error: ") + (run == nil ? "Schedule a run of \(course.title)" : "Edit run of \(course.title)") }

    private var action: String {
        run.map { SiteURL.run($0.linkID, .edit).path } ?? SiteURL.course(code: course.code, .newRun).path
    }

    private var sessionRows: Int {
        let planned = max(Int(course.durationDays.rounded(.up)), 1)
        return min(max(input.sessions.count, planned) + (input.sessions.count >= planned ? 1 : 0), RunFormInput.maxSessions)
    }

    private func sessionRow(_ index: Int) -> BodyNode {
        let session = index < input.sessions.count ? input.sessions[index] : (start: "", end: "")
        return .div(.class("row"),
            .div(.class("col-sm-6"), FormParts.text("sessions[\(index)].start", label: "Session \(index + 1) starts", value: session.start, type: "datetime-local", errors: errors)),
            .div(.class("col-sm-6"), FormParts.text("sessions[\(index)].end", label: "Session \(index + 1) ends", value: session.end, type: "datetime-local", errors: errors)))
    }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-lg-8"),
            FormParts.errorSummary(errors),
            .h1(.text(run == nil ? "Schedule a run" : "Edit run")),
            .p(.class("lead"), .a(.attr("href", SiteURL.course(code: course.code).path), .text(course.title)), .text(" · \(CourseText.length(course.durationDays)), \(course.format.label.lowercased())")),
            H.form(action: action, csrf: chrome.csrf, [
                FormParts.text("capacity", label: "Capacity", value: input.capacity, hint: "How many places, for example 16", type: "number",
                               errors: errors, extra: [H.attr("min", "1"), H.attr("inputmode", "numeric")]),
                FormParts.text("venue", label: "Venue", value: input.venue, hint: "Leave blank for an online run", errors: errors),
                FormParts.text("onlineLink", label: "Online link", value: input.onlineLink, hint: "For online runs: the https:// link to join", type: "url", errors: errors),
                FormParts.fieldset(id: "sessions", legend: "Sessions", hint: "One session per day, in UK time. Leave unused rows blank.", errors: [],
                    (0..<sessionRows).map(sessionRow)),
                .div(.class("row"),
                    .div(.class("col-sm-6"), FormParts.text("bookingOpensAt", label: "Booking opens", value: input.bookingOpensAt, hint: "Optional", type: "datetime-local", errors: errors)),
                    .div(.class("col-sm-6"), FormParts.text("bookingClosesAt", label: "Booking closes", value: input.bookingClosesAt, hint: "Optional; before the run ends", type: "datetime-local", errors: errors))),
                FormParts.text("cancellationCutOffHours", label: "Cancellation cut-off (hours before the start)", value: input.cancellationCutOffHours,
                               hint: "Optional. Members may cancel online until this many hours before the first session, for example 48", type: "number",
                               errors: errors, extra: [H.attr("min", "0"), H.attr("inputmode", "numeric")]),
                FormParts.text("cohort", label: "Cohort", value: input.cohort, hint: "Optional, for example Cohort 2 of 3", errors: errors),
                .if(!centres.isEmpty, FormParts.select("centreId", label: "Provider",
                    options: [("", ProviderName.nationalBase)] + centres.map { ($0.id?.uuidString ?? "", $0.name) },
                    selected: input.centreID, hint: "An Accredited Centre may deliver this course", errors: errors)),
                FormParts.textArea("notes", label: "Notes for delegates", value: input.notes, hint: "Optional", rows: 3, errors: errors),
                .div(.class("d-flex gap-2"), H.button("Save run"), H.link("Cancel", SiteURL.course(code: course.code).path, classes: "btn btn-link")),
            ])
        ))
    }
}
