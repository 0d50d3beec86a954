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
        struct Named: Decodable { var id: UUID; var name: String }
        struct RunRow: Decodable { var id: UUID; var title: String; var startsAt: Date }
        struct BookingRow: Decodable { var id: UUID; var runId: UUID; var name: String; var title: String; var startsAt: Date }
        if !users.isEmpty {
            let rows = try await sql.raw("SELECT id, name FROM users WHERE id IN (\(binds: Array(users)))").all(decoding: Named.self)
            names.users = Dictionary(rows.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        }
        if !centres.isEmpty {
            let rows = try await sql.raw("SELECT id, name FROM centres WHERE id IN (\(binds: Array(centres)))").all(decoding: Named.self)
            names.centres = Dictionary(rows.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        }
        if !runs.isEmpty {
            let rows = try await sql.raw("""
                SELECT r.id, c.title, r.starts_at FROM runs r JOIN courses c ON c.id = r.course_id WHERE r.id IN (\(binds: Array(runs)))
                """).all(decoding: RunRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            names.runs = Dictionary(rows.map { ($0.id, "\($0.title), \(ServiceTime.shortDay($0.startsAt))") }, uniquingKeysWith: { first, _ in first })
        }
        if !bookings.isEmpty {
            let rows = try await sql.raw("""
                SELECT b.id, b.run_id, u.name, c.title, r.starts_at
                FROM bookings b JOIN users u ON u.id = b.user_id JOIN runs r ON r.id = b.run_id JOIN courses c ON c.id = r.course_id
                WHERE b.id IN (\(binds: Array(bookings)))
                """).all(decoding: BookingRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            names.bookings = Dictionary(rows.map { ($0.id, (runID: $0.runId, label: "\($0.name) on \($0.title), \(ServiceTime.shortDay($0.startsAt))")) },
                                        uniquingKeysWith: { first, _ in first })
        }
        return names
    }
}
