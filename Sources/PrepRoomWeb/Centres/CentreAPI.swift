import Fluent
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// Centres' applications, status, approvals and verification, for API clients.
struct CentreAPI: RouteCollection {
    struct Application: Content {
        var name: String?; var kind: String?; var localAuthorityId: String?; var contactName: String?; var contactEmail: String?
        var venues: [String]?; var statement: String?
        var value: CentreApplication {
            CentreApplication(name: name ?? "", kind: kind.flatMap(CentreKind.init(rawValue:)), localAuthorityID: localAuthorityId.flatMap(UUID.init(uuidString:)),
                              contactName: contactName ?? "", contactEmail: contactEmail ?? "", venues: venues ?? [], statement: statement ?? "")
        }
    }
    struct StatusChange: Content { var status: String?; var reason: String? }
    struct Grant: Content { var courseCode: String?; var from: String? }
    struct Withdrawal: Content { var reason: String? }
    struct Venue: Content { var venue: String? }
    struct Outcome: Content { var outcome: String?; var notes: String?; var recommendations: String?; var actions: String? }
    struct Note: Content { var note: String? }
    struct Enrolment: Content { var email: String? }
    struct Policy: Content { var largeCohortThreshold: Int; var sampleRate: Double }

    func boot(routes: any RoutesBuilder) throws {
        routes.post("centres", use: apply)
        routes.get("centres", ":centreID", use: show)
        routes.post("centres", ":centreID", "status", use: changeStatus)
        routes.get("centres", ":centreID", "approvals", use: approvals)
        routes.post("centres", ":centreID", "approvals", use: grant)
        routes.delete("centres", ":centreID", "approvals", ":code", use: withdraw)
        routes.post("centres", ":centreID", "venues", use: addVenue)
        routes.post("runs", ":runID", "enrolments", use: enrol)
        routes.get("runs", ":runID", "verification", use: verification)
        routes.post("runs", ":runID", "verification", use: decide)
        routes.post("runs", ":runID", "verification", "evidence", use: addEvidence)
        routes.post("runs", ":runID", "verification", "actions-completed", use: completeActions)
        routes.get("verification-policy", use: policy)
        routes.put("verification-policy", use: setPolicy)
    }

    static func centreID(_ req: Request) -> UUID? { req.parameters.get("centreID", as: UUID.self) }
    static func runID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("runID", as: UUID.self) else { throw ServiceError.notFound("run") }
        return id
    }

    static func detail(_ centre: Centre, on db: any Database) async throws -> CentreDetailDTO {
        let detail = try await CentreDesk(db: db).detail(centre)
        return CentreDetailDTO(centre, approvals: detail.approvals, history: detail.history)
    }

    func apply(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let centre = try await CentreDesk(db: req.db).apply(try req.decodeBody(Application.self).value, by: user)
        return try await Self.detail(centre, on: req.db).encodeResponse(status: .created, for: req)
    }

    func show(req: Request) async throws -> CentreDetailDTO {
        try await Self.detail(try await CentreDesk(db: req.db).centre(Self.centreID(req)), on: req.db)
    }

    func changeStatus(req: Request) async throws -> CentreDetailDTO {
        let user = try req.requireUser()
        let desk = CentreDesk(db: req.db)
        let centre = try await desk.centre(Self.centreID(req))
        let body = try req.decodeBody(StatusChange.self)
        guard body.status == nil || CentreStatus(rawValue: body.status!) != nil else {
            throw ServiceError(.unprocessableEntity, "invalid", "Unknown centre status.", field: "status")
        }
        try await desk.changeStatus(of: centre, to: body.status.flatMap(CentreStatus.init(rawValue:)), reason: body.reason, by: user)
        return try await Self.detail(try await desk.centre(centre.id), on: req.db)
    }

    func approvals(req: Request) async throws -> ListDTO<CentreDetailDTO.Approval> {
        let centre = try await CentreDesk(db: req.db).centre(Self.centreID(req))
        let items = try await CentreStore.approvals(of: centre.requireID(), on: req.db).map(CentreDetailDTO.Approval.init)
        return ListDTO(items: items, total: items.count)
    }

    func grant(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let desk = CentreDesk(db: req.db)
        let centre = try await desk.centre(Self.centreID(req))
        let body = try req.decodeBody(Grant.self)
        var from: Date?
        if let text = body.from {
            guard let date = JSONCoding.parseISO8601(text) ?? ServiceTime.parseDay(text) else {
                throw ServiceError(.unprocessableEntity, "invalid", "from must be a date like 2027-03-01.", field: "from")
            }
            from = date
        }
        let approval = try await desk.grant(courseCode: body.courseCode, from: from, to: centre, by: user)
        return try await CentreDetailDTO.Approval(approval).encodeResponse(status: .created, for: req)
    }

    func withdraw(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        let desk = CentreDesk(db: req.db)
        let centre = try await desk.centre(Self.centreID(req))
        try await desk.withdraw(courseCode: req.parameters.get("code") ?? "", from: centre,
                                reason: try req.optionalBody(Withdrawal.self)?.reason ?? req.queryText("reason", maxLength: TextLimit.reason), by: user)
        return .ok
    }

    func addVenue(req: Request) async throws -> CentreDetailDTO {
        let user = try req.requireUser()
        let desk = CentreDesk(db: req.db)
        let centre = try await desk.centre(Self.centreID(req))
        try await desk.addVenue(try req.decodeBody(Venue.self).venue, to: centre, by: user)
        return try await Self.detail(try await desk.centre(centre.id), on: req.db)
    }

    func enrol(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let booking = try await RunDelivery(db: req.db).enrol(runID: try Self.runID(req), email: try req.decodeBody(Enrolment.self).email,
                                                              by: user, links: Links(req))
        return try await BookingDTO(booking).encodeResponse(status: .created, for: req)
    }

    /// The run's verification as the centre and the verifiers see it.
    static func verificationView(_ req: Request) async throws -> (Run, ExternalVerificationDTO) {
        let runID = try runID(req)
        let view = try await ExternalVerificationDesk(db: req.db, links: Links(req)).view(runID: runID, for: try req.requireUser())
        let run = view.run, rounds = view.rounds
        let evidence = view.evidence.map {
            ExternalVerificationDTO.Evidence(id: $0.id?.uuidString ?? "", author: $0.authorName, note: $0.note, filename: $0.filename,
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
        return try await ExternalVerificationDesk(db: req.db, links: Links(req)).decide(runID: try Self.runID(req), outcome: outcome, notes: body.notes,
                                                                               recommendations: body.recommendations, actions: body.actions, by: user)
    }

    func addEvidence(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        try await ExternalVerificationDesk(db: req.db, links: Links(req)).addEvidence(runID: try Self.runID(req), note: try req.decodeBody(Note.self).note,
                                                                             file: nil, by: user)
        return .created
    }

    func completeActions(req: Request) async throws -> ExternalVerificationDTO {
        let user = try req.requireUser()
        try await ExternalVerificationDesk(db: req.db, links: Links(req)).completeActions(runID: try Self.runID(req),
                                                                                 note: try req.decodeBody(Note.self).note, by: user)
        return try await Self.verificationView(req).1
    }

    func policy(req: Request) async throws -> Policy {
        try req.require({ $0.has(.verifier) || $0.managesCentres }, "Only verifiers and course admins can see the verification policy.")
        let policy = try await CentreStore.policy(on: req.db)
        return Policy(largeCohortThreshold: policy.largeCohortThreshold, sampleRate: policy.sampleRate)
    }

    func setPolicy(req: Request) async throws -> Policy {
        let user = try req.require({ $0.has(.verifier) || $0.managesCentres }, "Only verifiers and course admins can change the verification policy.")
        let body = try req.decodeBody(Policy.self)
        try await ExternalVerificationDesk.savePolicy(ExternalVerificationPolicy(largeCohortThreshold: body.largeCohortThreshold, sampleRate: body.sampleRate), by: user, on: req.db)
        return body
    }
}
