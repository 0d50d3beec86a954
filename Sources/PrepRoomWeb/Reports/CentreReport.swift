import Fluent
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

extension CentreReport: Content {}

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

extension ReportPeriod {
    /// From `?from=YYYY-MM-DD&to=YYYY-MM-DD` (both days included).
    static func parse(_ req: Request, now: Date = Date()) throws -> (from: Date, to: Date) {
        guard let period = resolve(firstDay: try req.queryDay("from"), lastDay: try req.queryDay("to"), now: now) else {
            throw ServiceError(.unprocessableEntity, "invalid", "The period must end on or after its first day.", field: "to")
        }
        return period
    }
}
