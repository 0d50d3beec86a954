import Plot
import PrepRoomCore
import PrepRoomServices
import Vapor

/// Reports as pages a manager can read and download.
struct ReportPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("staff", "reports") { req -> Response in
            try req.require(\.readsReports, "Only the service's managers, course admins and verifiers can read reports.")
            return req.redirect(to: SiteURL.staff(.annualReport).path)
        }
        routes.get("staff", "reports", "centres", use: centres)
        routes.get("staff", "reports", "centres.csv", use: centresCSV)
    }

    private func report(_ req: Request) async throws -> CentreReport {
        try req.require(\.readsReports, "Only the service's managers, course admins and verifiers can read reports.")
        let (from, to) = try ReportPeriod.parse(req)
        return try await req.reports.centres(from: from, to: to, on: req.db)
    }

    func centres(req: Request) async throws -> Response {
        try req.require(\.readsReports, "Only the service's managers, course admins and verifiers can read reports.")
        let period = PagePeriod(req)
        let report = try await req.reports.centres(from: period.from, to: period.to, on: req.db)
        return CentreReportPage(report: report, query: period.errors.isEmpty ? req.url.query : nil, period: period)
            .response(for: req, status: period.status)
    }

    func centresCSV(req: Request) async throws -> Response {
        let report = try await report(req)
        return CSV.response(report.csv(), filename: report.filename)
    }
}

struct CentreReportPage: PageView {
    let report: CentreReport
    let query: String?
    let period: PagePeriod
    var title: String { (period.errors.isEmpty ? "" : "Error: ") + "Delivery by the base and the Accredited Centres" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            FormParts.errorSummary(period.errors),
            .p(.a(.attr("href", SiteURL.staff(.annualReport).path), .text("Annual report figures"))),
            .h1(.text("Delivery by the base and the Accredited Centres")),
            .p(.class("lead"), .text("Runs starting \(ServiceTime.day(report.from)) to \(ServiceTime.day(report.lastDay)).")),
            H.form(action: SiteURL.staff(.centreReport).path, method: "get", csrf: nil, id: "period", [
                .div(.class("row g-2 align-items-end"),
                    .group(period.fields(shownFrom: report.from, shownLastDay: report.lastDay)),
                    .div(.class("col-sm-4 mb-3"), H.button("Show", style: "btn-outline-primary"))),
            ]),
            .p(.a(.class("btn btn-outline-secondary btn-sm"), .attr("href", SiteURL.staff(.centreReportCSV).path + (query.map { "?\($0)" } ?? "")), .text("Download CSV"))),
            .div(.class("table-responsive"), .table(.class("table"), .id("centre-report"),
                .caption(.text("A CPD unit is one delegate attending one course day; training hours are the scheduled hours of those days.")),
                .thead(.tr(.th(.text("Provider")), .th(.text("Runs")), .th(.text("Delegates completed")), .th(.text("CPD units")),
                           .th(.text("Training hours")), .th(.text("Accepted")), .th(.text("With recommendations")), .th(.text("Not Accepted")))),
                .tbody(.forEach(report.lines) { line in
                    .tr(.td(.text(line.provider)), .td(.text("\(line.runs)")), .td(.text("\(line.delegatesCompleted)")), .td(.text("\(line.cpdUnits)")),
                        .td(.text(CentreReport.hours(line.trainingHours))), .td(.text("\(line.accepted)")),
                        .td(.text("\(line.acceptedWithRecommendations)")), .td(.text("\(line.notAccepted)")))
                }),
                .tfoot(.tr(.th(.text("All Accredited Centres")), .td(.text("\(report.centres.runs)")), .td(.text("\(report.centres.delegatesCompleted)")),
                           .td(.text("\(report.centres.cpdUnits)")), .td(.text(CentreReport.hours(report.centres.trainingHours))),
                           .td(), .td(), .td())))),
            .p(.id("base-vs-centres"), .text("Completions: \(report.base.delegatesCompleted) at the national base, \(report.centres.delegatesCompleted) at Accredited Centres."))
        )
    }
}
