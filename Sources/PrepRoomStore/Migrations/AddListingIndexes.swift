import Fluent
import SQLKit

/// Indexes for the staff lists that read one page of a large table in order (on ten years
/// of data, Benchmarks/README.md): without them every page sorted all the rows first.
/// - `users_name`: the admins' accounts page, by name (`AccountDirectoryQuery.decided`);
/// - `users_status`: the registrations waiting, counted and oldest first
///   (`AccountDirectoryQuery.waiting`; counting them scanned every account);
/// - `runs_centre_starts`: a centre's page, its latest runs (`ExternalVerificationStore.latestRuns(atCentre:)`).
struct AddListingIndexes: AsyncMigration {
    private static let indexes = [
        ("users_name", "users (name, email)"),
        ("users_status", "users (status, created_at)"),
        ("runs_centre_starts", "runs (centre_id, starts_at)"),
    ]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for (name, columns) in Self.indexes { try await sql.raw("CREATE INDEX \(unsafeRaw: name) ON \(unsafeRaw: columns)").run() }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for (name, _) in Self.indexes.reversed() { try await sql.raw("DROP INDEX \(unsafeRaw: name)").run() }
    }
}
