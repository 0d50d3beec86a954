import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// The annual report's figures for runs starting in `from..<to`, each one SQL aggregate
/// that runs the same on SQLite and PostgreSQL (definitions in `AnnualFigures`).
public struct AnnualReportQuery: Sendable {
    public var from: Date
    public var to: Date

    public init(from: Date, to: Date) { self.from = from; self.to = to }

    private func sql(_ db: any Database) -> any SQLDatabase { db as! any SQLDatabase }
    private struct Row: Decodable { var label: String?; var n: Int }

    /// Delegate-days: a delegate present at one day's session. Closed runs from their totals,
    /// runs still open counted from their attendance.
    public func trainingDays(on db: any Database) async throws -> Int {
        try await sql(db).raw("""
            SELECT (SELECT COALESCE(CAST(SUM(t.training_days) AS BIGINT), 0) FROM run_totals t JOIN runs r ON r.id = t.run_id
                    WHERE r.starts_at >= \(bind: from) AND r.starts_at < \(bind: to))
                 + (SELECT COUNT(*) FROM attendance a JOIN bookings b ON b.id = a.booking_id JOIN runs r ON r.id = b.run_id
                    WHERE a.present = \(bind: true) AND b.status = 'confirmed' AND r.status = 'scheduled'
                      AND r.starts_at >= \(bind: from) AND r.starts_at < \(bind: to)) AS n
            """).first(decoding: Row.self)?.n ?? 0
    }

    /// Distinct people holding a confirmed place, by the local authority (or member body)
    /// their account belongs to, and by the provider of the runs they booked (a person who
    /// booked with two providers counts once for each, and once among the authorities).
    public struct Delegates: Sendable {
        public var byAuthority: [AnnualFigures.Count]
        public var byCentre: [AnnualFigures.Count]
    }

    public func delegates(on db: any Database) async throws -> Delegates {
        let sql = sql(db)
        guard !PortableSQL.isPostgreSQL(sql) else {
            // PostgreSQL runs the shared pass slower than the two groupings apart (its hash
            // aggregate of the pairs spills to disk at the default work_mem), and has a
            // connection per statement to spare: the two run side by side.
            async let byAuthority = byAuthority(on: db)
            async let byCentre = byCentre(on: db)
            return try await Delegates(byAuthority: byAuthority, byCentre: byCentre)
        }
        // SQLite has one connection per event loop, so statements cannot run side by side:
        // one pass over the period's bookings serves both groupings, each (person, provider)
        // pair once, then the people once each. Two DISTINCTs over a million bookings cost
        // twice the one (Benchmarks/README.md, the annual report).
        struct KindRow: Decodable { var kind: String; var label: String?; var n: Int }
        let rows = try await sql.raw("""
            WITH pairs AS MATERIALIZED (
                SELECT b.user_id, r.centre_id FROM bookings b JOIN runs r ON r.id = b.run_id
                WHERE b.status = 'confirmed' AND r.status <> 'cancelled' AND r.starts_at >= \(bind: from) AND r.starts_at < \(bind: to)
                GROUP BY b.user_id, r.centre_id)
            SELECT 'authority' AS kind, o.name AS label, COUNT(*) AS n
            FROM (SELECT DISTINCT user_id FROM pairs) p JOIN users u ON u.id = p.user_id LEFT JOIN organisations o ON o.id = u.organisation_id
            GROUP BY o.name
            UNION ALL
            SELECT 'centre' AS kind, ce.name AS label, COUNT(DISTINCT p.user_id) AS n
            FROM pairs p LEFT JOIN centres ce ON ce.id = p.centre_id
            GROUP BY ce.name
            """).all(decoding: KindRow.self)
        func ranked(_ kind: String, missing: String) -> [AnnualFigures.Count] {
            AnnualFigures.ranked(rows.filter { $0.kind == kind }.map { AnnualFigures.Count(label: $0.label ?? missing, value: $0.n) })
        }
        return Delegates(byAuthority: ranked("authority", missing: Self.noAuthority), byCentre: ranked("centre", missing: ProviderName.nationalBase))
    }

    private static let noAuthority = "Not recorded"

    private func byAuthority(on db: any Database) async throws -> [AnnualFigures.Count] {
        // The period's people first, once each; then their authorities (a person books many
        // times, and looking each booking's person up was most of the cost at 1M bookings).
        try await counts(sql(db).raw("""
            WITH people AS MATERIALIZED (
                SELECT DISTINCT b.user_id FROM bookings b JOIN runs r ON r.id = b.run_id
                WHERE b.status = 'confirmed' AND r.status <> 'cancelled' AND r.starts_at >= \(bind: from) AND r.starts_at < \(bind: to))
            SELECT o.name AS label, COUNT(*) AS n
            FROM people p JOIN users u ON u.id = p.user_id LEFT JOIN organisations o ON o.id = u.organisation_id
            GROUP BY o.name
            """), missing: Self.noAuthority)
    }

    private func byCentre(on db: any Database) async throws -> [AnnualFigures.Count] {
        try await counts(sql(db).raw("""
            SELECT ce.name AS label, COUNT(DISTINCT b.user_id) AS n
            FROM bookings b JOIN runs r ON r.id = b.run_id LEFT JOIN centres ce ON ce.id = r.centre_id
            WHERE b.status = 'confirmed' AND r.status <> 'cancelled' AND r.starts_at >= \(bind: from) AND r.starts_at < \(bind: to)
            GROUP BY ce.name
            """), missing: ProviderName.nationalBase)
    }

    /// Delegates who completed, by course. Completions are marked when a run closes, so the
    /// closed runs' totals hold them all.
    public func completionsByCourse(on db: any Database) async throws -> [AnnualFigures.Count] {
        try await counts(sql(db).raw("""
            SELECT c.title AS label, CAST(SUM(t.completions) AS BIGINT) AS n
            FROM run_totals t JOIN runs r ON r.id = t.run_id JOIN courses c ON c.id = r.course_id
            WHERE r.starts_at >= \(bind: from) AND r.starts_at < \(bind: to)
            GROUP BY c.title HAVING SUM(t.completions) > 0
            """), missing: "")
    }

    /// Certificates issued in the period and not revoked: certificated courses completed.
    public func certificatesIssued(on db: any Database) async throws -> Int {
        try await sql(db).raw("""
            SELECT COUNT(*) AS n FROM certificates WHERE revoked_at IS NULL AND issued_at >= \(bind: from) AND issued_at < \(bind: to)
            """).first(decoding: Row.self)?.n ?? 0
    }

    /// Waiting lists of the period's runs, per course, with the runs it would take to clear them.
    public func demand(on db: any Database) async throws -> [AnnualFigures.Demand] {
        // SUM of a BIGINT is NUMERIC on PostgreSQL: cast back so both engines give an integer.
        struct DemandRow: Decodable { var code: String; var title: String; var waiting: Int; var places: Int }
        return try await sql(db).raw("""
            SELECT c.code, c.title, CAST(SUM(r.waitlist_count) AS BIGINT) AS waiting, MAX(r.capacity) AS places
            FROM runs r JOIN courses c ON c.id = r.course_id
            WHERE r.status <> 'cancelled' AND r.starts_at >= \(bind: from) AND r.starts_at < \(bind: to)
            GROUP BY c.code, c.title HAVING SUM(r.waitlist_count) > 0
            """).all(decoding: DemandRow.self)
            .map { AnnualFigures.Demand(courseCode: $0.code, courseTitle: $0.title, waiting: $0.waiting, placesPerRun: $0.places) }
            .sorted { $0.waiting != $1.waiting ? $0.waiting > $1.waiting : $0.courseTitle < $1.courseTitle }
    }

    private func counts(_ query: SQLRawBuilder, missing: String) async throws -> [AnnualFigures.Count] {
        AnnualFigures.ranked(try await query.all(decoding: Row.self).map { AnnualFigures.Count(label: $0.label ?? missing, value: $0.n) })
    }

    // MARK: The target

    static let targetKey = "training_day_target"

    public static func target(on db: any Database) async throws -> Int {
        Int(try await Setting.value(targetKey, on: db) ?? "") ?? AnnualFigures.defaultTrainingDayTarget
    }

    public static func setTarget(_ value: Int, by user: UUID?, on db: any Database) async throws {
        try await Setting.store(targetKey, String(value), by: user, on: db)
    }
}
