import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// One of a member's own bookings, as plain values: what My bookings and
/// `GET /api/v1/me/bookings` show.
public struct MemberBooking: Sendable {
    public var id: UUID
    public var runID: UUID
    public var userID: UUID
    public var status: BookingStatus
    /// 1-based place on the waiting list, when waitlisted.
    public var position: Int?
    public var bookedAt: Date
    public var outcome: ResultOutcome?
    /// Set when the run closed: every session attended, and passed where assessed.
    public var completed: Bool
    public var courseCode: String
    public var courseTitle: String
    /// What the booking rules need of the run (status, times, booking window, cut-off).
    public var run: RunState
    /// The run's days in order.
    public var sessions: [SessionTimes]
}

/// A member's bookings in one statement (each booking with its run, course, waiting-list
/// position, and one row per day of the run), latest run first. Loading them as models took
/// five statements and one more per waitlisted booking, and most of the page's time went on
/// building and reading them; each statement left is a hop to the database's thread and back
/// (Benchmarks/README.md, "Signed-in pages").
public enum MemberBookingsQuery {
    public static func bookings(of userID: UUID, on db: any Database) async throws -> [MemberBooking] {
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT b.id, b.run_id, b.user_id, b.status, b.booked_at, b.outcome, b.completed,
                   -- the place on the waiting list, counted as BookingStore.position counts it
                   CASE WHEN b.status = 'waitlisted' AND b.queue_number IS NOT NULL THEN 1 + (
                       SELECT COUNT(*) FROM bookings w
                       WHERE w.run_id = b.run_id AND w.status = 'waitlisted' AND w.queue_number < b.queue_number) END AS position,
                   c.code AS course_code, c.title AS course_title, r.starts_at, r.ends_at, r.status AS run_status,
                   r.booking_opens_at, r.booking_closes_at, r.cancellation_cutoff_hours,
                   s.starts_at AS day_starts_at, s.ends_at AS day_ends_at
            FROM bookings b JOIN runs r ON r.id = b.run_id JOIN courses c ON c.id = r.course_id
                 LEFT JOIN run_sessions s ON s.run_id = b.run_id
            WHERE b.user_id = \(bind: userID)
            ORDER BY r.starts_at DESC, b.booked_at DESC, b.id, s.position
            """).all()
        // Read column by column: SQLKit's Codable decoding with snake-case keys cost more
        // than the statement. A booking's rows are consecutive, one per day of its run.
        var bookings: [MemberBooking] = []
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            if bookings.last?.id != id {
                bookings.append(MemberBooking(
                    id: id, runID: try row.decode(column: "run_id", as: UUID.self), userID: try row.decode(column: "user_id", as: UUID.self),
                    status: try row.decode(column: "status", as: BookingStatus.self), position: try row.optional("position", as: Int.self),
                    bookedAt: try row.decode(column: "booked_at", as: Date.self), outcome: try row.optional("outcome", as: ResultOutcome.self),
                    completed: try row.decode(column: "completed", as: Bool.self), courseCode: try row.decode(column: "course_code", as: String.self),
                    courseTitle: try row.decode(column: "course_title", as: String.self),
                    run: RunState(status: try row.decode(column: "run_status", as: RunStatus.self),
                                  startsAt: try row.decode(column: "starts_at", as: Date.self), endsAt: try row.decode(column: "ends_at", as: Date.self),
                                  bookingOpensAt: try row.optional("booking_opens_at", as: Date.self),
                                  bookingClosesAt: try row.optional("booking_closes_at", as: Date.self),
                                  cancellationCutOffHours: try row.optional("cancellation_cutoff_hours", as: Int.self)),
                    sessions: []))
            }
            if let start = try row.optional("day_starts_at", as: Date.self), let end = try row.optional("day_ends_at", as: Date.self) {
                bookings[bookings.count - 1].sessions.append(SessionTimes(start: start, end: end))
            }
        }
        return bookings
    }
}
