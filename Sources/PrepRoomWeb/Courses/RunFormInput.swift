import PrepRoomServices
import Foundation
import PrepRoomCore

/// The run form's fields as typed, so a form with mistakes comes back as the person left it.
struct RunFormInput {
    var capacity = ""
    var venue = ""
    var onlineLink = ""
    var sessions: [(start: String, end: String)] = []
    var bookingOpensAt = ""
    var bookingClosesAt = ""
    var cohort = ""
    var notes = ""
    var centreID = ""
    var cancellationCutOffHours = ""

    static let maxSessions = 10

    init() {}

    init(_ form: FormData) {
        capacity = form["capacity"] ?? ""
        venue = form["venue"] ?? ""
        onlineLink = form["onlineLink"] ?? ""
        for index in 0..<Self.maxSessions {
            let start = form[fieldID("sessions[\(index)].start")] ?? "", end = form[fieldID("sessions[\(index)].end")] ?? ""
            sessions.append((start, end))
        }
        while let last = sessions.last, last.start.isEmpty, last.end.isEmpty { sessions.removeLast() }
        bookingOpensAt = form["bookingOpensAt"] ?? ""
        bookingClosesAt = form["bookingClosesAt"] ?? ""
        cohort = form["cohort"] ?? ""
        notes = form["notes"] ?? ""
        centreID = form["centreId"] ?? ""
        cancellationCutOffHours = form["cancellationCutOffHours"] ?? ""
    }

    init(plan: RunPlan, centreID: UUID?) {
        capacity = String(plan.capacity)
        venue = plan.venue ?? ""
        onlineLink = plan.onlineLink ?? ""
        sessions = plan.sessions.map { (ServiceTime.localInputValue($0.start), ServiceTime.localInputValue($0.end)) }
        bookingOpensAt = plan.bookingOpensAt.map(ServiceTime.localInputValue) ?? ""
        bookingClosesAt = plan.bookingClosesAt.map(ServiceTime.localInputValue) ?? ""
        cohort = plan.cohort ?? ""
        notes = plan.notes ?? ""
        self.centreID = centreID?.uuidString ?? ""
        cancellationCutOffHours = plan.cancellationCutOffHours.map(String.init) ?? ""
    }

    /// The plan when every field could be read; otherwise every problem at once: the fields
    /// that could not be read, and what the rules say about the ones that could.
    func plan(courseCode: String, format: CourseFormat) -> (RunPlan?, [FieldError]) {
        let (plan, unreadable) = read(courseCode: courseCode)
        guard !unreadable.isEmpty else { return (plan, []) }
        let named = Set(unreadable.map(\.field))
        let judged = RunRules.validate(plan, format: format).filter { !named.contains($0.field) && !$0.field.hasPrefix("sessions") }
        return (nil, (unreadable + judged).sorted { Self.formOrder($0.field) < Self.formOrder($1.field) })
    }

    /// The order fields appear in the form, so the error summary reads top to bottom.
    static func formOrder(_ field: String) -> Int {
        let order = ["capacity", "venue", "onlineLink"]
        if let index = order.firstIndex(of: field) { return index }
        if field.hasPrefix("sessions[") {
            let digits = field.dropFirst("sessions[".count).prefix { $0.isNumber }
            return 10 + (Int(digits) ?? 0) * 2 + (field.hasSuffix("end") ? 1 : 0)
        }
        return ["bookingOpensAt": 100, "bookingClosesAt": 101, "cancellationCutOffHours": 102, "cohort": 103, "centreId": 104][field] ?? 200
    }

    /// What could be read, with unreadable numbers as 0 and unreadable times left out.
    private func read(courseCode: String) -> (RunPlan, [FieldError]) {
        var errors: [FieldError] = []
        let capacityValue = Int(capacity)
        if capacityValue == nil {
            errors.append(FieldError("capacity", capacity.isEmpty ? "Enter the number of places" : "Capacity must be a whole number, like 16"))
        }
        var times: [SessionTimes] = []
        for (index, session) in sessions.enumerated() {
            let start = ServiceTime.parseLocalInput(session.start), end = ServiceTime.parseLocalInput(session.end)
            if start == nil { errors.append(FieldError("sessions[\(index)].start", "Enter when session \(index + 1) starts, as a date and time")) }
            if end == nil { errors.append(FieldError("sessions[\(index)].end", "Enter when session \(index + 1) ends, as a date and time")) }
            if let start, let end { times.append(SessionTimes(start: start, end: end)) }
        }
        if sessions.isEmpty { errors.append(FieldError("sessions[0].start", "Enter when session 1 starts, as a date and time")) }
        func optionalDate(_ text: String, _ field: String, _ label: String) -> Date? {
            guard !text.isEmpty else { return nil }
            guard let date = ServiceTime.parseLocalInput(text) else {
                errors.append(FieldError(field, "Enter when booking \(label), as a date and time"))
                return nil
            }
            return date
        }
        var cutOff: Int?
        if !cancellationCutOffHours.isEmpty {
            cutOff = Int(cancellationCutOffHours)
            if cutOff == nil { errors.append(FieldError("cancellationCutOffHours", "The cut-off must be a whole number of hours, like 48")) }
        }
        let opens = optionalDate(bookingOpensAt, "bookingOpensAt", "opens")
        let closes = optionalDate(bookingClosesAt, "bookingClosesAt", "closes")
        return (RunPlan(courseCode: courseCode, capacity: capacityValue ?? 0, venue: venue, onlineLink: onlineLink,
                        sessions: times, bookingOpensAt: opens, bookingClosesAt: closes, cohort: cohort, notes: notes,
                        cancellationCutOffHours: cutOff), errors)
    }
}
