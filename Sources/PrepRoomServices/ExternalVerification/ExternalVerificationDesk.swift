import FluentKit
import PrepRoomCore
import PrepRoomStore
import SQLKit
import Foundation

/// External verification of centres' deliveries: the selection when results come in
/// (`ExternalVerificationRules.select`), the verifier's outcome, evidence, and the centre's
/// completed actions after a Not Accepted.
package struct ExternalVerificationDesk {
    package let db: any Database
    package let links: Links
    package var now = Date()

    package init(db: any Database, links: Links) { self.db = db; self.links = links }

    /// A run's verification as the centre and the verifiers see it.
    package struct View {
        package var run: Run
        package var rounds: [ExternalVerificationRound]
        package var evidence: [ExternalVerificationEvidence]
    }

    package func view(runID: UUID, for user: User) async throws -> View {
        guard let run = try await RunStore.find(runID, on: db) else { throw ServiceError.notFound("run") }
        guard ExternalVerificationRules.maySee(user.permissions, ownCentre: user.centreID, runCentre: run.$centre.id) else {
            throw ServiceError.forbidden("Only the run's centre and the verifiers can see its verification.")
        }
        return View(run: run, rounds: try await ExternalVerificationStore.verifications(of: runID, on: db),
                    evidence: try await ExternalVerificationStore.evidence(of: runID, on: db))
    }

    /// A document of a run's evidence, for those who may see the run's verification.
    package func document(_ evidenceID: UUID?, runID: UUID, for user: User) async throws -> (filename: String, contentType: String, bytes: Data) {
        _ = try await view(runID: runID, for: user)
        guard let evidenceID, let evidence = try await ExternalVerificationStore.evidenceDocument(evidenceID, runID: runID, on: db),
              let content = evidence.content else { throw ServiceError.notFound("document") }
        return (evidence.filename ?? "evidence", evidence.contentType ?? "application/octet-stream", content)
    }

    /// Called by `RunDelivery.close` inside its transaction for a centre's run: records the
    /// selection (or that there was none) and says whether certificates must wait.
    package func select(run: Run, cohort: Int, facts: DeliveryFacts, policy: ExternalVerificationPolicy, by actor: UUID?,
                on db: any Database) async throws -> ExternalVerificationSelection {
        let selection = ExternalVerificationRules.select(facts, policy: policy, seed: UInt64.random(in: .min ... .max))
        let runID = try run.requireID()
        guard let centreID = run.$centre.id else { throw ExternalVerificationStoreError.notACentreRun }
        let round = ExternalVerificationRound()
        round.$run.id = runID
        round.$centre.id = centreID
        round.round = 1
        round.status = selection.selected ? .pending : .notSelected
        round.reasonsText = selection.reasons.map(\.rawValue).joined(separator: ",")
        round.seed = String(selection.seed)
        round.draw = selection.draw
        round.sampleRate = policy.sampleRate
        round.cohortThreshold = policy.largeCohortThreshold
        round.cohort = cohort
        round.requestedAt = now
        try await round.create(on: db)
        try await AuditEntry.record(selection.selected ? "verification.selected" : "verification.not_selected", subject: "run:\(runID)",
                                    actor: actor, details: selection.reasons.map(\.rawValue).joined(separator: ", ")
                                        + " (draw \(String(format: "%.4f", selection.draw)) against \(policy.sampleRate), seed \(selection.seed))", on: db)
        if selection.selected {
            try await notifyVerifiers(run: run, reasons: selection.reasons.map { $0.sentence(threshold: policy.largeCohortThreshold) }, on: db)
        }
        return selection
    }

    private func notifyVerifiers(run: Run, reasons: [String], on db: any Database) async throws {
        let verifiers = try await User.query(on: db).filter(\.$status == .approved).all()
            .filter { $0.roles.contains(.verifier) && $0.centreID != run.$centre.id }
        for verifier in verifiers {
            try await OutboxMessage.queue(ExternalVerificationNotices.verificationRequested(to: verifier.email, centre: run.centre?.name ?? "A centre",
                                                                             course: run.course.title, reasons: reasons,
                                                                             url: links.absolute(.run(run.linkID, .verification))), at: now, on: db)
        }
    }

    package struct Decision: Sendable, Codable {
        package var outcome: ExternalVerificationOutcome
        package var certificatesIssued: Int

        package init(outcome: ExternalVerificationOutcome, certificatesIssued: Int) {
            self.outcome = outcome; self.certificatesIssued = certificatesIssued
        }
    }

    /// A verifier records the outcome of the run's pending round. Accepted (with or without
    /// recommendations) certificates everyone who completed; Not Accepted lists actions and
    /// certificates wait.
    package func decide(runID: UUID, outcome: ExternalVerificationOutcome?, notes: String?, recommendations: String?, actions: String?,
                by user: User) async throws -> Decision {
        guard user.permissions.has(.verifier) else { throw ServiceError.forbidden("Only verifiers can record a verification outcome.") }
        guard let run = try await RunStore.find(runID, on: db) else { throw ServiceError.notFound("run") }
        guard let centreID = run.$centre.id else {
            throw ServiceError.conflict("not_selected", "This run was delivered by the service itself; only centres' deliveries are verified.")
        }
        guard ExternalVerificationRules.mayVerify(user.permissions, ownCentre: user.centreID, runCentre: centreID) else {
            throw ServiceError.forbidden("You belong to \(run.centre?.name ?? "this centre"), so another verifier must verify its delivery.")
        }
        guard let round = try await ExternalVerificationStore.verifications(of: runID, on: db).last, round.status == .pending else {
            throw ServiceError.conflict("not_selected", "This run is not waiting for verification: it was not selected, or its outcome is already recorded.")
        }
        let errors = ExternalVerificationRules.outcomeErrors(outcome, recommendations: recommendations, actions: actions)
        guard errors.isEmpty, let outcome else { throw ServiceError.invalid(errors) }
        let (notes, recommendations, actions) = (clean(notes), clean(recommendations), clean(actions))
        let roundID = try round.requireID(), actor = try user.requireID()
        let issued = try await db.writeTransaction { db -> Int in
            // Only the first decision counts, whatever else is racing it.
            let decided = try await (db as! any SQLDatabase).raw("""
                UPDATE run_verifications SET status = \(bind: outcome.rawValue), decided_at = \(bind: now), decided_by = \(bind: actor),
                    notes = \(bind: notes), recommendations = \(bind: recommendations), actions = \(bind: actions)
                WHERE id = \(bind: roundID) AND status = 'pending' RETURNING id
                """).all()
            guard !decided.isEmpty else { throw ServiceError.conflict("already_decided", "Another verifier has just recorded this outcome.") }
            try await AuditEntry.record("verification.\(outcome.rawValue)", subject: "run:\(runID)", actor: actor,
                                        details: "round \(round.round)" + (actions.map { ", actions: \($0)" } ?? ""), on: db)
            let issued = outcome.releasesCertificates ? try await CertificateDesk.issueToCompleted(run: run, now: now, links: links, on: db) : 0
            try await notifyCentre(run: run, outcome: outcome, recommendations: recommendations, actions: actions, on: db)
            return issued
        }
        return Decision(outcome: outcome, certificatesIssued: issued)
    }

    private func clean(_ text: String?) -> String? { text?.trimmed.nilIfEmpty }

    private func notifyCentre(run: Run, outcome: ExternalVerificationOutcome, recommendations: String?, actions: String?, on db: any Database) async throws {
        guard let centre = run.centre else { return }
        let coordinators = try await User.query(on: db).filter(\.$centreID == centre.requireID()).all()
            .filter { $0.roles.contains(.centreCoordinator) }.map(\.email)
        for email in Set(coordinators + [centre.contactEmail].compactMap { $0 }) {
            try await OutboxMessage.queue(ExternalVerificationNotices.verificationDecided(to: email, centre: centre.name, course: run.course.title, outcome: outcome,
                                                                           recommendations: recommendations, actions: actions,
                                                                           url: links.absolute(.run(run.linkID, .verification))), at: now, on: db)
        }
    }

    /// The centre says the actions of a Not Accepted round are done: the run goes back to
    /// the verifiers as a new round.
    package func completeActions(runID: UUID, note: String?, by user: User) async throws {
        let run = try await ProvidedRun.find(runID, by: user, on: db)
        guard let round = try await ExternalVerificationStore.verifications(of: runID, on: db).last, round.status == .notAccepted,
              round.actionsCompletedAt == nil else {
            throw ServiceError.conflict("no_actions", "This run has no Not Accepted verification waiting for its actions.")
        }
        guard let note = note?.trimmed.nilIfEmpty else {
            throw ServiceError.invalid([FieldError("note", "Say what was done for each action")])
        }
        try await db.writeTransaction { db in
            round.actionsCompletedAt = now
            round.actionsNote = note
            try await round.save(on: db)
            let next = ExternalVerificationRound()
            next.$run.id = runID
            next.$centre.id = round.$centre.id
            next.round = round.round + 1
            next.status = .pending
            next.reasonsText = ExternalVerificationReason.previousNotAccepted.rawValue
            next.seed = round.seed
            next.draw = round.draw
            next.sampleRate = round.sampleRate
            next.cohortThreshold = round.cohortThreshold
            next.cohort = round.cohort
            next.requestedAt = now
            try await next.create(on: db)
            try await AuditEntry.record("verification.actions_completed", subject: "run:\(runID)", actor: user.id, details: note, on: db)
            try await notifyVerifiers(run: run, reasons: ["The centre has completed the actions of its Not Accepted verification."], on: db)
        }
    }

    package static let maxDocumentBytes = 5 * 1024 * 1024
    /// The whole upload form: the document, its note and the multipart framing.
    package static let maxUploadBytes = 6 * 1024 * 1024

    /// A note or a document for the verifier: the run's provider or a verifier adds it.
    package func addEvidence(runID: UUID, note: String?, file: Upload?, by user: User) async throws {
        guard let run = try await RunStore.find(runID, on: db) else { throw ServiceError.notFound("run") }
        guard let centreID = run.$centre.id else { throw ServiceError.conflict("not_a_centre_run", "Only centres' deliveries carry verification evidence.") }
        let provides = user.permissions.provides(runCentre: centreID, ownCentre: user.centreID)
        let verifies = ExternalVerificationRules.mayVerify(user.permissions, ownCentre: user.centreID, runCentre: centreID)
        guard provides || verifies else { throw ServiceError.forbidden("Only the centre and the verifiers can add evidence.") }
        let note = note?.trimmed.nilIfEmpty
        let upload = file.flatMap { $0.bytes.isEmpty ? nil : $0 }
        guard note != nil || upload != nil else { throw ServiceError.invalid([FieldError("note", "Write a note or choose a document")]) }
        if let upload, upload.bytes.count > Self.maxDocumentBytes {
            throw ServiceError.invalid([FieldError("document", "Documents can be at most \(Upload.megabytes(Self.maxDocumentBytes))")])
        }
        let evidence = ExternalVerificationEvidence()
        evidence.$run.id = runID
        evidence.authorID = user.id
        evidence.authorName = user.name
        evidence.note = note
        evidence.filename = upload.map { String($0.filename.suffix(200)) }
        evidence.contentType = upload.map { $0.contentType ?? "application/octet-stream" }
        evidence.size = upload?.bytes.count ?? 0
        evidence.content = upload?.bytes
        evidence.createdAt = now
        try await db.writeTransaction { db in
            try await evidence.create(on: db)
            try await AuditEntry.record("verification.evidence_added", subject: "run:\(runID)", actor: user.id,
                                        details: evidence.filename ?? "note", on: db)
        }
    }

    /// Verifiers and course admins set how deliveries are sampled.
    package static func savePolicy(_ policy: ExternalVerificationPolicy, by user: User, on db: any Database) async throws {
        let errors = policy.errors()
        guard errors.isEmpty else { throw ServiceError.invalid(errors) }
        try await db.writeTransaction { db in
            try await ExternalVerificationStore.save(policy, by: user.id, on: db)
            try await AuditEntry.record("verification.policy_changed", subject: "settings:verification_policy", actor: user.id,
                                        details: "large cohort over \(policy.largeCohortThreshold), random sample \(policy.sampleRate)", on: db)
        }
    }
}
