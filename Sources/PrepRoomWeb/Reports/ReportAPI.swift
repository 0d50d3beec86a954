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
        return try await req.reports.centres(from: from, to: to, on: req.db)
    }
}
