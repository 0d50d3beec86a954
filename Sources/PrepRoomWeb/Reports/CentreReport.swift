import Fluent
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// Delivery per provider for a period: the service's own base and each Accredited Centre,
/// with the centres' verification outcomes (`DeliveryOutput` defines units and hours).
struct CentreReport: Content {
    struct Line: Content {
        /// nil for the service's own base.
        var centreId: String?
        var provider: String
        var runs: Int
        var delegatesCompleted: Int
        var cpdUnits: Int
        var trainingHours: Double
        var accepted: Int
        var acceptedWithRecommendations: Int
        var notAccepted: Int
    }
    var from: Date
    /// Exclusive: runs starting before this.
    var to: Date
    /// The base first, then every centre that delivered or is operating, by name.
    var lines: [Line]
    var base: DeliveryOutput
    var centres: DeliveryOutput

    static func build(from: Date, to: Date, on db: any Database) async throws -> CentreReport {
        let output = try await CentreStore.output(from: from, to: to, on: db)
        let outcomes = try await CentreStore.outcomes(from: from, to: to, on: db)
        let centres = try await Centre.query(on: db).sort(\.$name).all()
        let byCentre = Dictionary(output.compactMap { row in row.centreID.map { ($0, row.output) } }, uniquingKeysWith: +)
        let base = output.filter { $0.centreID == nil }.map(\.output).reduce(DeliveryOutput(), +)
        var lines = [Line(centreId: nil, provider: "PrepRoom national base", runs: base.runs, delegatesCompleted: base.delegatesCompleted,
                          cpdUnits: base.cpdUnits, trainingHours: base.trainingHours, accepted: 0, acceptedWithRecommendations: 0, notAccepted: 0)]
        for centre in centres {
            let id = try centre.requireID()
            let figures = byCentre[id], decided = outcomes[id]
            guard centre.status == .approved || figures != nil || decided != nil else { continue }
            let out = figures ?? DeliveryOutput()
            lines.append(Line(centreId: id.uuidString, provider: centre.name, runs: out.runs, delegatesCompleted: out.delegatesCompleted,
                              cpdUnits: out.cpdUnits, trainingHours: out.trainingHours, accepted: decided?[.accepted] ?? 0,
                              acceptedWithRecommendations: decided?[.acceptedWithRecommendations] ?? 0, notAccepted: decided?[.notAccepted] ?? 0))
        }
        return CentreReport(from: from, to: to, lines: lines, base: base, centres: byCentre.values.reduce(DeliveryOutput(), +))
    }

    var lastDay: Date { ReportPeriod.lastDay(before: to) }

    func csv() -> String {
        CSV.render([["Provider", "Runs", "Delegates completed", "CPD units", "Training hours", "Accepted", "Accepted with Recommendations", "Not Accepted"]]
            + lines.map { [$0.provider, "\($0.runs)", "\($0.delegatesCompleted)", "\($0.cpdUnits)", Self.hours($0.trainingHours),
                           "\($0.accepted)", "\($0.acceptedWithRecommendations)", "\($0.notAccepted)"] }
            + [["All Accredited Centres", "\(centres.runs)", "\(centres.delegatesCompleted)", "\(centres.cpdUnits)", Self.hours(centres.trainingHours), "", "", ""]])
    }

    static func hours(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    var filename: String { "centre-delivery-\(ServiceTime.isoDay(from))-to-\(ServiceTime.isoDay(lastDay)).csv" }
}

struct ReportAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("reports", "centres", use: centres)
    }

    func centres(req: Request) async throws -> CentreReport {
        try req.require(\.readsReports, "Only the service's managers, course admins and verifiers can read reports.")
        let (from, to) = try ReportPeriod.parse(req)
        return try await CentreReport.build(from: from, to: to, on: req.db)
    }
}

/// The period a report covers, from `?from=YYYY-MM-DD&to=YYYY-MM-DD` (both days included).
enum ReportPeriod {
    /// By default the academic year (1 August to 31 July) that holds today.
    static func parse(_ req: Request, now: Date = Date()) throws -> (from: Date, to: Date) {
        func day(_ name: String) throws -> Date? { try req.queryDay(name) }
        let parts = ServiceTime.calendar.dateComponents([.year, .month], from: now)
        let startYear = (parts.month ?? 1) >= 8 ? parts.year! : parts.year! - 1
        let from = try day("from") ?? ServiceTime.london(startYear, 8, 1)
        let to = try day("to").map { ServiceTime.calendar.date(byAdding: .day, value: 1, to: $0)! } ?? ServiceTime.london(startYear + 1, 8, 1)
        guard to > from else { throw ServiceError(.unprocessableEntity, "invalid", "The period must end on or after its first day.", field: "to") }
        return (from, to)
    }


    static func lastDay(before to: Date) -> Date { ServiceTime.calendar.date(byAdding: .day, value: -1, to: to)! }
}
