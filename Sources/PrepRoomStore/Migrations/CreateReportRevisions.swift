import Fluent
import SQLKit

/// The reports' version (`ReportRevisions`): the same sixteen-counter design as
/// `CreateScheduleRevisions`, for the same reasons (one counter row would make every
/// booking wait for every other at commit; on PostgreSQL the deferred constraint trigger
/// takes the counter's row lock last, at commit, and the new count becomes visible in the
/// same instant as the change it counts). On PostgreSQL a transaction moves its counter
/// once, however many rows it writes: the function notes it has done so in a setting local
/// to the transaction (a booking writes a booking and its run, and a bulk load thousands).
struct CreateReportRevisions: AsyncMigration {
    static let shards = 16
    /// `ReportRevisions.counted` as it was when this migration was written; a table counted
    /// later gets its trigger from a later migration (`ReportCacheTests` checks the live schema).
    static let tables = [
        "attendance", "bookings", "centres", "certificates", "courses", "equality_declarations",
        "evaluation_answers", "evaluation_questions", "evaluation_responses", "organisations",
        "run_sessions", "run_verifications", "runs", "settings", "users",
    ]
    /// Tables whose updates count only for the columns the reports read: a person's sign-in
    /// (`users.last_signed_in_at`) must not make every report count its year again.
    static let updatesOf = ["users": "name, email, organisation_id"]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE TABLE report_revisions (shard INTEGER PRIMARY KEY, revision BIGINT NOT NULL)").run()
        let rows = (0..<Self.shards).map { "(\($0), 0)" }.joined(separator: ", ")
        try await sql.raw("INSERT INTO report_revisions (shard, revision) VALUES \(unsafeRaw: rows)").run()
        if PortableSQL.isPostgreSQL(sql) {
            try await sql.raw("""
                CREATE FUNCTION bump_report_revision() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
                BEGIN
                    IF current_setting('preproom.report_revision_moved', true) = 'yes' THEN RETURN NULL; END IF;
                    PERFORM set_config('preproom.report_revision_moved', 'yes', true);
                    UPDATE report_revisions SET revision = revision + 1 WHERE shard = txid_current() % \(unsafeRaw: "\(Self.shards)");
                    RETURN NULL;
                END $$
                """).run()
            for table in Self.tables {
                try await sql.raw("""
                    CREATE CONSTRAINT TRIGGER \(unsafeRaw: table)_report_revision
                    AFTER INSERT OR UPDATE\(unsafeRaw: Self.updatesOf[table].map { " OF \($0)" } ?? "") OR DELETE ON \(unsafeRaw: table)
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_report_revision()
                    """).run()
            }
        } else {
            for table in Self.tables {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    let columns = event == "UPDATE" ? Self.updatesOf[table].map { " OF \($0)" } ?? "" : ""
                    try await sql.raw("""
                        CREATE TRIGGER \(unsafeRaw: table)_report_\(unsafeRaw: event.lowercased()) AFTER \(unsafeRaw: event)\(unsafeRaw: columns) ON \(unsafeRaw: table)
                        BEGIN UPDATE report_revisions SET revision = revision + 1 WHERE shard = 0; END
                        """).run()
                }
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if PortableSQL.isPostgreSQL(sql) {
            for table in Self.tables {
                try await sql.raw("DROP TRIGGER \(unsafeRaw: table)_report_revision ON \(unsafeRaw: table)").run()
            }
            try await sql.raw("DROP FUNCTION bump_report_revision()").run()
        } else {
            for table in Self.tables {
                for event in ["insert", "update", "delete"] {
                    try await sql.raw("DROP TRIGGER \(unsafeRaw: table)_report_\(unsafeRaw: event)").run()
                }
            }
        }
        try await sql.raw("DROP TABLE report_revisions").run()
    }
}
