import Fluent
import SQLKit

/// Runs still scheduled, by start: the homes list the open runs that have started
/// (`OpenRunsQuery`), and without this they would read every closed run of the past years.
/// A partial index (both engines have them) holds only the few open ones.
struct AddOpenRunsIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("CREATE INDEX runs_open_starts ON runs (starts_at) WHERE status = 'scheduled'").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX runs_open_starts").run()
    }
}
