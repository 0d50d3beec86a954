import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// One person booked on a run, as plain values: what the delegates page, its CSVs, the
/// sign-in sheet and `GET /api/v1/runs/{id}/bookings` show.
public struct RosterLine: Sendable {
    public var bookingID: UUID
    public var runID: UUID
    public var status: BookingStatus
    /// 1-based place on the waiting list, when waitlisted.
    public var position: Int?
    public var bookedAt: Date
    public var outcome: ResultOutcome?
    /// Set when the run closed: every session attended, and passed where assessed.
    public var completed: Bool
    public var cancelReason: String?
    public var userID: UUID
    public var name: String
    public var email: String
    /// The sessions (0-based positions) the person was marked present at.
    public var attended: Set<Int>
}

/// Everyone booked on a run, in booking order, in one statement: the bookings with their
/// people and the sessions each was marked present at. Loading them as models took four statements
/// (bookings, users, attendance, and the waiting list again for the positions) and most of
/// the delegates page's time went on building the models.
public enum RosterQuery {
    public static func lines(of runID: UUID, on db: any Database) async throws -> [RosterLine] {
        /// A booking row, read column by column: SQLKit's Codable decoding with snake-case
        /// keys cost more than the statements on the delegates page.
        struct Row {
            var id: UUID, status: BookingStatus, queueNumber: Int?, bookedAt: Date, outcome: ResultOutcome?, completed: Bool
            var cancelReason: String?, userId: UUID, name: String, email: String

            init(_ row: any SQLRow) throws {
                id = try row.decode(column: "id", as: UUID.self); status = try row.decode(column: "status", as: BookingStatus.self)
                queueNumber = try row.optional("queue_number", as: Int.self); bookedAt = try row.decode(column: "booked_at", as: Date.self)
                outcome = try row.optional("outcome", as: ResultOutcome.self); completed = try row.decode(column: "completed", as: Bool.self)
                cancelReason = try row.optional("cancel_reason", as: String.self); userId = try row.decode(column: "user_id", as: UUID.self)
                name = try row.decode(column: "name", as: String.self); email = try row.decode(column: "email", as: String.self)
            }
        }
        // One statement: each booking with one row per session it was marked present at
        // (none: one row), grouped in order below.
        var rows: [Row] = []
        var attended: [UUID: Set<Int>] = [:]
        for found in try await (db as! any SQLDatabase).raw("""
            SELECT b.id, b.status, b.queue_number, b.booked_at, b.outcome, b.completed, b.cancel_reason,
                   u.id AS user_id, u.name, u.email, a.session_position
            FROM bookings b JOIN users u ON u.id = b.user_id
                 LEFT JOIN attendance a ON a.booking_id = b.id AND a.present = \(bind: true)
            WHERE b.run_id = \(bind: runID)
            ORDER BY b.booked_at, b.id
            """).all() {
            let id = try found.decode(column: "id", as: UUID.self)
            if rows.last?.id != id { rows.append(try Row(found)) }
            if let position = try found.optional("session_position", as: Int.self) { attended[id, default: []].insert(position) }
        }
        // Counted as BookingStore.position counts it: the order of the queue numbers.
        let waiting = rows.filter { $0.status == .waitlisted }.sorted { ($0.queueNumber ?? .max) < ($1.queueNumber ?? .max) }
        let positions = Dictionary(uniqueKeysWithValues: waiting.enumerated().map { ($1.id, $0 + 1) })
        return rows.map { row in
            RosterLine(bookingID: row.id, runID: runID, status: row.status, position: positions[row.id], bookedAt: row.bookedAt,
                       outcome: row.outcome, completed: row.completed, cancelReason: row.cancelReason, userID: row.userId, name: row.name,
                       email: row.email, attended: attended[row.id] ?? [])
        }
    }
}
