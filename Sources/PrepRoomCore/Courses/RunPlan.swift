import Foundation

/// One dated session of a run ("Sep 3 – Sep 4": two sessions).
public struct SessionTimes: Equatable, Sendable, Codable {
    public var start: Date
    public var end: Date
    public init(start: Date, end: Date) { self.start = start; self.end = end }
}

public enum RunStatus: String, CaseIterable, Codable, Sendable {
    /// Scheduled and, inside its booking window, bookable.
    case scheduled
    case cancelled
    /// Delivered and closed by its provider.
    case closed
}

/// A run as staff describe it before it is saved: the rules below decide if it may be.
public struct RunPlan: Sendable, Equatable {
    public var courseCode: String
    public var capacity: Int
    public var venue: String?
    public var onlineLink: String?
    public var sessions: [SessionTimes]
    public var bookingOpensAt: Date?
    public var bookingClosesAt: Date?
    /// "Cohort 2 of 3" where the texts schedule cohorts.
    public var cohort: String?
    public var notes: String?
    /// Members may cancel until this many hours before the start; nil: until the start.
    public var cancellationCutOffHours: Int?

    public init(courseCode: String, capacity: Int, venue: String? = nil, onlineLink: String? = nil,
                sessions: [SessionTimes], bookingOpensAt: Date? = nil, bookingClosesAt: Date? = nil,
                cohort: String? = nil, notes: String? = nil, cancellationCutOffHours: Int? = nil) {
        self.courseCode = courseCode; self.capacity = capacity; self.venue = venue; self.onlineLink = onlineLink
        self.sessions = sessions; self.bookingOpensAt = bookingOpensAt; self.bookingClosesAt = bookingClosesAt
        self.cohort = cohort; self.notes = notes; self.cancellationCutOffHours = cancellationCutOffHours
    }

    public var startsAt: Date? { sessions.map(\.start).min() }
    public var endsAt: Date? { sessions.map(\.end).max() }
}

public enum RunRules {
    public static let maxCapacity = 500

    /// Field names follow the API (`sessions[0].end`) so the form and JSON name the same thing.
    public static func validate(_ plan: RunPlan, format: CourseFormat?) -> [FieldError] {
        var errors: [FieldError] = []
        if format == nil {
            errors.append(FieldError("courseCode", "Choose a course that exists"))
        }
        if plan.capacity <= 0 {
            errors.append(FieldError("capacity", "Capacity must be at least 1 place"))
        } else if plan.capacity > maxCapacity {
            errors.append(FieldError("capacity", "Capacity must be at most \(maxCapacity) places"))
        }
        let venue = plan.venue?.trimmed ?? ""
        let link = plan.onlineLink?.trimmed ?? ""
        if venue.isEmpty && link.isEmpty {
            errors.append(FieldError(format?.isOnline == true ? "onlineLink" : "venue",
                                     "Enter a venue or an online link"))
        }
        if !link.isEmpty, !(link.hasPrefix("https://") || link.hasPrefix("http://")) {
            errors.append(FieldError("onlineLink", "The online link must start with https://"))
        }
        if plan.sessions.isEmpty {
            errors.append(FieldError("sessions[0].start", "Add at least one session with a start and an end"))
        }
        for (index, session) in plan.sessions.enumerated() where session.end <= session.start {
            errors.append(FieldError("sessions[\(index)].end", "Session \(index + 1) must end after it starts"))
        }
        let ordered = plan.sessions.sorted { $0.start < $1.start }
        for (earlier, later) in zip(ordered, ordered.dropFirst()) where later.start < earlier.end {
            if let index = plan.sessions.firstIndex(of: later) {
                errors.append(FieldError("sessions[\(index)].start", "Session \(index + 1) overlaps another session"))
            }
        }
        if let opens = plan.bookingOpensAt, let closes = plan.bookingClosesAt, closes <= opens {
            errors.append(FieldError("bookingClosesAt", "Booking must close after it opens"))
        }
        if let hours = plan.cancellationCutOffHours, hours < 0 || hours > 24 * 90 {
            errors.append(FieldError("cancellationCutOffHours", "The cancellation cut-off must be between 0 and 2160 hours before the start"))
        }
        if let closes = plan.bookingClosesAt, let ends = plan.endsAt, closes > ends {
            errors.append(FieldError("bookingClosesAt", "Booking must close before the run ends"))
        }
        return errors
    }

    /// Places a visitor sees: never negative, whatever the counters say.
    public static func placesLeft(capacity: Int, confirmed: Int) -> Int { max(capacity - confirmed, 0) }

    /// Whether the booking window is open at `now` for a run in this state.
    public static func bookingIsOpen(status: RunStatus, opensAt: Date?, closesAt: Date?, startsAt: Date, now: Date) -> Bool {
        guard status == .scheduled, now < startsAt else { return false }
        if let opensAt, now < opensAt { return false }
        if let closesAt, now >= closesAt { return false }
        return true
    }
}
