import Fluent
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// `/api/v1/runs`: the calendar for anyone; scheduling for course admins and centres.
struct RunAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let runs = routes.grouped("runs")
        runs.get(use: list)
        runs.post(use: create)
        runs.get(":runID", use: show)
        runs.put(":runID", use: update)
    }

    func list(req: Request) async throws -> ListDTO<RunDTO> {
        var filter = RunStore.ListFilter(courseCode: try req.queryCode("course"))
        filter.from = try req.queryTime("from")
        filter.to = try req.queryTime("to")
        if let code = filter.courseCode, try await CatalogueQuery.course(code: code, on: req.db) == nil {
            throw ServiceError.notFound("course called \(code)")
        }
        let page = try req.listPage()
        let (items, total) = try await RunStore.page(filter, page, on: req.db)
        return ListDTO(items: items.map { RunDTO($0) }, total: total)
    }

    func show(req: Request) async throws -> RunDTO {
        RunDTO(try await Self.run(req))
    }

    func create(req: Request) async throws -> Response {
        let user = try req.require(\.canScheduleRuns, "Only course admins and centre coordinators can schedule runs.")
        let input = try req.decodeBody(RunInput.self)
        let centreID = try input.centreId.map { text in
            guard let id = UUID(uuidString: text) else { throw ServiceError(.unprocessableEntity, "invalid", "centreId is not a centre id.", field: "centreId") }
            return id
        }
        switch try await RunScheduling.schedule(input.plan, centreID: centreID, by: user, on: req.db) {
        case .saved(let run): return try await RunDTO(run).encodeResponse(status: .created, for: req)
        case .invalid(let errors): throw ServiceError.invalid(errors)
        }
    }

    func update(req: Request) async throws -> RunDTO {
        let user = try req.require(\.canScheduleRuns, "Only course admins and centre coordinators can change runs.")
        let run = try await Self.run(req)
        let input = try req.decodeBody(RunInput.self)
        switch try await RunScheduling.change(run, to: input.plan, by: user, on: req.db) {
        case .saved(let run): return RunDTO(run)
        case .invalid(let errors): throw ServiceError.invalid(errors)
        }
    }

    static func run(_ req: Request) async throws -> Run {
        guard let id = req.parameters.get("runID", as: UUID.self), let run = try await RunStore.find(id, on: req.db) else {
            throw ServiceError.notFound("run")
        }
        return run
    }
}
