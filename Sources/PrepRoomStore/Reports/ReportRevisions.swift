import Fluent
import SQLKit

/// The version of everything the reports read: sixteen counters that triggers on the
/// tables below add one to whenever a row is added, changed or removed
/// (`CreateReportRevisions`). A report worked out at one version is still right while the
/// version is unchanged, on every instance, so the reports can be kept between visits
/// (`ReportCache`) instead of counting ten years of bookings on each one.
public enum ReportRevisions {
    /// Tables the reports (annual, centres, evaluation, equality, the manager's staff home)
    /// read, directly or through a join, with a trigger on each (on `users`, for changes to a
    /// person's name, email and authority only: not for a sign-in).
    public static let counted = [
        "attendance", "bookings", "centres", "certificates", "courses", "equality_declarations",
        "evaluation_answers", "evaluation_questions", "evaluation_responses", "organisations",
        "run_sessions", "run_verifications", "runs", "settings", "users",
    ]

    /// Read by the reports but written in bulk, where a trigger would fire for each of
    /// thousands of rows in one transaction; their writers move the version by hand
    /// (`RunTotals.recount`, `RunTotals.countResponse`), or change the run as well (a run's
    /// close).
    public static let countedByHand = ["run_answer_totals", "run_totals"]

    /// Tables no report reads. A new table must be added to one of these three lists
    /// (`ReportCacheTests` checks every table of the live schema).
    public static let notCounted = [
        "_fluent_migrations", "_fluent_sessions", "audit_entries", "browser_sessions",
        "centre_approvals", "centre_status_changes", "centre_venues", "certificate_reminders",
        "community_attachments", "community_categories", "community_fanout", "community_flags", "community_follows", "community_members",
        "community_notifications", "community_post_edits", "community_posts", "community_reads", "community_suspensions", "community_topics", "council_meetings", "council_seats",
        "cpd_entries", "email_changes", "equipment_categories", "equipment_check_documents",
        "equipment_checks", "equipment_feeds", "equipment_items", "equipment_reminders",
        "equipment_task_holders", "evaluation_reminders", "meets_topic_votes", "meets_topics", "objective_status_changes", "objectives",
        "outbox", "password_resets", "rate_counters", "report_revisions", "resource_courses", "resource_versions", "resources", "schedule_revisions",
        "school_members", "schools", "search_entries", "sign_in_contexts", "sign_in_failures", "user_tokens",
        "verification_evidence",
    ]

    /// How many counters `CreateReportRevisions` made.
    static let shards = 16

    /// One number that moves whenever anything a report reads changes.
    public static func version(on db: any Database) async throws -> Int64 {
        try await (db as! any SQLDatabase).raw("SELECT CAST(SUM(revision) AS BIGINT) AS v FROM report_revisions").first()?
            .optional("v", as: Int64.self) ?? 0
    }

    /// Moves the version by hand, in the caller's transaction: for writes to the tables
    /// counted by hand. Call it last in the transaction: on PostgreSQL it locks the
    /// transaction's own counter (the one its triggers move at commit) until the commit.
    public static func bump(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let shard: SQLQueryString = PortableSQL.isPostgreSQL(sql) ? "txid_current() % \(unsafeRaw: "\(shards)")" : "0"
        try await sql.raw("UPDATE report_revisions SET revision = revision + 1 WHERE shard = \(shard)").run()
    }
}
