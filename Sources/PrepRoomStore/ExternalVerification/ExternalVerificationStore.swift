import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// Queries about the external verification of centres' deliveries: the rounds and
/// evidence of a run, the queue, what the selection rule needs to know, the policy, and
/// outcomes for reports.
public enum ExternalVerificationStore {
    private static func sql(_ db: any Database) -> any SQLDatabase { db as! any SQLDatabase }

    /// The latest verification round of each of these runs (the ones a centre's page
    /// lists), by run id: only their rounds, not every round of a centre's history.
    public static func latestVerifications(ofRuns runIDs: [UUID], on db: any Database) async throws -> [UUID: ExternalVerificationRound] {
        guard !runIDs.isEmpty else { return [:] }
        let rounds = try await ExternalVerificationRound.query(on: db).filter(\.$run.$id ~~ runIDs).all()
        return Dictionary(rounds.map { ($0.$run.id, $0) }, uniquingKeysWith: { $0.round > $1.round ? $0 : $1 })
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

    /// Runs waiting for a verifier, oldest request first.
    public static func pendingVerifications(on db: any Database) async throws -> [ExternalVerificationRound] {
        try await ExternalVerificationRound.query(on: db).filter(\.$status == .pending).with(\.$centre)
            .with(\.$run) { $0.with(\.$course) }.sort(\.$requestedAt).all()
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
