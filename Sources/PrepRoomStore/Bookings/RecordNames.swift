import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// Readable names for records the audit log holds only by id: people, runs, bookings and
/// centres, in one statement.
public enum RecordNames {
    public struct Names: Sendable {
        public var users: [UUID: String] = [:]
        /// "Chemical Handling, Wed 3 March 2027".
        public var runs: [UUID: String] = [:]
        /// The booking's person and run, and the run it is on.
        public var bookings: [UUID: (runID: UUID, label: String)] = [:]
        public var centres: [UUID: String] = [:]
        public init() {}
    }

    public static func of(users: Set<UUID>, runs: Set<UUID>, bookings: Set<UUID>, centres: Set<UUID>,
                          on db: any Database) async throws -> Names {
        // One statement for every kind that occurs (a branch each, joined by UNION ALL), read
        // column by column: a statement costs more than the rows it reads.
        // PostgreSQL types a UNION's columns pair by pair, and two untyped NULLs become text,
        // which a later uuid or timestamp column cannot join: the NULLs say their type.
        // (SQLite accepts the same casts and leaves NULL as it is.)
        let noTitle = "CAST(NULL AS TEXT)", noRun = "CAST(NULL AS UUID)", noStart = "CAST(NULL AS TIMESTAMPTZ)"
        var branches: [SQLQueryString] = []
        if !users.isEmpty {
            branches.append("SELECT 'user' AS kind, id, name, \(unsafeRaw: noTitle) AS title, \(unsafeRaw: noRun) AS run_id, \(unsafeRaw: noStart) AS starts_at FROM users WHERE id IN (\(binds: Array(users)))")
        }
        if !centres.isEmpty {
            branches.append("SELECT 'centre', id, name, \(unsafeRaw: noTitle), \(unsafeRaw: noRun), \(unsafeRaw: noStart) FROM centres WHERE id IN (\(binds: Array(centres)))")
        }
        if !runs.isEmpty {
            branches.append("""
                SELECT 'run', r.id, NULL, c.title, r.id, r.starts_at FROM runs r JOIN courses c ON c.id = r.course_id
                WHERE r.id IN (\(binds: Array(runs)))
                """)
        }
        if !bookings.isEmpty {
            branches.append("""
                SELECT 'booking', b.id, u.name, c.title, b.run_id, r.starts_at
                FROM bookings b JOIN users u ON u.id = b.user_id JOIN runs r ON r.id = b.run_id JOIN courses c ON c.id = r.course_id
                WHERE b.id IN (\(binds: Array(bookings)))
                """)
        }
        var names = Names()
        guard var statement = branches.first else { return names }
        for branch in branches.dropFirst() {
            statement.appendInterpolation(unsafeRaw: " UNION ALL ")
            statement.appendInterpolation(branch)
        }
        for row in try await (db as! any SQLDatabase).raw(statement).all() {
            let id = try row.decode(column: "id", as: UUID.self)
            switch try row.decode(column: "kind", as: String.self) {
            case "user": names.users[id] = try row.decode(column: "name", as: String.self)
            case "centre": names.centres[id] = try row.decode(column: "name", as: String.self)
            case "run":
                names.runs[id] = "\(try row.decode(column: "title", as: String.self)), \(ServiceTime.shortDay(try row.decode(column: "starts_at", as: Date.self)))"
            default:
                let label = "\(try row.decode(column: "name", as: String.self)) on \(try row.decode(column: "title", as: String.self)), "
                    + ServiceTime.shortDay(try row.decode(column: "starts_at", as: Date.self))
                names.bookings[id] = (runID: try row.decode(column: "run_id", as: UUID.self), label: label)
            }
        }
        return names
    }
}
