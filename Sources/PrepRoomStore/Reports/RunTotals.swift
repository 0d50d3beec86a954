import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// A closed run's figures, kept so reports over many years read one row a run instead of
/// visiting every booking (Benchmarks/README.md: 1M bookings).
///
/// Why this stays exact: once a run closes its attendance, results and completions are
/// final (`RunDelivery` refuses changes, `BookingRules` refuses cancellation, `BookingDesk`
/// refuses moves off it), and every completion is marked at the moment it closes. After
/// that only evaluation responses arrive, and `countResponse` adds each one in the
/// response's own transaction. Reports read these totals for closed runs and count
/// scheduled runs live, so a figure never depends on when the totals were written.
///
/// Tables: `run_totals` (one row a closed run) and `run_answer_totals` (rating and choice
/// answers a run's delegates gave, per question and value; free text is not totalled).
public enum RunTotals {
    private static func sql(_ db: any Database) -> any SQLDatabase { db as! any SQLDatabase }

    /// Writes every closed run's totals afresh in one transaction (after an import, or to
    /// repair), and moves the reports' version (`ReportRevisions`) by hand: nothing else in
    /// a recount does.
    @discardableResult
    public static func recount(on db: any Database) async throws -> Int {
        try await db.transaction { db in
            let runs = try await record(on: db)
            try await ReportRevisions.bump(on: db)
            return runs
        }
    }

    /// Writes the totals of closed runs from their bookings: `runID` for one run (inside the
    /// transaction that closes it, where the run's own change moves the reports' version),
    /// nil for every closed run. Returns how many runs were totalled.
    @discardableResult
    public static func record(runID: UUID? = nil, on db: any Database) async throws -> Int {
        let sql = sql(db)
        var which = SQLQueryString("r.status = 'closed'")
        if let runID { which.appendInterpolation(unsafeRaw: " AND r.id = "); which.appendInterpolation(bind: runID) }
        let confirmed = "FROM bookings b WHERE b.run_id = r.id AND b.status = 'confirmed'"
        func responses(_ step: EvaluationStep) -> String {
            "(SELECT COUNT(*) FROM evaluation_responses e JOIN bookings b ON b.id = e.booking_id WHERE b.run_id = r.id AND b.status = 'confirmed' AND e.step = '\(step.rawValue)')"
        }
        let seconds = PortableSQL.secondsBetween("s.starts_at", "s.ends_at", on: sql)
        try await sql.raw("DELETE FROM run_answer_totals WHERE run_id IN (SELECT r.id FROM runs r WHERE \(which))").run()
        try await sql.raw("DELETE FROM run_totals WHERE run_id IN (SELECT r.id FROM runs r WHERE \(which))").run()
        try await sql.raw("""
            INSERT INTO run_totals (run_id, completed_at, delegates, completions, training_days, training_seconds,
                                    pre_responses, post_responses, impact_responses)
            SELECT r.id,
                (SELECT MAX(b.completed_at) \(unsafeRaw: confirmed) AND b.completed = \(bind: true)),
                (SELECT COUNT(*) \(unsafeRaw: confirmed)),
                (SELECT COUNT(*) \(unsafeRaw: confirmed) AND b.completed = \(bind: true)),
                (SELECT COUNT(*) FROM attendance a JOIN bookings b ON b.id = a.booking_id
                 WHERE b.run_id = r.id AND b.status = 'confirmed' AND a.present = \(bind: true)),
                (SELECT CAST(COALESCE(SUM(\(unsafeRaw: seconds)), 0) AS DOUBLE PRECISION) FROM attendance a
                 JOIN bookings b ON b.id = a.booking_id JOIN run_sessions s ON s.run_id = b.run_id AND s.position = a.session_position
                 WHERE b.run_id = r.id AND b.status = 'confirmed' AND a.present = \(bind: true)),
                \(unsafeRaw: responses(.pre)), \(unsafeRaw: responses(.post)), \(unsafeRaw: responses(.impact))
            FROM runs r WHERE \(which)
            """).run()
        try await sql.raw("""
            INSERT INTO run_answer_totals (run_id, question_id, rating, choice, n)
            SELECT b.run_id, a.question_id, COALESCE(a.rating, 0), COALESCE(a.choice, ''), COUNT(*)
            FROM evaluation_answers a JOIN evaluation_responses e ON e.id = a.response_id
            JOIN bookings b ON b.id = e.booking_id JOIN runs r ON r.id = b.run_id
            WHERE \(which) AND b.status = 'confirmed' AND a.text IS NULL
            GROUP BY b.run_id, a.question_id, COALESCE(a.rating, 0), COALESCE(a.choice, '')
            """).run()
        struct Count: Decodable { var n: Int }
        return try await sql.raw("SELECT COUNT(*) AS n FROM run_totals t JOIN runs r ON r.id = t.run_id WHERE \(which)")
            .first(decoding: Count.self)?.n ?? 0
    }

    /// Adds a response just stored to its run's totals when the run is closed (a scheduled
    /// run is counted live). Call in the response's transaction, after locking the run so
    /// a close cannot total the run between the two.
    public static func countResponse(bookingID: UUID, step: EvaluationStep, answers: [UUID: EvaluationAnswer], on db: any Database) async throws {
        let column = "\(step.rawValue)_responses"
        struct Row: Decodable { var runId: UUID }
        guard let runID = try await sql(db).raw("""
            UPDATE run_totals SET \(unsafeRaw: column) = \(unsafeRaw: column) + 1
            WHERE run_id = (SELECT run_id FROM bookings WHERE id = \(bind: bookingID) AND status = 'confirmed') RETURNING run_id
            """).first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)?.runId else { return }
        for (questionID, answer) in answers {
            let value: (rating: Int, choice: String)
            switch answer {
            case .rating(let rating): value = (rating, "")
            case .choice(let choice): value = (0, choice)
            case .text: continue
            }
            try await sql(db).raw("""
                INSERT INTO run_answer_totals (run_id, question_id, rating, choice, n)
                VALUES (\(bind: runID), \(bind: questionID), \(bind: value.rating), \(bind: value.choice), 1)
                ON CONFLICT (run_id, question_id, rating, choice) DO UPDATE SET n = run_answer_totals.n + 1
                """).run()
        }
        try await ReportRevisions.bump(on: db)
    }
}
