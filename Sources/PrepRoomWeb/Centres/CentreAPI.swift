import Fluent
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// Centres' applications, status, approvals and venues, for API clients.
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

    func boot(routes: any RoutesBuilder) throws {
        routes.post("centres", use: apply)
        routes.get("centres", ":centreID", use: show)
        routes.post("centres", ":centreID", "status", use: changeStatus)
        routes.get("centres", ":centreID", "approvals", use: approvals)
        routes.post("centres", ":centreID", "approvals", use: grant)
        routes.delete("centres", ":centreID", "approvals", ":code", use: withdraw)
        routes.post("centres", ":centreID", "venues", use: addVenue)
    }

    static func centreID(_ req: Request) -> UUID? { req.parameters.get("centreID", as: UUID.self) }

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
        let status = body.status.flatMap(CentreStatus.init(rawValue:))
        guard body.status == nil || status != nil else {
            throw ServiceError(.unprocessableEntity, "invalid", "Unknown centre status.", field: "status")
        }
        try await desk.changeStatus(of: centre, to: status, reason: body.reason, by: user)
        return try await Self.detail(try await desk.centre(centre.id), on: req.db)
    }

    func approvals(req: Request) async throws -> ListDTO<CentreDetailDTO.Approval> {
        let centre = try await CentreDesk(db: req.db).centre(Self.centreID(req))
        let items = try await ApprovalStore.approvals(of: centre.requireID(), on: req.db).map(CentreDetailDTO.Approval.init)
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
}
