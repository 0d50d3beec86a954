import Fluent
import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
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

    struct StatusInput: Content { var status: String?; var note: String? }
    struct VisibilityInput: Content { var isPublic: Bool }

    func boot(routes: any RoutesBuilder) throws {
        if api {
            routes.get("objectives", use: list)
            routes.get("objectives", ":code", use: show)
            routes.post("objectives", ":code", "status", use: changeStatus)
            routes.post("objectives", ":code", "visibility", use: setVisibility)
        } else {
            routes.get("strategy", use: page)
            routes.get("strategy", ":code", use: objectivePage)
            routes.post("strategy", ":code", "status", use: changeStatusForm)
            routes.post("strategy", ":code", "visibility", use: setVisibilityForm)
        }
    }

    private func objective(_ req: Request) async throws -> Objective {
        try await StrategyDesk.objective(req.parameters.get("code"), for: req.currentUser, on: req.db)
    }

    private func detail(_ objective: Objective, on db: any Database) async throws -> ObjectiveDetailDTO {
        ObjectiveDetailDTO(objective, history: try await StrategyDesk.history(of: objective, on: db))
    }

    func show(req: Request) async throws -> ObjectiveDetailDTO { try await detail(try await objective(req), on: req.db) }

    func changeStatus(req: Request) async throws -> ObjectiveDetailDTO {
        let user = try req.requireUser()
        let objective = try await objective(req)
        let body = try req.decodeBody(StatusInput.self)
        try await StrategyDesk(db: req.db).changeStatus(of: objective, to: body.status.flatMap(ObjectiveStatus.init(rawValue:)), note: body.note, by: user)
        return try await detail(objective, on: req.db)
    }

    func setVisibility(req: Request) async throws -> ObjectiveDetailDTO {
        // Whose it is comes before what the body says: a technician learns nothing from a 422.
        let user = try req.require({ StrategyRules.mayEdit($0) }, "Only managers can change the strategy tracker.")
        let objective = try await objective(req)
        try await StrategyDesk(db: req.db).setVisibility(of: objective, isPublic: try req.decodeBody(VisibilityInput.self).isPublic, by: user)
        return try await detail(objective, on: req.db)
    }

    func objectivePage(req: Request) async throws -> Response {
        let objective = try await objective(req)
        return ObjectivePage(objective: objective, history: try await StrategyDesk.history(of: objective, on: req.db), errors: [], note: nil, status: nil)
            .response(for: req, needsCSRF: StrategyRules.mayEdit(req.currentUser?.permissions ?? Permissions([])))
    }

    func changeStatusForm(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let objective = try await objective(req)
        let form = FormData(req)
        do {
            try await StrategyDesk(db: req.db).changeStatus(of: objective, to: form["status"].flatMap(ObjectiveStatus.init(rawValue:)), note: form["note"], by: user)
            req.flash("\(objective.code) is now \(objective.status.label).")
            return req.redirect(to: SiteURL.strategy.path)
        } catch let error as ServiceError where error.status == .unprocessableEntity {
            return ObjectivePage(objective: objective, history: try await StrategyDesk.history(of: objective, on: req.db),
                                 errors: error.formErrors(defaultField: "note"), note: form["note"], status: form["status"])
                .response(for: req, status: .unprocessableEntity, needsCSRF: true)
        }
    }

    func setVisibilityForm(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let objective = try await objective(req)
        let isPublic = FormData(req)["isPublic"] == "true"
        try await StrategyDesk(db: req.db).setVisibility(of: objective, isPublic: isPublic, by: user)
        req.flash("\(objective.code) is now \(isPublic ? "public" : "visible to staff only").")
        return req.redirect(to: SiteURL.objective(code: objective.code).path)
    }

    static func visible(_ req: Request) async throws -> [Objective] {
        try await StrategyDesk.visible(to: req.currentUser, on: req.db)
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
                    .div(.class("table-responsive"), .table(.class("table table-bordered align-middle strategy-table table-stack"), .attr("id", "objectives-\(horizon.rawValue)"),
                        .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("Objective")),
                                   .forEach(ObjectiveStatus.allCases) { .th(.attribute(named: "scope", value: "col"), .class("text-center"), .text($0.label)) })),
                        .tbody(.forEach(rows) { objective in
                            .tr(.th(.attribute(named: "scope", value: "row"), .class("fw-normal"),
                                    .a(.attr("href", SiteURL.objective(code: objective.code).path), .strong(.text(objective.code)), .text(" "), .text(objective.title)),
                                    .if(!objective.isPublic, .span(.class("badge text-bg-secondary ms-2"), .text("Staff only"))),
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

/// One objective: its history of statuses and notes, and for managers the forms to change it.
struct ObjectivePage: PageView {
    let objective: Objective
    let history: [ObjectiveStatusChange]
    let errors: [FieldError]
    let note: String?
    /// The status the person chose, kept when the form comes back with a mistake.
    let status: String?
    var title: String { "\(objective.code): \(objective.title)" }

    func content(_ chrome: Chrome) -> BodyNode {
        let edits = StrategyRules.mayEdit(chrome.permissions)
        return .div(.class("row"), .div(.class("col-lg-8"),
            FormParts.errorSummary(errors),
            .p(.a(.attr("href", SiteURL.strategy.path), .text("Strategy tracker"))),
            .h1(.text(title)),
            .element(named: "dl", nodes: [.class("summary-list"),
                FormParts.summaryRow("Status", .strong(.id("objective-status"), .text(objective.status.label))),
                FormParts.summaryRow("Horizon", .text(objective.horizon.label)),
                FormParts.summaryRow("Lead", .text(objective.lead)),
                FormParts.summaryRow("Workstream", .text(objective.workstream)),
                FormParts.summaryRow("Visible to", .text(objective.isPublic ? "Everyone" : "Staff only"))]),
            .h2(.class("h4 mt-4"), .text("History")),
            .ol(.id("history"), .class("list-unstyled"), .forEach(history.reversed()) { change in
                .li(.class("border-bottom py-2"),
                    .strong(.text("\(ServiceTime.day(change.changedAt)): \(change.to.label)")),
                    .unwrap(change.from) { .span(.class("text-body-secondary"), .text(" (was \($0.label))")) },
                    .p(.class("mb-0"), .text(change.note)),
                    .div(.class("small text-body-secondary"), .text(change.changedByName)))
            }),
            .if(edits, .group(
                H.form(action: SiteURL.objective(code: objective.code, .status).path, csrf: chrome.csrf, id: "status-form", [
                    .h2(.class("h4 mt-4"), .text("Update")),
                    FormParts.select("status", label: "Status", options: ObjectiveStatus.allCases.map { ($0.rawValue, $0.label) },
                                     selected: status ?? objective.status.rawValue, errors: errors),
                    FormParts.textArea("note", label: "Note", value: note, hint: "What has happened, or why the status changes. Kept in the history.", rows: 3, errors: errors),
                    H.button("Save update"),
                ]),
                H.form(action: SiteURL.objective(code: objective.code, .visibility).path, csrf: chrome.csrf, id: "visibility-form", [
                    H.hidden("isPublic", objective.isPublic ? "false" : "true"),
                    H.button(objective.isPublic ? "Show to staff only" : "Make public", style: "btn-outline-secondary mt-3"),
                ])))
        ))
    }
}
