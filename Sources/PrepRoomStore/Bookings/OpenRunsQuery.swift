import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// A run that has started and is not yet closed, with what its provider has recorded: the
/// staff home and the coordinator's home list these with the next step
/// (`DeliveryRules.nextStep`).
public struct OpenRun: Sendable {
    public var runID: UUID
    public var courseTitle: String
    public var assessed: Bool
    public var startsAt: Date
    public var endsAt: Date
    public var centreName: String?
    public var confirmed: Int
    /// Days whose session has started by `now`, and whether the last one has.
    public var sessionsHeld: Int
    public var sessions: Int
    /// Attendance marks (present or absent) and results recorded for confirmed delegates.
    public var attendanceMarks: Int
    public var results: Int

    public var nextStep: DeliveryStep? {
        DeliveryRules.nextStep(confirmed: confirmed, sessionsHeld: sessionsHeld, attendanceMarks: attendanceMarks, assessed: assessed,
                               results: results, lastSessionStarted: sessionsHeld >= sessions)
    }
}

public enum OpenRunsQuery {
    /// The most runs listed, oldest first; the page says so when there may be more.
    public static let listLimit = 50

    /// Runs that started before `now` and are still scheduled, oldest first, in one
    /// statement. `centre`: one centre's runs; `nil`: every provider's. The partial index
    /// `runs_open_starts` keeps this to the few open runs, not ten years of closed ones.
    public static func runs(centre: UUID? = nil, now: Date = Date(), limit: Int = listLimit, on db: any Database) async throws -> [OpenRun] {
        let sql = db as! any SQLDatabase
        let scope: SQLQueryString = centre.map { "AND r.centre_id = \(bind: $0)" } ?? ""
        return try await sql.raw("""
            SELECT r.id, c.title, c.assessed, r.starts_at, r.ends_at, ce.name AS centre_name,
                   (SELECT COUNT(*) FROM bookings b WHERE b.run_id = r.id AND b.status = 'confirmed') AS confirmed,
                   (SELECT COUNT(*) FROM run_sessions s WHERE s.run_id = r.id AND s.starts_at <= \(bind: now)) AS sessions_held,
                   (SELECT COUNT(*) FROM run_sessions s WHERE s.run_id = r.id) AS sessions,
                   (SELECT COUNT(*) FROM attendance a JOIN bookings b ON b.id = a.booking_id
                    JOIN run_sessions s ON s.run_id = b.run_id AND s.position = a.session_position
                    WHERE b.run_id = r.id AND b.status = 'confirmed' AND s.starts_at <= \(bind: now)) AS attendance_marks,
                   (SELECT COUNT(*) FROM bookings b WHERE b.run_id = r.id AND b.status = 'confirmed' AND b.outcome IS NOT NULL) AS results
            FROM runs r JOIN courses c ON c.id = r.course_id LEFT JOIN centres ce ON ce.id = r.centre_id
            WHERE r.status = 'scheduled' AND r.starts_at <= \(bind: now) \(scope)
            ORDER BY r.starts_at, r.id
            LIMIT \(bind: limit)
            """).all().map { row in
                // Column by column: SQLKit's Codable decoding with snake-case keys cost more than the statement.
                OpenRun(runID: try row.decode(column: "id", as: UUID.self), courseTitle: try row.decode(column: "title", as: String.self),
                        assessed: try row.decode(column: "assessed", as: Bool.self), startsAt: try row.decode(column: "starts_at", as: Date.self),
                        endsAt: try row.decode(column: "ends_at", as: Date.self), centreName: try row.optional("centre_name", as: String.self),
                        confirmed: try row.decode(column: "confirmed", as: Int.self), sessionsHeld: try row.decode(column: "sessions_held", as: Int.self),
                        sessions: try row.decode(column: "sessions", as: Int.self),
                        attendanceMarks: try row.decode(column: "attendance_marks", as: Int.self), results: try row.decode(column: "results", as: Int.self))
            }
    }
}
