import Fluent
import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// A run's verification: what selected it, the evidence, the verifier's outcome, and the
/// centre's completed actions; and the verifiers' queue with the sampling policy.
struct ExternalVerificationPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("runs", ":runID", "verification", use: show)
        routes.post("runs", ":runID", "verification", use: decide)
        routes.on(.POST, "runs", ":runID", "verification", "evidence", body: .collect(maxSize: ByteCount(value: ExternalVerificationDesk.maxUploadBytes)),
                  use: addEvidence)
            .acceptingForms(upTo: ExternalVerificationDesk.maxUploadBytes)
        routes.get("runs", ":runID", "verification", "evidence", ":evidenceID", use: document)
        routes.post("runs", ":runID", "verification", "actions-completed", use: completeActions)
        routes.get("staff", "verifications", use: queue)
        routes.post("staff", "verifications", "policy", use: savePolicy)
    }

    private func page(_ req: Request, outcome: ExternalVerificationPage.OutcomeInput = .init(), errors: [FieldError] = []) async throws -> Response {
        let (run, view) = try await ExternalVerificationAPI.verificationView(req)
        let user = try req.requireUser()
        let mayDecide = run.$centre.id.map { ExternalVerificationRules.mayVerify(user.permissions, ownCentre: user.centreID, runCentre: $0) } ?? false
        let provides = user.permissions.provides(runCentre: run.$centre.id, ownCentre: user.centreID)
        // The verifier checks the attendance and results here: the delegates page is the provider's.
        let roster = mayDecide || provides
            ? try await RosterQuery.lines(of: run.requireID(), on: req.db).filter { $0.status == .confirmed }.sorted { $0.name < $1.name } : []
        return ExternalVerificationPage(run: run, view: view, mayDecide: mayDecide, provides: provides, roster: roster,
                                        outcome: outcome, errors: errors)
            .response(for: req, status: errors.isEmpty ? .ok : .unprocessableEntity, needsCSRF: true)
    }

    func show(req: Request) async throws -> Response { try await page(req) }

    private func back(_ req: Request) throws -> String { SiteURL.run(try req.runID(), .verification).path }

    /// A missing recommendation or action brings the form back with the verifier's notes kept.
    func decide(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = FormData(req)
        let input = ExternalVerificationPage.OutcomeInput(outcome: form["outcome"] ?? "", notes: form["notes"] ?? "",
                                                  recommendations: form["recommendations"] ?? "", actions: form["actions"] ?? "")
        do {
            let decision = try await ExternalVerificationDesk(db: req.db, links: Links(req)).decide(
                runID: try req.runID(), outcome: ExternalVerificationOutcome(rawValue: input.outcome),
                notes: input.notes, recommendations: input.recommendations, actions: input.actions, by: user)
            req.flash("Outcome recorded: \(decision.outcome.label). \(decision.certificatesIssued) certificate\(decision.certificatesIssued == 1 ? "" : "s") issued.")
        } catch let error as ServiceError where error.status == .unprocessableEntity {
            return try await page(req, outcome: input, errors: error.formErrors(defaultField: "outcome"))
        } catch let error as ServiceError where error.status == .conflict {
            req.flashRefusal(error.message)
        }
        return req.redirect(to: try back(req))
    }

    struct EvidenceForm: Content { var note: String?; var document: File? }

    func addEvidence(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let body = try req.content.decode(EvidenceForm.self)
        return try await req.attempt(back: try back(req)) {
            try await ExternalVerificationDesk(db: req.db, links: Links(req)).addEvidence(runID: try req.runID(), note: body.note,
                                                                                 file: body.document.map(Upload.init), by: user)
            return "Evidence added."
        }
    }

    func document(req: Request) async throws -> Response {
        let document = try await ExternalVerificationDesk(db: req.db, links: Links(req))
            .document(req.parameters.get("evidenceID", as: UUID.self), runID: try req.runID(), for: try req.requireUser())
        return Response.download(document.bytes, contentType: document.contentType, filename: document.filename)
    }

    func completeActions(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let note = FormData(req)["note"]
        return try await req.attempt(back: try back(req)) {
            try await ExternalVerificationDesk(db: req.db, links: Links(req)).completeActions(runID: try req.runID(), note: note, by: user)
            return "Thank you: the run is back with the verifiers."
        }
    }

    func queue(req: Request) async throws -> Response {
        try req.require({ $0.has(.verifier) || $0.managesCentres }, "Only verifiers and course admins can see the verification queue.")
        return ExternalVerificationQueuePage(pending: try await ExternalVerificationStore.pendingVerifications(on: req.db), policy: try await ExternalVerificationStore.policy(on: req.db))
            .response(for: req, needsCSRF: true)
    }

    func savePolicy(req: Request) async throws -> Response {
        let user = try req.require({ $0.has(.verifier) || $0.managesCentres }, "Only verifiers and course admins can change the verification policy.")
        let form = FormData(req)
        return try await req.attempt(back: SiteURL.staff(.verifications).path) {
            let policy = ExternalVerificationPolicy(largeCohortThreshold: form["largeCohortThreshold"].flatMap(Int.init) ?? -1,
                                            sampleRate: form["sampleRate"].flatMap(Double.init) ?? -1)
            try await ExternalVerificationDesk.savePolicy(policy, by: user, on: req.db)
            return "Verification policy saved."
        }
    }
}

struct ExternalVerificationPage: PageView {
    /// The outcome form as the verifier filled it in.
    struct OutcomeInput {
        var outcome = "", notes = "", recommendations = "", actions = ""
    }
    let run: Run
    let view: ExternalVerificationDTO
    let mayDecide: Bool
    let provides: Bool
    /// The confirmed delegates with their attendance and results, for the verifier to check.
    var roster: [RosterLine] = []
    var outcome = OutcomeInput()
    var errors: [FieldError] = []
    var title: String { "Verification: \(run.course.title)" }
    private var runID: UUID { run.linkID }

    func content(_ chrome: Chrome) -> BodyNode {
        let latest = view.rounds.last
        return .div(
            FormParts.errorSummary(errors),
            .h1(.text("Verification")),
            .p(.class("lead"), .a(.attr("href", SiteURL.run(runID, provides ? .delegates : .page).path), .text(run.course.title)),
               .text(" · \(run.centre?.name ?? "PrepRoom") · \(RunViews.dates(run))")),
            latest == nil ? .p(.id("verification-status"), .text("The centre has not submitted this run's results yet.")) :
                .p(.id("verification-status"), .strong(.text(latest!.status.label))),
            .forEach(view.rounds.reversed()) { round($0) },
            .if(!roster.isEmpty, rosterSection()),
            .if(mayDecide && latest?.status == .pending, outcomeForm(chrome)),
            .if(provides && latest?.status == .notAccepted && latest?.actionsCompletedAt == nil, actionsForm(chrome)),
            evidenceSection(chrome)
        )
    }

    /// What the centre submitted: each delegate's days attended and result.
    private func rosterSection() -> BodyNode {
        let sessions = run.orderedSessions
        return .section(.class("mb-3"),
            .h2(.class("h4"), .text("Attendance and results submitted")),
            .div(.class("table-responsive"), .table(.class("table"), .id("verification-roster"),
                .thead(.tr(.th(.text("Delegate")),
                           .forEach(sessions) { .th(.text("Day \($0.position + 1)")) },
                           .if(run.course.assessed, .th(.text("Result"))), .th(.text("Completed")))),
                .tbody(.forEach(roster) { line in
                    .tr(.td(.text(line.name)),
                        .forEach(sessions) { .td(.text(line.attended.contains($0.position) ? "Present" : "Absent")) },
                        .if(run.course.assessed, .td(.text(line.outcome?.label ?? "Not recorded"))),
                        .td(.text(line.completed ? "Yes" : "No")))
                }))))
    }

    private func round(_ round: ExternalVerificationDTO.Round) -> BodyNode {
        .section(.class("card mb-3"), .attr("id", "round-\(round.round)"), .div(.class("card-body"),
            .h2(.class("h5"), .text("Round \(round.round): \(round.status.label)")),
            round.reasons.isEmpty
                ? .p(.text("Not selected: no criterion applied, and the random draw (\(String(format: "%.3f", round.draw))) was not under the sample rate (\(round.sampleRate)).")) 
                : .div(.p(.text("Selected because:")),
                       .ul(.class("verification-reasons"), .forEach(round.reasons) { .li(.text($0.sentence(threshold: round.cohortThreshold))) })),
            .p(.class("small text-body-secondary"), .text("Cohort \(round.cohort); random draw \(String(format: "%.4f", round.draw)) from seed \(round.seed) against a rate of \(round.sampleRate).")),
            .unwrap(round.notes) { .p(.text("Verifier's notes: \($0)")) },
            .unwrap(round.recommendations) { .div(.h3(.class("h6"), .text("Recommendations")), .p(.text($0))) },
            .unwrap(round.actions) { .div(.h3(.class("h6"), .text("Actions before certification")), .p(.text($0))) },
            .unwrap(round.actionsNote) { .p(.text("The centre's actions: \($0)")) }))
    }

    private func outcomeForm(_ chrome: Chrome) -> BodyNode {
        H.form(action: SiteURL.run(runID, .verification).path, csrf: chrome.csrf, id: "outcome-form", [
            .h2(.class("h4"), .text("Record the outcome")),
            FormParts.fieldset(id: "outcome", legend: "Outcome", errors: errors, ExternalVerificationOutcome.allCases.map { choice in
                var attributes = [H.attr("type", "radio"), H.attr("class", "form-check-input"), H.attr("name", "outcome"),
                                  H.attr("id", "outcome-\(choice.rawValue)"), H.attr("value", choice.rawValue)]
                if outcome.outcome == choice.rawValue { attributes.append(H.attr("checked", nil)) }
                return .div(.class("form-check"), H.input(attributes),
                    .element(named: "label", nodes: [.attr("for", "outcome-\(choice.rawValue)"), .class("form-check-label"), .text(choice.label)]))
            }),
            FormParts.textArea("notes", label: "Notes", value: outcome.notes, rows: 3, errors: errors),
            FormParts.textArea("recommendations", label: "Recommendations", value: outcome.recommendations, hint: "Needed for Accepted with Recommendations.", rows: 3, errors: errors),
            FormParts.textArea("actions", label: "Actions", value: outcome.actions, hint: "Needed for Not Accepted: what the centre must do before delegates are certificated.", rows: 3, errors: errors),
            H.button("Record outcome"),
        ])
    }

    private func actionsForm(_ chrome: Chrome) -> BodyNode {
        H.form(action: SiteURL.run(runID, .verificationActionsCompleted).path, csrf: chrome.csrf, id: "actions-form", [
            .h2(.class("h4"), .text("Actions completed")),
            FormParts.textArea("note", label: "What was done for each action", value: nil, rows: 4, errors: []),
            H.button("Send back for verification"),
        ])
    }

    private func evidenceSection(_ chrome: Chrome) -> BodyNode {
        .section(.class("mt-4"),
            .h2(.class("h4"), .text("Evidence")),
            view.evidence.isEmpty ? .p(.text("No evidence yet.")) :
                .ul(.id("evidence"), .forEach(view.evidence) { item in
                    .li(.text("\(ServiceTime.shortDay(item.createdAt)), \(item.author): "),
                        .unwrap(item.note) { .text($0 + " ") },
                        .unwrap(item.filename) { .a(.attr("href", SiteURL.run(runID, .verificationEvidenceItem(item.id)).path), .text("\($0) (\(item.size / 1024 + 1) KB)")) })
                }),
            H.element("form", [H.attr("action", SiteURL.run(runID, .verificationEvidence).path), H.attr("method", "post"),
                               H.attr("enctype", "multipart/form-data"), H.attr("id", "evidence-form")], [
                H.hidden("_csrf", chrome.csrf ?? ""),
                FormParts.textArea("note", label: "Add a note", value: nil, rows: 2, errors: []),
                FormParts.text("document", label: "Or a document (at most \(BodyLimits.megabytes(ExternalVerificationDesk.maxDocumentBytes)))", value: nil, type: "file", errors: []),
                H.button("Add evidence", style: "btn-outline-primary"),
            ]))
    }
}

struct ExternalVerificationQueuePage: PageView {
    let pending: [PendingVerification]
    let policy: ExternalVerificationPolicy
    var title: String { "Verification queue" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            .h1(.text(title)),
            pending.isEmpty ? .p(.id("queue"), .text("No delivery is waiting for verification.")) :
                .table(.class("table"), .id("queue"),
                    .thead(.tr(.th(.text("Centre")), .th(.text("Course")), .th(.text("Submitted")), .th(.text("Why")))),
                    .tbody(.forEach(pending) { item in
                        .tr(.td(.text(item.centreName)),
                            .td(.a(.attr("href", SiteURL.run(item.runID, .verification).path), .text(item.courseTitle))),
                            .td(.text(ServiceTime.day(item.requestedAt))),
                            .td(.text(item.reasons.map(\.label).joined(separator: ", "))))
                    })),
            .h2(.class("h4 mt-4"), .text("Sampling policy")),
            H.form(action: SiteURL.staff(.verificationPolicy).path, csrf: chrome.csrf, id: "policy-form", [
                FormParts.text("largeCohortThreshold", label: "Verify every cohort larger than", value: String(policy.largeCohortThreshold),
                               hint: "Delegates on the run.", type: "number", errors: []),
                FormParts.text("sampleRate", label: "Random sample rate", value: String(policy.sampleRate),
                               hint: "Between 0 and 1: 0.1 picks one delivery in ten of the rest.", errors: []),
                H.button("Save policy", style: "btn-outline-primary"),
            ]))
    }
}

extension Upload {
    /// What the browser sent in a multipart form's file field.
    init(_ file: File) {
        self.init(filename: file.filename, contentType: file.contentType?.serialize(), bytes: Data(file.data.readableBytesView))
    }
}
