import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// The booking operations whose correctness the database holds (ARCHITECTURE.md).
///
/// Every operation that changes a run's bookings starts with a write to the run's row: a
/// conditional `UPDATE … WHERE confirmed_count < capacity` when taking a place, a plain
/// touch otherwise. On PostgreSQL that row lock serialises changes to one run across all
/// app instances; on SQLite the first write takes the database's write lock. So the
/// counters never drift and a freed place goes to exactly one person. Call these inside a
/// transaction (`db.transaction`), passing the transaction's database.
public enum BookingStore {
    public enum Placed: Sendable, Equatable {
        case confirmed
        case waitlisted(position: Int)
    }

    private static func sql(_ db: any Database) -> any SQLDatabase { db as! any SQLDatabase }

    /// The one statement that decides a placement: a place if one is left, else the end of
    /// the waiting list. Every SET expression reads the row as it was, so the CASEs agree;
    /// `last_placement_confirmed` carries the decision out through RETURNING, which only
    /// sees the new values (where "now full" and "was already full" look the same).
    static let placementUpdate = """
        UPDATE runs SET
            last_placement_confirmed = CASE WHEN confirmed_count < capacity THEN 1 ELSE 0 END,
            waitlist_count = waitlist_count + CASE WHEN confirmed_count < capacity THEN 0 ELSE 1 END,
            waitlist_seq = waitlist_seq + CASE WHEN confirmed_count < capacity THEN 0 ELSE 1 END,
            confirmed_count = confirmed_count + CASE WHEN confirmed_count < capacity THEN 1 ELSE 0 END,
            revision = revision + 1
        """

    /// One row per person per run: a new one, or their cancelled one brought back. An active
    /// one stays as it is and returns nothing, which means "already booked".
    static let bookingUpsertTail = """
        ON CONFLICT (run_id, user_id) DO UPDATE SET status = excluded.status, queue_number = excluded.queue_number,
            booked_at = excluded.booked_at, confirmed_at = excluded.confirmed_at,
            cancelled_at = NULL, cancelled_by = NULL, cancel_reason = NULL, outcome = NULL
        WHERE bookings.status = 'cancelled'
        RETURNING id
        """

    /// Takes a place if one is left, else joins the waiting list, inside the caller's
    /// transaction (a move uses it after releasing the old place). Throws
    /// `BookingRefusal.alreadyBooked` if the person holds an active booking on the run.
    public static func place(userID: UUID, runID: UUID, now: Date, on db: any Database) async throws -> (Booking, Placed) {
        let sql = sql(db)
        guard let decided = try await sql.raw("""
            \(unsafeRaw: placementUpdate) WHERE id = \(bind: runID)
            RETURNING last_placement_confirmed, waitlist_seq, waitlist_count
            """).first() else { throw BookingStoreError.noSuchRun }
        let took = try decided.decode(column: "last_placement_confirmed", as: Int.self) == 1
        // A newcomer joins at the end, so their place is the new length of the list (the
        // counter is exact: every join, leave and promotion moves it under the run's lock).
        let placed: Placed = took ? .confirmed : .waitlisted(position: try decided.decode(column: "waitlist_count", as: Int.self))
        let queueNumber = took ? nil : try decided.decode(column: "waitlist_seq", as: Int.self)
        let status: BookingStatus = took ? .confirmed : .waitlisted
        guard let row = try await sql.raw("""
            INSERT INTO bookings (id, run_id, user_id, status, queue_number, booked_at, confirmed_at)
            VALUES (\(bind: UUID()), \(bind: runID), \(bind: userID), \(bind: status.rawValue), \(bind: queueNumber), \(bind: now), \(bind: took ? now : nil))
            \(unsafeRaw: bookingUpsertTail)
            """).first() else { throw BookingRefusal.alreadyBooked }
        return (Booking(id: try row.decode(column: "id", as: UUID.self), runID: runID, userID: userID, placed: placed,
                        queueNumber: queueNumber, at: now), placed)
    }

    /// Whether the person holds a confirmed or waitlisted booking on the run.
    public static func holdsBooking(userID: UUID, runID: UUID, on db: any Database) async throws -> Bool {
        try await sql(db).raw("""
            SELECT id FROM bookings WHERE run_id = \(bind: runID) AND user_id = \(bind: userID) AND status <> 'cancelled'
            """).first() != nil
    }

    /// The person's confirmed or waitlisted booking on the run, if any.
    public static func activeBooking(userID: UUID, runID: UUID, on db: any Database) async throws -> Booking? {
        try await Booking.query(on: db).filter(\.$run.$id == runID).filter(\.$user.$id == userID)
            .filter(\.$status != .cancelled).first()
    }

    /// A booking with its person.
    public static func find(_ id: UUID, on db: any Database) async throws -> Booking? {
        try await Booking.query(on: db).filter(\.$id == id).with(\.$user).first()
    }

    /// Everyone booked on a run, in booking order, with their people and attendance.
    public static func roster(runID: UUID, on db: any Database) async throws -> [Booking] {
        try await Booking.query(on: db).filter(\.$run.$id == runID).with(\.$user).with(\.$attendance).sort(\.$bookedAt).all()
    }

    /// 1-based place on the waiting list.
    public static func position(runID: UUID, queueNumber: Int, on db: any Database) async throws -> Int {
        let row = try await sql(db).raw("""
            SELECT COUNT(*) AS ahead FROM bookings
            WHERE run_id = \(bind: runID) AND status = 'waitlisted' AND queue_number < \(bind: queueNumber)
            """).first()
        return (try row?.decode(column: "ahead", as: Int.self) ?? 0) + 1
    }

    /// Takes the run's row for the rest of the transaction.
    public static func lockRun(_ runID: UUID, on db: any Database) async throws {
        let rows = try await sql(db).raw("UPDATE runs SET waitlist_seq = waitlist_seq WHERE id = \(bind: runID) RETURNING id").all()
        if rows.isEmpty { throw BookingStoreError.noSuchRun }
    }

    public struct Released: Sendable {
        public var previousStatus: BookingStatus
        /// The booking confirmed in the freed place, if anyone was waiting.
        public var promoted: Booking?
    }

    /// Cancels an active booking. A freed confirmed place goes to the first on the waiting
    /// list in the same transaction. The caller has checked who may cancel.
    public static func release(_ bookingID: UUID, by actor: UUID?, reason: String?, now: Date, on db: any Database) async throws -> Released {
        guard let runID = try await Booking.query(on: db).filter(\.$id == bookingID).field(\.$run.$id).first()?.$run.id else {
            throw BookingStoreError.noSuchBooking
        }
        try await lockRun(runID, on: db)
        guard let booking = try await Booking.find(bookingID, on: db) else { throw BookingStoreError.noSuchBooking }
        let previous = booking.status
        guard previous != .cancelled else { throw BookingRefusal.notCancellable(.cancelled) }
        booking.status = .cancelled
        booking.cancelledAt = now
        booking.cancelledBy = actor
        booking.cancelReason = reason
        booking.queueNumber = nil
        try await booking.save(on: db)
        if previous == .waitlisted {
            try await sql(db).raw("UPDATE runs SET waitlist_count = waitlist_count - 1, revision = revision + 1 WHERE id = \(bind: runID)").run()
            return Released(previousStatus: previous, promoted: nil)
        }
        let first = try await Booking.query(on: db).filter(\.$run.$id == runID).filter(\.$status == .waitlisted)
            .sort(\.$queueNumber).first()
        guard let first else {
            try await sql(db).raw("UPDATE runs SET confirmed_count = confirmed_count - 1, revision = revision + 1 WHERE id = \(bind: runID)").run()
            return Released(previousStatus: previous, promoted: nil)
        }
        first.status = .confirmed
        first.confirmedAt = now
        first.queueNumber = nil
        try await first.save(on: db)
        try await sql(db).raw("UPDATE runs SET waitlist_count = waitlist_count - 1, revision = revision + 1 WHERE id = \(bind: runID)").run()
        return Released(previousStatus: previous, promoted: first)
    }

    /// Waiting-list positions of a run's waitlisted bookings, by booking id.
    public static func positions(runID: UUID, on db: any Database) async throws -> [UUID: Int] {
        let waiting = try await Booking.query(on: db).filter(\.$run.$id == runID).filter(\.$status == .waitlisted)
            .sort(\.$queueNumber).all()
        return Dictionary(uniqueKeysWithValues: try waiting.enumerated().map { (try $1.requireID(), $0 + 1) })
    }
}

public enum BookingStoreError: Error {
    case noSuchRun
    case noSuchBooking
}
