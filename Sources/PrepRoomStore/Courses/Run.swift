import Fluent
import Foundation
import PrepRoomCore

/// One scheduled delivery of a course, by the service or by an Accredited Centre.
public final class Run: Model, @unchecked Sendable {
    public static let schema = "runs"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "course_id") public var course: Course
    /// The delivering centre; nil when the service delivers it at its own base.
    @OptionalParent(key: "centre_id") public var centre: Centre?
    @OptionalField(key: "venue") public var venue: String?
    @OptionalField(key: "online_link") public var onlineLink: String?
    @Field(key: "capacity") public var capacity: Int
    /// Held by the database: only ever changed by a conditional UPDATE (ARCHITECTURE.md).
    @Field(key: "confirmed_count") public var confirmedCount: Int
    @Field(key: "waitlist_count") public var waitlistCount: Int
    @OptionalField(key: "booking_opens_at") public var bookingOpensAt: Date?
    @OptionalField(key: "booking_closes_at") public var bookingClosesAt: Date?
    /// First session's start and last session's end, kept with the sessions for
    /// ordering and calendar queries without a join.
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "ends_at") public var endsAt: Date
    /// The last waiting-list number handed out on this run (see `Booking.queueNumber`).
    @Field(key: "waitlist_seq") public var waitlistSeq: Int
    /// Members may cancel until this many hours before the start; nil: until the start.
    @OptionalField(key: "cancellation_cutoff_hours") public var cancellationCutOffHours: Int?
    @OptionalField(key: "cohort") public var cohort: String?
    @OptionalField(key: "notes") public var notes: String?
    @Enum(key: "status") public var status: RunStatus
    @Children(for: \.$run) public var sessions: [RunSession]
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $course, $centre, $venue, $onlineLink, $capacity, $confirmedCount, $waitlistCount, $bookingOpensAt, $bookingClosesAt, $startsAt, $endsAt, $waitlistSeq, $cancellationCutOffHours, $cohort, $notes, $status, $sessions, $createdAt] }

    public init() {}

    public var state: RunState {
        RunState(status: status, startsAt: startsAt, endsAt: endsAt, bookingOpensAt: bookingOpensAt,
                 bookingClosesAt: bookingClosesAt, cancellationCutOffHours: cancellationCutOffHours)
    }

    public var placesLeft: Int { RunRules.placesLeft(capacity: capacity, confirmed: confirmedCount) }

    public func bookingIsOpen(now: Date) -> Bool {
        RunRules.bookingIsOpen(status: status, opensAt: bookingOpensAt, closesAt: bookingClosesAt, startsAt: startsAt, now: now)
    }
}

/// One dated session of a run, in order (`position` 0, 1, …).
public final class RunSession: Model, @unchecked Sendable {
    public static let schema = "run_sessions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "run_id") public var run: Run
    @Field(key: "position") public var position: Int
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "ends_at") public var endsAt: Date

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $run, $position, $startsAt, $endsAt] }

    public init() {}
    public init(runID: UUID, position: Int, times: SessionTimes) {
        self.$run.id = runID; self.position = position; self.startsAt = times.start; self.endsAt = times.end
    }

    public var times: SessionTimes { SessionTimes(start: startsAt, end: endsAt) }
}
