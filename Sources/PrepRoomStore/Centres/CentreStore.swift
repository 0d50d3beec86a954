import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// Queries about centres: their approvals, their standing for scheduling, what the
/// verification rule needs to know about a delivery, and their output for reports.
public enum CentreStore {
    private static func sql(_ db: any Database) -> any SQLDatabase { db as! any SQLDatabase }

    public static func find(_ id: UUID, on db: any Database) async throws -> Centre? {
        try await Centre.query(on: db).filter(\.$id == id).with(\.$localAuthority).with(\.$venues).first()
    }

    /// Every centre (or those of one status) by name, with its local authority.
    public static func list(status: CentreStatus? = nil, on db: any Database) async throws -> [Centre] {
        let query = Centre.query(on: db).with(\.$localAuthority).sort(\.$name)
        if let status { query.filter(\.$status == status) }
        return try await query.all()
    }

    /// The centre of exactly this name (operators type names on the command line).
    public static func named(_ name: String, on db: any Database) async throws -> Centre? {
        try await Centre.query(on: db).filter(\.$name == name).first()
    }

    /// The centre's latest runs, newest first, with their courses.
    public static func runs(of centreID: UUID, limit: Int, on db: any Database) async throws -> [Run] {
        try await Run.query(on: db).filter(\.$centre.$id == centreID).with(\.$course)
            .sort(\.$startsAt, .descending).range(..<limit).all()
    }

    /// The latest verification round of each of the centre's runs, by run id.
    public static func latestVerifications(of centreID: UUID, on db: any Database) async throws -> [UUID: ExternalVerificationRound] {
        let rounds = try await ExternalVerificationRound.query(on: db).filter(\.$centre.$id == centreID).all()
        return Dictionary(rounds.map { ($0.$run.id, $0) }, uniquingKeysWith: { $0.round > $1.round ? $0 : $1 })
    }

    /// Courses a centre may be approved to deliver, by title.
    public static func deliverableCourses(on db: any Database) async throws -> [Course] {
        try await Course.query(on: db).filter(\.$centreDeliverable == true).sort(\.$title).all()
    }

    /// One piece of a run's evidence with its document's bytes, for a download.
    public static func evidenceDocument(_ id: UUID, runID: UUID, on db: any Database) async throws -> ExternalVerificationEvidence? {
        try await ExternalVerificationEvidence.query(on: db).filter(\.$id == id).filter(\.$run.$id == runID).first()
    }

    /// Every approval the centre has been given, current and withdrawn, newest first.
    public static func approvals(of centreID: UUID, on db: any Database) async throws -> [CentreApproval] {
        try await CentreApproval.query(on: db).filter(\.$centre.$id == centreID).with(\.$course)
            .sort(\.$grantedAt, .descending).all()
    }

    public static func history(of centreID: UUID, on db: any Database) async throws -> [CentreStatusChange] {
        try await CentreStatusChange.query(on: db).filter(\.$centre.$id == centreID).sort(\.$changedAt).all()
    }

    /// How the centre stands for scheduling `courseCode` to start at `start`.
    public static func standing(_ centre: Centre, courseCode: String, at start: Date, on db: any Database) async throws
        -> SchedulingRules.CentreStanding {
        let approvals = try await approvals(of: centre.requireID(), on: db).map(\.rule)
        return SchedulingRules.CentreStanding(id: try centre.requireID(), name: centre.name, status: centre.status,
                                              approvedForCourse: ApprovalRules.approval(in: approvals, courseCode: courseCode, at: start) != nil)
    }

    /// What `ExternalVerificationRules.select` needs about a run whose results the centre submits.
    public static func deliveryFacts(run: Run, cohort: Int, on db: any Database) async throws -> DeliveryFacts {
        let runID = try run.requireID()
        guard let centreID = run.$centre.id else { throw CentreStoreError.notACentreRun }
        let earlier = try await Run.query(on: db).filter(\.$centre.$id == centreID).filter(\.$course.$id == run.$course.id)
            .filter(\.$status == .closed).filter(\.$id != runID).count()
        let previous = try await ExternalVerificationRound.query(on: db).filter(\.$centre.$id == centreID)
            .filter(\.$decidedAt != nil).sort(\.$decidedAt, .descending).first()
        let outcome = previous.flatMap { ExternalVerificationOutcome(rawValue: $0.status.rawValue) }
        return DeliveryFacts(firstDeliveryOfCourse: earlier == 0, cohort: cohort, previousOutcome: outcome)
    }

    /// The run's verification rounds, latest last.
    public static func verifications(of runID: UUID, on db: any Database) async throws -> [ExternalVerificationRound] {
        try await ExternalVerificationRound.query(on: db).filter(\.$run.$id == runID).sort(\.$round).all()
    }

    /// The run's evidence for listing: everything but the documents' bytes, which are read
    /// only when someone downloads one.
    public static func evidence(of runID: UUID, on db: any Database) async throws -> [ExternalVerificationEvidence] {
        try await ExternalVerificationEvidence.query(on: db).filter(\.$run.$id == runID)
            .field(\.$id).field(\.$run.$id).field(\.$authorID).field(\.$authorName).field(\.$note).field(\.$filename)
            .field(\.$contentType).field(\.$size).field(\.$createdAt)
            .sort(\.$createdAt).all()
    }

    /// Runs waiting for a verifier, oldest request first.
    public static func pendingVerifications(on db: any Database) async throws -> [ExternalVerificationRound] {
        try await ExternalVerificationRound.query(on: db).filter(\.$status == .pending).with(\.$centre)
            .with(\.$run) { $0.with(\.$course) }.sort(\.$requestedAt).all()
    }

    // MARK: The verification policy

    static let policyKey = "verification_policy"

    public static func policy(on db: any Database) async throws -> ExternalVerificationPolicy {
        guard let text = try await Setting.value(policyKey, on: db),
              let policy = try? JSONDecoder().decode(ExternalVerificationPolicy.self, from: Data(text.utf8)) else { return .standard }
        return policy
    }

    public static func save(_ policy: ExternalVerificationPolicy, by user: UUID?, on db: any Database) async throws {
        try await Setting.store(policyKey, String(decoding: try JSONEncoder().encode(policy), as: UTF8.self), by: user, on: db)
    }

    // MARK: Output, for reports

    public struct OutputRow: Sendable {
        /// nil: the service's own base.
        public var centreID: UUID?
        public var output: DeliveryOutput
    }

    /// Runs closed, delegates completed, CPD units and training hours (defined in
    /// `DeliveryOutput`) per provider, for runs starting in `from..<to`: SQL aggregates.
    public static func output(from: Date, to: Date, on db: any Database) async throws -> [OutputRow] {
        struct Count: Decodable { var centreId: UUID?; var n: Int }
        struct Units: Decodable { var centreId: UUID?; var completed: Int; var n: Int; var seconds: Double? }
        let sql = sql(db)
        let runs = try await sql.raw("""
            SELECT centre_id, COUNT(*) AS n FROM runs
            WHERE status = 'closed' AND starts_at >= \(bind: from) AND starts_at < \(bind: to) GROUP BY centre_id
            """).all(decoding: Count.self, keyDecodingStrategy: .convertFromSnakeCase)
        // Closed runs only: their totals hold the completions and attended days.
        let units = try await sql.raw("""
            SELECT r.centre_id, CAST(SUM(t.completions) AS BIGINT) AS completed, CAST(SUM(t.training_days) AS BIGINT) AS n,
                   CAST(SUM(t.training_seconds) AS DOUBLE PRECISION) AS seconds
            FROM run_totals t JOIN runs r ON r.id = t.run_id
            WHERE r.starts_at >= \(bind: from) AND r.starts_at < \(bind: to)
            GROUP BY r.centre_id
            """).all(decoding: Units.self, keyDecodingStrategy: .convertFromSnakeCase)
        var rows: [UUID?: DeliveryOutput] = [:]
        for row in runs { rows[row.centreId, default: DeliveryOutput()].runs = row.n }
        for row in units {
            rows[row.centreId, default: DeliveryOutput()].delegatesCompleted = row.completed
            rows[row.centreId, default: DeliveryOutput()].cpdUnits = row.n
            rows[row.centreId, default: DeliveryOutput()].trainingHours = DeliveryOutput.roundedHours(row.seconds ?? 0)
        }
        return rows.map { OutputRow(centreID: $0.key, output: $0.value) }
    }

    /// Verification outcomes decided in `from..<to`, per centre and outcome.
    public static func outcomes(from: Date, to: Date, on db: any Database) async throws -> [UUID: [ExternalVerificationOutcome: Int]] {
        struct Row: Decodable { var centreId: UUID; var status: String; var n: Int }
        let rows = try await sql(db).raw("""
            SELECT centre_id, status, COUNT(*) AS n FROM run_verifications
            WHERE decided_at >= \(bind: from) AND decided_at < \(bind: to) GROUP BY centre_id, status
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        var result: [UUID: [ExternalVerificationOutcome: Int]] = [:]
        for row in rows {
            if let outcome = ExternalVerificationOutcome(rawValue: row.status) { result[row.centreId, default: [:]][outcome] = row.n }
        }
        return result
    }
}

public enum CentreStoreError: Error {
    case notACentreRun
}
