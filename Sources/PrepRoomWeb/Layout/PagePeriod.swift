import Foundation
import Plot
import PrepRoomCore
import PrepRoomServices
import Vapor

/// A report page's period: as asked, or (when that cannot be used) the default one, with
/// the problem named beside the form and what was typed kept in it. The API and the CSVs
/// answer 422 instead (`ReportPeriod.parse`).
struct PagePeriod {
    var from: Date
    var to: Date
    var errors: [FieldError] = []
    /// The query's own `from` and `to`, shown again when they were refused.
    var typedFrom: String?
    var typedTo: String?

    var status: HTTPResponseStatus { errors.isEmpty ? .ok : .unprocessableEntity }

    init(_ req: Request, now: Date = Date()) {
        do {
            (from, to) = try ReportPeriod.parse(req, now: now)
        } catch {
            let problem = error as? ServiceError
            errors = problem.map { $0.fieldErrors.isEmpty ? [FieldError($0.field ?? "to", $0.message)] : $0.fieldErrors }
                ?? [FieldError("from", "Enter the period as two dates, like 2024-08-01")]
            (from, to) = ReportPeriod.resolve(firstDay: nil, lastDay: nil, now: now) ?? (now, now)
            typedFrom = (try? req.query.get(String.self, at: "from")).map { String($0.prefix(40)) }
            typedTo = (try? req.query.get(String.self, at: "to")).map { String($0.prefix(40)) }
        }
    }

    /// The period form's two fields, showing `shownFrom`/`shownLastDay` unless something
    /// was refused.
    func fields(shownFrom: Date, shownLastDay: Date, column: String = "col-sm-4") -> [BodyNode] {
        [.div(.attr("class", column), FormParts.text("from", label: "From", value: errors.isEmpty ? ServiceTime.isoDay(shownFrom) : typedFrom ?? "",
                                             type: "date", errors: errors)),
         .div(.attr("class", column), FormParts.text("to", label: "To", value: errors.isEmpty ? ServiceTime.isoDay(shownLastDay) : typedTo ?? "",
                                             type: "date", errors: errors))]
    }
}
