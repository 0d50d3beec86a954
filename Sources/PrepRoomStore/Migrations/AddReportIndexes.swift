import Fluent
import SQLKit

/// Indexes the reports lean on at scale (Benchmarks/README.md, 1M bookings): bookings read
/// by run with their status, person and completion straight from the index, and
/// certificates by issue date, people with their authority (runs by start already have
/// `runs_starts`).
struct AddReportIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX bookings_run_report ON bookings (run_id, status, completed, user_id)").run()
        try await sql.raw("CREATE INDEX certificates_issued ON certificates (issued_at)").run()
        try await sql.raw("CREATE INDEX users_organisation ON users (id, organisation_id)").run()
        try await sql.raw("CREATE INDEX attendance_present ON attendance (booking_id, present)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in ["attendance_present", "users_organisation", "certificates_issued", "bookings_run_report"] { try await sql.raw("DROP INDEX \(unsafeRaw: index)").run() }
    }
}
