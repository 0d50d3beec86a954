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
    }

    /// The plan, or the fields that could not even be read (the rules judge the rest).
    func plan(courseCode: String) -> (RunPlan?, [FieldError]) {
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
        let opens = optionalDate(bookingOpensAt, "bookingOpensAt", "opens")
        let closes = optionalDate(bookingClosesAt, "bookingClosesAt", "closes")
        guard let capacityValue, errors.isEmpty else { return (nil, errors) }
        return (RunPlan(courseCode: courseCode, capacity: capacityValue, venue: venue, onlineLink: onlineLink,
                        sessions: times, bookingOpensAt: opens, bookingClosesAt: closes, cohort: cohort, notes: notes), [])
    }
}
