import Fluent
import SQLKit

/// The schedule's version without reading every run: sixteen counters that a trigger on
/// `runs` adds one to whenever a run is added, removed or has its `revision` raised
/// (`CatalogueQuery.scheduleVersion` sums them). Summing `runs.revision` instead cost a
/// scan of every run on every cached public page (20,000 runs on ten years of data:
/// the home, course, run and calendar pages fell to 4–9% of `/healthz`).
///
/// Why sixteen, and why deferred on PostgreSQL: one counter row would make every booking
/// in the country wait for every other at commit. Each transaction bumps the counter
/// `txid % 16`, and the constraint trigger fires at commit, so that row lock is the last
/// one a transaction takes (it cannot deadlock with the run rows) and becomes visible in
/// the same instant as the change it counts. SQLite has one writer at a time, so one
/// counter is enough there; its triggers run inside the writing statement. The PostgreSQL
/// function keeps the schema search path it was created with, so a writer whose session
/// searches other schemas still bumps this schema's counters.
struct CreateScheduleRevisions: AsyncMigration {
    static let shards = 16

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE TABLE schedule_revisions (shard INTEGER PRIMARY KEY, revision BIGINT NOT NULL)").run()
        let rows = (0..<Self.shards).map { "(\($0), 0)" }.joined(separator: ", ")
        try await sql.raw("INSERT INTO schedule_revisions (shard, revision) VALUES \(unsafeRaw: rows)").run()
        if PortableSQL.isPostgreSQL(sql) {
            try await sql.raw("""
                CREATE FUNCTION bump_schedule_revision() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
                BEGIN
                    UPDATE schedule_revisions SET revision = revision + 1 WHERE shard = txid_current() % \(unsafeRaw: "\(Self.shards)");
                    RETURN NULL;
                END $$
                """).run()
            try await sql.raw("""
                CREATE CONSTRAINT TRIGGER runs_schedule_revision AFTER INSERT OR UPDATE OF revision OR DELETE ON runs
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_schedule_revision()
                """).run()
        } else {
            for (name, event) in Self.sqliteTriggers {
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: name) AFTER \(unsafeRaw: event) ON runs
                    BEGIN UPDATE schedule_revisions SET revision = revision + 1 WHERE shard = 0; END
                    """).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if PortableSQL.isPostgreSQL(sql) {
            try await sql.raw("DROP TRIGGER runs_schedule_revision ON runs").run()
            try await sql.raw("DROP FUNCTION bump_schedule_revision()").run()
        } else {
            for (name, _) in Self.sqliteTriggers { try await sql.raw("DROP TRIGGER \(unsafeRaw: name)").run() }
        }
        try await sql.raw("DROP TABLE schedule_revisions").run()
    }

    private static let sqliteTriggers = [
        ("runs_schedule_insert", "INSERT"),
        ("runs_schedule_revision", "UPDATE OF revision"),
        ("runs_schedule_delete", "DELETE"),
    ]
}
