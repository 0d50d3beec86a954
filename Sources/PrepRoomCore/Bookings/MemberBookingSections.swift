import Foundation

/// Where one of a member's bookings belongs on My bookings, and what it says about it: a
/// course that has happened is not "Confirmed" among the ones to come.
public enum MemberBookingSection: String, CaseIterable, Sendable {
    /// A confirmed place on a run that has not finished.
    case upcoming
    /// On the waiting list of a run that has not finished.
    case waiting
    /// The run has finished (or closed): completed, not completed, or results awaited.
    case past
    /// Cancelled by the member or staff, a waiting-list place the run never reached, or a
    /// run the service cancelled.
    case cancelled

    public var heading: String {
        switch self {
        case .upcoming: "Coming up"
        case .waiting: "On a waiting list"
        case .past: "Taken place"
        case .cancelled: "Cancelled"
        }
    }

    public static func of(_ status: BookingStatus, run: RunState, now: Date) -> MemberBookingSection {
        if status == .cancelled || run.status == .cancelled { return .cancelled }
        let over = run.status == .closed || run.endsAt < now
        switch status {
        case .confirmed: return over ? .past : .upcoming
        case .waitlisted: return over ? .cancelled : .waiting
        case .cancelled: return .cancelled
        }
    }

    /// What the status column says for a booking in the `past` section.
    public static func outcome(completed: Bool, run: RunState) -> String {
        if completed { return "Completed" }
        return run.status == .closed ? "Not completed" : "Results to come"
    }

    /// The order within a section: what comes next first; what is over, latest first.
    public var soonestFirst: Bool { self == .upcoming || self == .waiting }
}
