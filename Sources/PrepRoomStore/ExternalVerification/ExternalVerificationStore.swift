import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// Queries about the external verification of centres' deliveries: the rounds and
/// evidence of a run, the queue, what the selection rule needs to know, the policy, and
/// outcomes for reports.
public enum ExternalVerificationStore {
    private static func sql(_ db: any Database) -> any SQLDatabase { db as! any SQLDatabase }

    /// A centre's latest runs, newest first, each with its course's title and the status of
    /// its latest verification round: what the centre's page lists, in one statement.
    public static func latestRuns(atCentre centreID: UUID, limit: Int, on db: any Database) async throws -> [CentreRunLine] {
        try await sql(db).raw("""
            SELECT r.id AS run_id, c.title AS course_title, r.starts_at, r.status,
                   (SELECT v.status FROM run_verifications v WHERE v.run_id = r.id ORDER BY v.round DESC LIMIT 1) AS verification
            FROM runs r JOIN courses c ON c.id = r.course_id
            WHERE r.centre_id = \(bind: centreID)
            ORDER BY r.starts_at DESC, r.id
            LIMIT \(bind: limit)
            """).all().map { row in
                // Column by column: SQLKit's Codable decoding with snake-case keys cost more than the statement.
                CentreRunLine(runID: try row.decode(column: "run_id", as: UUID.self), courseTitle: try row.decode(column: "course_title", as: String.self),
                              startsAt: try row.decode(column: "starts_at", as: Date.self), status: try row.decode(column: "status", as: RunStatus.self),
                              verification: try row.optional("verification", as: ExternalVerificationStatus.self))
            }
    }

    /// One piece of a run's evidence with its document's bytes, for a download.
    public static func evidenceDocument(_ id: UUID, runID: UUID, on db: any Database) async throws -> ExternalVerificationEvidence? {
        try await ExternalVerificationEvidence.query(on: db).filter(\.$id == id).filter(\.$run.$id == runID).first()
    }

    /// What `ExternalVerificationRules.select` needs about a run whose results the centre submits.
    public static func deliveryFacts(run: Run, cohort: Int, on db: any Database) async throws -> DeliveryFacts {
        let runID = try run.requireID()
        guard let centreID = run.$centre.id else { throw ExternalVerificationStoreError.notACentreRun }
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

    /// How many runs wait for a verifier (the staff home shows the number alone).
    public static func pendingCount(on db: any Database) async throws -> Int {
        try await sql(db).raw("""
            SELECT COUNT(*) AS n FROM run_verifications WHERE status = \(bind: ExternalVerificationStatus.pending.rawValue)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Runs waiting for a verifier, oldest request first, with their centres and courses:
    /// the queue in one statement.
    public static func pendingVerifications(on db: any Database) async throws -> [PendingVerification] {
        try await sql(db).raw("""
            SELECT v.run_id, ce.name AS centre_name, c.title AS course_title, v.requested_at, v.reasons
            FROM run_verifications v JOIN centres ce ON ce.id = v.centre_id
                 JOIN runs r ON r.id = v.run_id JOIN courses c ON c.id = r.course_id
            WHERE v.status = \(bind: ExternalVerificationStatus.pending.rawValue)
            ORDER BY v.requested_at, v.id
            """).all().map { row in
            PendingVerification(runID: try row.decode(column: "run_id", as: UUID.self), centreName: try row.decode(column: "centre_name", as: String.self),
                                courseTitle: try row.decode(column: "course_title", as: String.self),
                                requestedAt: try row.decode(column: "requested_at", as: Date.self),
                                reasons: ExternalVerificationRound.reasons(in: try row.decode(column: "reasons", as: String.self)))
        }
    }

    static let policyKey = "verification_policy"

    public static func policy(on db: any Database) async throws -> ExternalVerificationPolicy {
        guard let text = try await Setting.value(policyKey, on: db),
              let policy = try? JSONDecoder().decode(ExternalVerificationPolicy.self, from: Data(text.utf8)) else { return .standard }
        return policy
    }

    public static func save(_ policy: ExternalVerificationPolicy, by user: UUID?, on db: any Database) async throws {
        try await Setting.store(policyKey, String(decoding: try JSONEncoder().encode(policy), as: UTF8.self), by: user, on: db)
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

public enum ExternalVerificationStoreError: Error {
    case notACentreRun
}

/// One of a centre's runs as its page lists it (`ExternalVerificationStore.latestRuns`).
public struct CentreRunLine: Sendable, Decodable {
    public var runID: UUID
    public var courseTitle: String
    public var startsAt: Date
    public var status: RunStatus
    /// The latest verification round's status; nil when the run has none.
    public var verification: ExternalVerificationStatus?

    enum CodingKeys: String, CodingKey {
        case runID = "runId", courseTitle, startsAt, status, verification
    }
}

/// A delivery waiting for a verifier, as the queue lists it.
public struct PendingVerification: Sendable {
    public var runID: UUID
    public var centreName: String
    public var courseTitle: String
    public var requestedAt: Date
    public var reasons: [ExternalVerificationReason]
}
