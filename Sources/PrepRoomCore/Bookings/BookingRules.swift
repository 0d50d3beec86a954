import Foundation

public enum BookingStatus: String, CaseIterable, Codable, Sendable {
    case confirmed, waitlisted, cancelled
}

/// Why a booking cannot be made or changed. Each reads as a sentence for a person and
/// carries a stable code for the API.
public enum BookingRefusal: Error, Equatable, Sendable {
    case runCancelled
    case runClosed
    case runStarted
    case bookingNotOpenYet(opens: Date)
    case bookingClosed
    case alreadyBooked
    /// A refresher needs a certificate, current or past, of the course it refreshes.
    case prerequisiteMissing(courseCode: String, courseTitle: String)
    case cancellationCutOffPassed(cutOff: Date)
    case notCancellable(BookingStatus)
    case notYours

    public var code: String {
        switch self {
        case .runCancelled: "run_cancelled"
        case .runClosed: "run_closed"
        case .runStarted: "run_started"
        case .bookingNotOpenYet: "booking_not_open"
        case .bookingClosed: "booking_closed"
        case .alreadyBooked: "already_booked"
        case .prerequisiteMissing: "prerequisite_missing"
        case .cancellationCutOffPassed: "cancellation_cut_off"
        case .notCancellable: "not_cancellable"
        case .notYours: "not_yours"
        }
    }

    public var message: String {
        switch self {
        case .runCancelled: "This run has been cancelled, so it cannot be booked."
        case .runClosed: "This run has finished and is closed."
        case .runStarted: "This run has already started, so it can no longer be booked."
        case .bookingNotOpenYet(let opens): "Booking for this run opens on \(ServiceTime.day(opens)) at \(ServiceTime.clock(opens))."
        case .bookingClosed: "Booking for this run has closed."
        case .alreadyBooked: "You already have a place or a waiting-list place on this run."
        case .prerequisiteMissing(_, let title): "This is a refresher: to book it you need to hold, or have held, a certificate for \(title)."
        case .cancellationCutOffPassed(let cutOff): "Places on this run could be cancelled online until \(ServiceTime.day(cutOff)) at \(ServiceTime.clock(cutOff)). Contact the service to cancel now."
        case .notCancellable(let status): "This booking is already \(status.rawValue)."
        case .notYours: "This booking belongs to someone else."
        }
    }
}

/// A run as the booking rules see it.
public struct RunState: Sendable, Equatable {
    public var status: RunStatus
    public var startsAt: Date
    public var endsAt: Date
    public var bookingOpensAt: Date?
    public var bookingClosesAt: Date?
    /// How many hours before the start a member may still cancel; nil: until the start.
    public var cancellationCutOffHours: Int?

    public init(status: RunStatus, startsAt: Date, endsAt: Date, bookingOpensAt: Date? = nil,
                bookingClosesAt: Date? = nil, cancellationCutOffHours: Int? = nil) {
        self.status = status; self.startsAt = startsAt; self.endsAt = endsAt
        self.bookingOpensAt = bookingOpensAt; self.bookingClosesAt = bookingClosesAt
        self.cancellationCutOffHours = cancellationCutOffHours
    }

    public var cancellationCutOff: Date {
        startsAt.addingTimeInterval(-Double(cancellationCutOffHours ?? 0) * 3600)
    }
}

public enum BookingRules {
    /// Whether a member may book a place (or join the waiting list) now. Capacity is not
    /// judged here: the database decides confirmed or waitlisted atomically.
    public static func refusal(toBook run: RunState, now: Date, holdsBooking: Bool,
                               refreshes parent: (code: String, title: String)?, heldCourseCodes: Set<String>) -> BookingRefusal? {
        switch run.status {
        case .cancelled: return .runCancelled
        case .closed: return .runClosed
        case .scheduled: break
        }
        if now >= run.startsAt { return now >= run.endsAt ? .runClosed : .runStarted }
        if let opens = run.bookingOpensAt, now < opens { return .bookingNotOpenYet(opens: opens) }
        if let closes = run.bookingClosesAt, now >= closes { return .bookingClosed }
        if holdsBooking { return .alreadyBooked }
        if let parent, !heldCourseCodes.contains(parent.code) {
            return .prerequisiteMissing(courseCode: parent.code, courseTitle: parent.title)
        }
        return nil
    }

    /// Staff may move a booking off a run until it closes (off a cancelled run is what a
    /// move is for). A closed run's places, attendance and results are final, and its
    /// report totals were written from them.
    public static func refusal(toMoveFrom run: RunState) -> BookingRefusal? {
        run.status == .closed ? .runClosed : nil
    }

    /// What a member's own booking offers on My bookings: cancelling (or leaving the
    /// waiting list) when the cancel rule allows it; the reason when it does not; nothing
    /// once the run is over, closed or cancelled, or the booking is cancelled already.
    public enum OwnCancelling: Equatable, Sendable {
        case offered
        case refused(BookingRefusal)
        case none
    }

    public static func ownCancelling(_ status: BookingStatus, run: RunState, now: Date) -> OwnCancelling {
        guard status != .cancelled, run.status == .scheduled, now < run.endsAt else { return .none }
        return refusal(toCancel: status, run: run, byStaff: false, now: now).map(OwnCancelling.refused) ?? .offered
    }

    /// A member may cancel their own place until the run's cut-off; staff at any time
    /// before the run closes.
    public static func refusal(toCancel status: BookingStatus, run: RunState, byStaff: Bool, now: Date) -> BookingRefusal? {
        guard status != .cancelled else { return .notCancellable(status) }
        if run.status == .closed { return .runClosed }
        if !byStaff, status == .confirmed, now >= run.cancellationCutOff {
            return .cancellationCutOffPassed(cutOff: run.cancellationCutOff)
        }
        return nil
    }
}
