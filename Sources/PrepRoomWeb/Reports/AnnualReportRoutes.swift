import Fluent
import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

extension AnnualReport: Content {}

struct AnnualReportRoutes: RouteCollection {
    struct Target: Content { var target: Int }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("staff", "reports", "annual", use: page)
        routes.get("staff", "reports", "annual.csv", use: csv)
        routes.post("staff", "reports", "annual", "target", use: setTargetForm)
        let api = routes.grouped("api", "v1")
        api.get("reports", "annual", use: json)
        api.put("reports", "training-day-target", use: setTarget)
    }

    private func report(_ req: Request) async throws -> AnnualReport {
        try req.require(\.readsReports, "Only the service's managers, course admins and verifiers can read reports.")
        let (from, to) = try ReportPeriod.parse(req)
        return try await req.reports.annual(from: from, to: to, on: req.db)
    }

    func json(req: Request) async throws -> AnnualReport { try await report(req) }

    func page(req: Request) async throws -> Response {
        try req.require(\.readsReports, "Only the service's managers, course admins and verifiers can read reports.")
        let period = PagePeriod(req)
        let report = try await req.reports.annual(from: period.from, to: period.to, on: req.db)
        return AnnualReportPage(report: report, query: period.errors.isEmpty ? req.url.query : nil, period: period)
            .response(for: req, status: period.status, needsCSRF: true)
    }

    func csv(req: Request) async throws -> Response {
        let report = try await report(req)
        let section: String = req.query["section"] ?? "summary"
        return CSV.response(try report.csv(section: section),
                            filename: "annual-\(section)-\(ServiceTime.isoDay(report.from))-to-\(ServiceTime.isoDay(ReportPeriod.lastDay(before: report.to))).csv")
    }

    private func saveTarget(_ value: Int?, req: Request) async throws {
        let user = try req.require({ $0.has(.manager) }, "Only managers can set the training-day target.")
        try await AnnualReport.setTarget(value, by: user, on: req.db)
    }

    func setTarget(req: Request) async throws -> Target {
        let body = try req.decodeBody(Target.self)
        try await saveTarget(body.target, req: req)
        return body
    }

    func setTargetForm(req: Request) async throws -> Response {
        try await req.attempt(back: SiteURL.staff(.annualReport).path) {
            try await saveTarget(FormData(req)["target"].flatMap(Int.init), req: req)
            return "Training-day target saved."
        }
    }
}

struct AnnualReportPage: PageView {
    let report: AnnualReport
    let query: String?
    let period: PagePeriod
    var title: String { (period.errors.isEmpty ? "" : "Error: ") + "Annual report figures" }

    private func csvLink(_ section: String, _ label: String) -> BodyNode {
        let extra = (query?.split(separator: "&").filter { !$0.hasPrefix("section=") }.joined(separator: "&")).map { $0.isEmpty ? "" : "&\($0)" } ?? ""
        return .a(.class("btn btn-outline-secondary btn-sm"), .attr("href", SiteURL.staff(.annualReportCSV(section: section, query: extra)).path), .text(label))
    }

    private func chart(_ title: String, _ lines: [AnnualFigures.Count], id: String) -> BodyNode {
        lines.isEmpty ? .p(.attr("id", id), .text("Nothing to count in this period.")) :
            .div(.attr("id", id), BarChartView.svg(title: title, bars: lines.prefix(40).map { ($0.label, $0.value) }))
    }

    func content(_ chrome: Chrome) -> BodyNode {
        let days = report.trainingDays
        return .div(
            FormParts.errorSummary(period.errors),
            .h1(.text("Annual report figures")),
            .p(.class("lead"), .text("Runs starting \(ServiceTime.day(report.from)) to \(ServiceTime.day(ReportPeriod.lastDay(before: report.to))).")),
            .p(.a(.attr("href", SiteURL.staff(.centreReport).path + (query.map { "?\($0)" } ?? "")), .text("Delivery by the base and the Accredited Centres")),
               .text(" · "), .a(.attr("href", SiteURL.staff(.equalityReport).path + (query.map { "?\($0)" } ?? "")), .text("Equality monitoring")),
               .text(" · "), .a(.attr("href", SiteURL.staff(.evaluationReport).path + (query.map { "?\($0)" } ?? "")), .text("Evaluation results"))),
            H.form(action: SiteURL.staff(.annualReport).path, method: "get", csrf: nil, id: "period", [
                .div(.class("row g-2 align-items-end"),
                    .group(period.fields(shownFrom: report.from, shownLastDay: ReportPeriod.lastDay(before: report.to))),
                    .div(.class("col-sm-4 mb-3"), H.button("Show", style: "btn-outline-primary"))),
            ]),
            .section(.id("training-days"),
                .h2(.class("h4"), .text("Training days")),
                .p(.strong(.text("\(days.delivered)")), .text(" training days delivered against a target of \(days.target) (\(days.percentOfTarget)%).")),
                BarChartView.svg(title: "Training days delivered against the target", bars: [("Delivered", days.delivered), ("Target", days.target)]),
                .p(.class("small text-body-secondary"), .text("A training day is one delegate attending one course day.")),
                .p(.text("\(Wording.count(report.completions, "delegate")) completed; \(Wording.count(report.certificatesIssued, "certificate")) issued.")),
                csvLink("summary", "Summary (CSV)")),
            .section(.class("mt-4"), .h2(.class("h4"), .text("Delegates by local authority")),
                     chart("Delegates by local authority", report.delegatesByAuthority, id: "by-authority"), csvLink("authorities", "By local authority (CSV)")),
            .section(.class("mt-4"), .h2(.class("h4"), .text("Delegates by provider")),
                     chart("Delegates by provider", report.delegatesByCentre, id: "by-centre"), csvLink("centres", "By provider (CSV)")),
            .section(.class("mt-4"), .h2(.class("h4"), .text("Completions by course")),
                     chart("Completions by course", report.completionsByCourse, id: "by-course"), csvLink("courses", "By course (CSV)")),
            .section(.class("mt-4"), .h2(.class("h4"), .text("Demand: waiting lists")),
                report.demand.isEmpty ? .p(.id("demand"), .text("Nobody is waiting for a place on this period's runs.")) :
                .table(.class("table"), .id("demand"),
                    .thead(.tr(.th(.text("Course")), .th(.text("Waiting")), .th(.text("Places per run")), .th(.text("Runs to clear")))),
                    .tbody(.forEach(report.demand) { line in
                        .tr(.td(.text(line.courseTitle)), .td(.text("\(line.waiting)")), .td(.text("\(line.placesPerRun)")), .td(.text("\(line.runsToClear)")))
                    })),
                csvLink("demand", "Demand (CSV)")),
            .if(chrome.permissions.has(.manager), H.form(action: SiteURL.staff(.annualTarget).path, csrf: chrome.csrf, id: "target-form", [
                .div(.class("row g-2 align-items-end mt-4"),
                    .div(.class("col-sm-6"), FormParts.text("target", label: "Training-day target", value: String(days.target), type: "number", errors: [])),
                    .div(.class("col-sm-3 mb-3"), H.button("Save target", style: "btn-outline-primary"))),
            ]))
        )
    }
}
