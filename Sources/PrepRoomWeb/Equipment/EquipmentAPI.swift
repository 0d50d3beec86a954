import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// The equipment register, checks, authorisations and dashboards as JSON: the same use
/// cases as the pages, for a local authority's own systems.
struct EquipmentAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("equipment", "categories", use: categories)
        routes.get("me", "equipment", use: overview)
        routes.get("schools", ":schoolID", "equipment", use: dashboard)
        routes.post("schools", ":schoolID", "equipment", use: add)
        routes.on(.POST, "schools", ":schoolID", "equipment", "import", body: .collect(maxSize: ByteCount(value: EquipmentPages.importBytes)), use: importRegister)
        routes.post("schools", ":schoolID", "equipment", "named", use: name)
        routes.delete("schools", ":schoolID", "equipment", "named", ":task", ":userID", use: unname)
        routes.get("equipment", ":itemID", use: item)
        routes.post("equipment", ":itemID", "checks", use: recordCheck)
        routes.post("equipment", ":itemID", "status", use: setStatus)
    }

    func categories(req: Request) async throws -> ListDTO<EquipmentCategoryDTO> {
        _ = try req.requireUser()
        let categories = try await EquipmentStore.categories(on: req.db).map(EquipmentCategoryDTO.init)
        return ListDTO(items: categories, total: categories.count)
    }

    func overview(req: Request) async throws -> EquipmentOverviewDTO {
        let user = try req.requireUser()
        var organisation: UUID?
        if let text = try req.queryValue("organisation") {
            guard let id = UUID(uuidString: text) else {
                throw ServiceError.invalid([FieldError("organisation", "organisation must be an organisation's id")])
            }
            organisation = id
        }
        return EquipmentOverviewDTO(try await EquipmentOverview(db: req.db).of(user, organisation: organisation))
    }

    func dashboard(req: Request) async throws -> Response {
        EquipmentDashboardDTO(try await EquipmentDesk(db: req.db).dashboard(try req.uuid("schoolID", "school"), for: try req.requireUser())).json.response()
    }

    struct NewItem: Content {
        var category: String?; var description: String?; var location: String?; var assetTag: String?; var serialNumber: String?
        var isotope: String?; var activity: String?; var referenceDate: String?
    }

    func add(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let schoolID = try req.uuid("schoolID", "school")
        let body = try req.decodeBody(NewItem.self)
        let desk = EquipmentDesk(db: req.db)
        let item = try await desk.add(.init(categoryID: body.category ?? "", description: body.description ?? "", location: body.location ?? "",
                                            assetTag: body.assetTag ?? "", serialNumber: body.serialNumber ?? "", isotope: body.isotope ?? "",
                                            activity: body.activity ?? "", referenceDate: body.referenceDate ?? ""), to: schoolID, by: user)
        return try await EquipmentItemDTO(try await desk.item(item.requireID(), for: user), now: desk.now).encodeResponse(status: .created, for: req)
    }

    struct ImportBody: Content { var csv: String?; var dryRun: Bool? }

    func importRegister(req: Request) async throws -> RegisterImportDTO {
        let user = try req.requireUser()
        let body = try req.decodeBody(ImportBody.self)
        guard let csv = body.csv, !csv.isEmpty else { throw ServiceError.invalid([FieldError("csv", "Send the register as CSV text in csv")]) }
        let report = try await RegisterImport(db: req.db).run(csv, into: try req.uuid("schoolID", "school"), dryRun: body.dryRun ?? true, by: user)
        guard report.problems.isEmpty else {
            var error = ServiceError.invalid(report.problems.map { FieldError("csv", "Line \($0.line): \($0.message)") })
            error.code = "csv_rows_invalid"
            throw error
        }
        return RegisterImportDTO(report)
    }

    struct Naming: Content { var task: String?; var userId: String? }

    /// Names a person of the school for a task; the dashboard's tasks come back.
    func name(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let schoolID = try req.uuid("schoolID", "school")
        let body = try req.decodeBody(Naming.self)
        guard let task = body.task.flatMap(ControlledTask.init(rawValue:)) else { throw ServiceError.invalid([FieldError("task", "task is one of the controlled tasks")]) }
        guard let personID = body.userId.flatMap(UUID.init(uuidString:)) else { throw ServiceError.invalid([FieldError("userId", "userId is a person's id")]) }
        let desk = EquipmentDesk(db: req.db)
        try await desk.name(personID, for: task, at: schoolID, by: user)
        return try await EquipmentDashboardDTO(try await desk.dashboard(schoolID, for: user)).encodeResponse(status: .created, for: req)
    }

    func unname(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        guard let task = req.parameters.get("task").flatMap(ControlledTask.init(rawValue:)) else { throw ServiceError.notFound("task") }
        try await EquipmentDesk(db: req.db).unname(try req.uuid("userID", "person"), for: task, at: try req.uuid("schoolID", "school"), by: user)
        return .noContent
    }

    func item(req: Request) async throws -> EquipmentItemDTO {
        let desk = EquipmentDesk(db: req.db)
        return EquipmentItemDTO(try await desk.item(try req.uuid("itemID", "equipment item"), for: try req.requireUser()), now: desk.now)
    }

    struct StatusChange: Content { var status: String?; var reason: String? }

    /// Out of use or disposed; back into use only by a passing check (409).
    func setStatus(req: Request) async throws -> EquipmentItemDTO {
        let user = try req.requireUser()
        let itemID = try req.uuid("itemID", "equipment item")
        let body = try req.decodeBody(StatusChange.self)
        guard let status = body.status.flatMap(EquipmentStatus.init(rawValue:)) else {
            throw ServiceError.invalid([FieldError("status", "status is out_of_use or disposed")])
        }
        let desk = EquipmentDesk(db: req.db)
        try await desk.setStatus(status, of: itemID, reason: body.reason ?? "", by: user)
        return EquipmentItemDTO(try await desk.item(itemID, for: user), now: desk.now)
    }

    struct NewCheck: Content { var checkedOn: String?; var result: String?; var readings: [Double?]?; var notes: String? }

    func recordCheck(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let body = try req.decodeBody(NewCheck.self)
        let check = try await EquipmentChecks(db: req.db).record(
            .init(checkedOn: body.checkedOn ?? "", result: body.result ?? "",
                  readings: (body.readings ?? []).map { $0.map { String($0) } ?? "" }, notes: body.notes ?? ""),
            on: try req.uuid("itemID", "equipment item"), by: user)
        return try await EquipmentCheckDTO(check).encodeResponse(status: .created, for: req)
    }
}
