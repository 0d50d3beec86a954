import Fluent
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// The external verification of centres' deliveries, for API clients: the run's rounds
/// and evidence, the verifier's decision, the centre's actions, and the selection policy.
struct ExternalVerificationAPI: RouteCollection {
    struct Outcome: Content { var outcome: String?; var notes: String?; var recommendations: String?; var actions: String? }
    struct Note: Content { var note: String? }
    struct Policy: Content { var largeCohortThreshold: Int; var sampleRate: Double }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("runs", ":runID", "verification", use: verification)
        routes.post("runs", ":runID", "verification", use: decide)
        routes.post("runs", ":runID", "verification", "evidence", use: addEvidence)
        routes.post("runs", ":runID", "verification", "actions-completed", use: completeActions)
        routes.get("verification-policy", use: policy)
        routes.put("verification-policy", use: setPolicy)
    }

    /// The run's verification as the centre and the verifiers see it.
    static func verificationView(_ req: Request) async throws -> (Run, ExternalVerificationDTO) {
        let runID = try req.runID()
        let view = try await ExternalVerificationDesk(db: req.db, links: Links(req)).view(runID: runID, for: try req.requireUser())
        let run = view.run, rounds = view.rounds
        let evidence = view.evidence.map {
            ExternalVerificationDTO.Evidence(id: $0.linkID, author: $0.authorName, note: $0.note, filename: $0.filename,
                                     size: $0.size, createdAt: $0.createdAt)
        }
        return (run, ExternalVerificationDTO(runId: runID.uuidString, status: rounds.last?.status, rounds: rounds.map(ExternalVerificationDTO.Round.init),
                                     evidence: evidence))
    }

    func verification(req: Request) async throws -> ExternalVerificationDTO { try await Self.verificationView(req).1 }

    func decide(req: Request) async throws -> ExternalVerificationDesk.Decision {
        let user = try req.requireUser()
        let body = try req.decodeBody(Outcome.self)
        let outcome = try body.outcome.map { text in
            guard let outcome = ExternalVerificationOutcome(rawValue: text) else {
                throw ServiceError(.unprocessableEntity, "invalid", "outcome must be accepted, accepted_with_recommendations or not_accepted.", field: "outcome")
            }
            return outcome
        }
        return try await ExternalVerificationDesk(db: req.db, links: Links(req)).decide(runID: try req.runID(), outcome: outcome, notes: body.notes,
                                                                               recommendations: body.recommendations, actions: body.actions, by: user)
    }

    func addEvidence(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        try await ExternalVerificationDesk(db: req.db, links: Links(req)).addEvidence(runID: try req.runID(), note: try req.decodeBody(Note.self).note,
                                                                             file: nil, by: user)
        return .created
    }

    func completeActions(req: Request) async throws -> ExternalVerificationDTO {
        let user = try req.requireUser()
        try await ExternalVerificationDesk(db: req.db, links: Links(req)).completeActions(runID: try req.runID(),
                                                                                 note: try req.decodeBody(Note.self).note, by: user)
        return try await Self.verificationView(req).1
    }

    func policy(req: Request) async throws -> Policy {
        try req.require({ $0.has(.verifier) || $0.managesCentres }, "Only verifiers and course admins can see the verification policy.")
        let policy = try await ExternalVerificationStore.policy(on: req.db)
        return Policy(largeCohortThreshold: policy.largeCohortThreshold, sampleRate: policy.sampleRate)
    }

    func setPolicy(req: Request) async throws -> Policy {
        let user = try req.require({ $0.has(.verifier) || $0.managesCentres }, "Only verifiers and course admins can change the verification policy.")
        let body = try req.decodeBody(Policy.self)
        try await ExternalVerificationDesk.savePolicy(ExternalVerificationPolicy(largeCohortThreshold: body.largeCohortThreshold, sampleRate: body.sampleRate), by: user, on: req.db)
        return body
    }
}

extension ExternalVerificationDesk.Decision: Content {}
