import Fluent
import Plot
import PrepRoomCore
import PrepRoomStore
import Vapor

struct ObjectiveDTO: Content {
    var code: String
    var workstream: String
    var title: String
    var horizon: Horizon
    var lead: String
    var status: ObjectiveStatus
    init(_ objective: Objective) {
        code = objective.code; workstream = objective.workstream; title = objective.title
        horizon = objective.horizon; lead = objective.lead; status = objective.status
    }
}

/// The strategy tracker: objectives with their statuses (Figure 1). Staff see
/// staff-only objectives too.
struct StrategyRoutes: RouteCollection {
    let api: Bool

    func boot(routes: any RoutesBuilder) throws {
        if api { routes.get("objectives", use: list) } else { routes.get("strategy", use: page) }
    }

    static func visible(_ req: Request) async throws -> [Objective] {
        let query = Objective.query(on: req.db).sort(\.$workstream).sort(\.$position)
        if !(req.currentUser?.permissions.isStaff ?? false) { query.filter(\.$isPublic == true) }
        return try await query.all()
    }

    func list(req: Request) async throws -> ListDTO<ObjectiveDTO> {
        let objectives = try await Self.visible(req)
        return ListDTO(items: objectives.map(ObjectiveDTO.init), total: objectives.count)
    }

    func page(req: Request) async throws -> Response {
        StrategyPage(objectives: try await Self.visible(req)).response(for: req)
    }
}

/// Figure 1: each objective against the six status columns, grouped by horizon.
struct StrategyPage: PageView {
    let objectives: [Objective]
    var title: String { "Strategy" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            .h1(.text("Strategy tracker")),
            .p(.class("lead"), .text("To raise the professional status of school and college technicians and promote the role they play in the education community in Scotland.")),
            .forEach(Horizon.allCases) { horizon in
                let rows = objectives.filter { $0.horizon == horizon }
                return .if(!rows.isEmpty, .section(
                    .h2(.class("h4 mt-4"), .text(horizon.label)),
                    .div(.class("table-responsive"), .table(.class("table table-bordered align-middle strategy-table"), .id("objectives-\(horizon.rawValue)"),
                        .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("Objective")),
                                   .forEach(ObjectiveStatus.allCases) { .th(.attribute(named: "scope", value: "col"), .class("text-center"), .text($0.label)) })),
                        .tbody(.forEach(rows) { objective in
                            .tr(.th(.attribute(named: "scope", value: "row"), .class("fw-normal"),
                                    .strong(.text(objective.code)), .text(" "), .text(objective.title),
                                    .div(.class("small text-body-secondary"), .text("Lead: \(objective.lead)"))),
                                .forEach(ObjectiveStatus.allCases) { status in
                                    status == objective.status
                                        ? .td(.class("text-center status-current"), .span(.class("badge text-bg-primary"), .text(status.label)))
                                        : .td(.span(.class("visually-hidden"), .text("–")))
                                })
                        })))
                ))
            }
        )
    }
}
