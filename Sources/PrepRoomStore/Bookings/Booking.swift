import Fluent
import Foundation
import PrepRoomCore

/// A person's place on a run: confirmed, on the waiting list, or cancelled. One per
/// person per run (a unique index holds it), reused if they book again after cancelling.
public final class Booking: Model, @unchecked Sendable {
    public static let schema = "bookings"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "run_id") public var run: Run
    @Parent(key: "user_id") public var user: User
    @Enum(key: "status") public var status: BookingStatus
    /// Order on the waiting list: from the run's counter, so arrival order is kept even
    /// when people leave the list. Position = waitlisted bookings with a smaller number + 1.
    @OptionalField(key: "queue_number") public var queueNumber: Int?
    @Field(key: "booked_at") public var bookedAt: Date
    @OptionalField(key: "confirmed_at") public var confirmedAt: Date?
    @OptionalField(key: "cancelled_at") public var cancelledAt: Date?
    @OptionalField(key: "cancelled_by") public var cancelledBy: UUID?
    @OptionalField(key: "cancel_reason") public var cancelReason: String?
    @OptionalEnum(key: "outcome") public var outcome: ResultOutcome?
    /// Set when the run closes, for everyone who met `Completion`: reports count it.
    @Field(key: "completed") public var completed: Bool
    /// When the run closed with this delegate complete: the evaluation's timeline starts here.
    @OptionalField(key: "completed_at") public var completedAt: Date?
    @Children(for: \.$booking) public var attendance: [Attendance]

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $run, $user, $status, $queueNumber, $bookedAt, $confirmedAt, $cancelledAt, $cancelledBy, $cancelReason, $outcome, $completed, $completedAt, $attendance] }

    public init() {}

    /// A booking as the placement statement just wrote it (existing, so it can be saved later).
    convenience init(id: UUID, runID: UUID, userID: UUID, placed: BookingStore.Placed, queueNumber: Int?, at now: Date) {
        self.init()
        self.id = id
        $id.exists = true
        $run.id = runID
        $user.id = userID
        status = placed == .confirmed ? .confirmed : .waitlisted
        self.queueNumber = queueNumber
        bookedAt = now
        confirmedAt = placed == .confirmed ? now : nil
        completed = false
    }
}

/// Whether a delegate attended one session (by position) of their run.
public final class Attendance: Model, @unchecked Sendable {
    public static let schema = "attendance"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "booking_id") public var booking: Booking
    @Field(key: "session_position") public var sessionPosition: Int
    @Field(key: "present") public var present: Bool
    @Field(key: "recorded_at") public var recordedAt: Date
    @OptionalField(key: "recorded_by") public var recordedBy: UUID?

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $booking, $sessionPosition, $present, $recordedAt, $recordedBy] }

    public init() {}
}
