import Fluent
import FluentPostgresDriver
import Foundation
import PrepRoomCore
import SQLKit

/// A member booking a place: the placement, its audit entry and its email, all or nothing.
///
/// On PostgreSQL this is one statement in its own transaction (data-modifying CTEs), so the
/// run's row is locked only while PostgreSQL itself runs it and commits: no round trip to
/// the app happens under the lock, and the bookings of one run (which all queue on that
/// lock) follow each other as fast as the database can go (Benchmarks/README.md). On SQLite
/// the same writes go as plain statements in one write transaction: there the whole file
/// has one writer anyway and no network lies between the app and the database.
public struct NewBooking: Sendable {
    public var userID: UUID
    public var runID: UUID
    public var now: Date
    /// The emails, written before the lock: which one goes is decided under it, and the
    /// waiting-list one names the person's place, which only the placement knows.
    public var confirmation: EmailMessage
    public var waitlisted: @Sendable (_ position: Int) -> EmailMessage

    public init(userID: UUID, runID: UUID, now: Date, confirmation: EmailMessage,
                waitlisted: @escaping @Sendable (_ position: Int) -> EmailMessage) {
        self.userID = userID; self.runID = runID; self.now = now
        self.confirmation = confirmation; self.waitlisted = waitlisted
    }

    /// Audit details: the run, and the place on the waiting list.
    func details(position: Int?) -> String {
        "run:\(runID)" + (position.map { ", position \($0)" } ?? "")
    }

    /// Places the booking. Throws `BookingRefusal.alreadyBooked` (changing nothing) when the
    /// person already holds an active booking on the run.
    public func place(on db: any Database) async throws -> (Booking, BookingStore.Placed) {
        let sql = db as! any SQLDatabase
        if PortableSQL.isPostgreSQL(sql), !db.inTransaction {
            return try await placeInOneStatement(sql)
        }
        return try await db.writeTransaction { db in
            let (booking, placed) = try await BookingStore.place(userID: userID, runID: runID, now: now, on: db)
            let subject = "booking:\(try booking.requireID())"
            switch placed {
            case .confirmed:
                try await AuditEntry.record("booking.confirmed", subject: subject, actor: userID, details: details(position: nil), on: db)
                try await OutboxMessage.queue(confirmation, at: now, on: db)
            case .waitlisted(let position):
                try await AuditEntry.record("booking.waitlisted", subject: subject, actor: userID, details: details(position: position), on: db)
                try await OutboxMessage.queue(waitlisted(position), at: now, on: db)
            }
            return (booking, placed)
        }
    }

    /// Stands in for the waiting-list position in texts composed before it is known; the
    /// statement replaces it with the number.
    static let positionMarker = Int.max

    private func placeInOneStatement(_ sql: any SQLDatabase) async throws -> (Booking, BookingStore.Placed) {
        let marker = String(Self.positionMarker)
        let waiting = waitlisted(Self.positionMarker)
        let position = "CAST(r.waitlist_count AS TEXT)"
        // `guard`: when the person already holds a booking the upsert returns no row, and
        // dividing by that count of rows fails the statement, which undoes the counters,
        // the audit entry and the email with it (plain SQL has no other way to abort).
        let rows: [any SQLRow]
        do {
            rows = try await sql.raw("""
                WITH r AS (
                    \(unsafeRaw: BookingStore.placementUpdate) WHERE id = \(bind: runID)
                    RETURNING last_placement_confirmed = 1 AS took, waitlist_seq, waitlist_count
                ), b AS (
                    INSERT INTO bookings (id, run_id, user_id, status, queue_number, booked_at, confirmed_at)
                    SELECT \(bind: UUID()), \(bind: runID), \(bind: userID), CASE WHEN r.took THEN 'confirmed' ELSE 'waitlisted' END,
                           CASE WHEN r.took THEN NULL ELSE r.waitlist_seq END, \(bind: now), CASE WHEN r.took THEN \(bind: now) END
                    FROM r
                    \(unsafeRaw: BookingStore.bookingUpsertTail)
                ), a AS (
                    INSERT INTO audit_entries (id, at, actor_id, action, subject, details)
                    SELECT \(bind: UUID()), \(bind: now), \(bind: userID),
                           CASE WHEN r.took THEN 'booking.confirmed' ELSE 'booking.waitlisted' END,
                           'booking:' || UPPER(CAST(b.id AS TEXT)),
                           CASE WHEN r.took THEN \(bind: details(position: nil)) ELSE REPLACE(\(bind: details(position: Self.positionMarker)), \(bind: marker), \(unsafeRaw: position)) END
                    FROM r, b
                ), o AS (
                    INSERT INTO outbox (id, recipient, subject, body, attachments, created_at, attempts)
                    SELECT \(bind: UUID()), \(bind: confirmation.to),
                           CASE WHEN r.took THEN \(bind: confirmation.subject) ELSE \(bind: waiting.subject) END,
                           CASE WHEN r.took THEN \(bind: confirmation.body) ELSE REPLACE(\(bind: waiting.body), \(bind: marker), \(unsafeRaw: position)) END,
                           CASE WHEN r.took THEN \(bind: OutboxMessage.attachmentsJSON(confirmation)) ELSE \(bind: OutboxMessage.attachmentsJSON(waiting)) END,
                           \(bind: now), 0
                    FROM r, b
                )
                SELECT b.id, r.took, r.waitlist_seq, r.waitlist_count, 1 / (SELECT COUNT(*) FROM b) AS guard
                FROM r LEFT JOIN b ON TRUE
                """).all()
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "22012" {
            throw BookingRefusal.alreadyBooked
        }
        guard let row = rows.first else { throw BookingStoreError.noSuchRun }
        let took = try row.decode(column: "took", as: Bool.self)
        let placed: BookingStore.Placed = took ? .confirmed : .waitlisted(position: try row.decode(column: "waitlist_count", as: Int.self))
        let queueNumber = took ? nil : try row.decode(column: "waitlist_seq", as: Int.self)
        return (Booking(id: try row.decode(column: "id", as: UUID.self), runID: runID, userID: userID, placed: placed,
                        queueNumber: queueNumber, at: now), placed)
    }
}
