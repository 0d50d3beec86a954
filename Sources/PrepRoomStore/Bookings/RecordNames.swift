import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// Readable names for records the audit log holds only by id: people, runs, bookings and
/// centres, one statement for each kind that occurs.
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
        let sql = db as! any SQLDatabase
        var names = Names()
        // Rows are read column by column: SQLKit's Codable decoding cost more than the statements.
        func named(_ rows: [any SQLRow]) throws -> [UUID: String] {
            var names: [UUID: String] = [:]
            for row in rows { names[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "name", as: String.self) }
            return names
        }
        if !users.isEmpty {
            names.users = try named(try await sql.raw("SELECT id, name FROM users WHERE id IN (\(binds: Array(users)))").all())
        }
        if !centres.isEmpty {
            names.centres = try named(try await sql.raw("SELECT id, name FROM centres WHERE id IN (\(binds: Array(centres)))").all())
        }
        if !runs.isEmpty {
            let rows = try await sql.raw("""
                SELECT r.id, c.title, r.starts_at FROM runs r JOIN courses c ON c.id = r.course_id WHERE r.id IN (\(binds: Array(runs)))
                """).all()
            for row in rows {
                names.runs[try row.decode(column: "id", as: UUID.self)] =
                    "\(try row.decode(column: "title", as: String.self)), \(ServiceTime.shortDay(try row.decode(column: "starts_at", as: Date.self)))"
            }
        }
        if !bookings.isEmpty {
            let rows = try await sql.raw("""
                SELECT b.id, b.run_id, u.name, c.title, r.starts_at
                FROM bookings b JOIN users u ON u.id = b.user_id JOIN runs r ON r.id = b.run_id JOIN courses c ON c.id = r.course_id
                WHERE b.id IN (\(binds: Array(bookings)))
                """).all()
            for row in rows {
                let label = "\(try row.decode(column: "name", as: String.self)) on \(try row.decode(column: "title", as: String.self)), "
                    + ServiceTime.shortDay(try row.decode(column: "starts_at", as: Date.self))
                names.bookings[try row.decode(column: "id", as: UUID.self)] = (runID: try row.decode(column: "run_id", as: UUID.self), label: label)
            }
        }
        return names
    }
}
