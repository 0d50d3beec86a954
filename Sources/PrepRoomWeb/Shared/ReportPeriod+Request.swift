import PrepRoomCore
import PrepRoomServices
import Vapor

extension ReportPeriod {
    /// From `?from=YYYY-MM-DD&to=YYYY-MM-DD` (both days included).
    static func parse(_ req: Request, now: Date = Date()) throws -> (from: Date, to: Date) {
        guard let period = resolve(firstDay: try req.queryDay("from"), lastDay: try req.queryDay("to"), now: now) else {
            throw ServiceError(.unprocessableEntity, "invalid", "The period must end on or after its first day.", field: "to")
        }
        return period
    }
}

