import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// The figures the annual report needs, for one period: training days against the target,
/// delegates by local authority and by provider, completions by course, certificates, and
/// the demand still waiting.
package struct AnnualReport: Codable, Sendable {
    package var from: Date
    package var to: Date
    package var trainingDays: AnnualFigures.TrainingDays
    package var certificatesIssued: Int
    package var completions: Int
    package var delegatesByAuthority: [AnnualFigures.Count]
    package var delegatesByCentre: [AnnualFigures.Count]
    package var completionsByCourse: [AnnualFigures.Count]
    package var demand: [AnnualFigures.Demand]

    package static func build(from: Date, to: Date, on db: any Database) async throws -> AnnualReport {
        let query = AnnualReportQuery(from: from, to: to)
        let byCourse = try await query.completionsByCourse(on: db)
        let delegates = try await query.delegates(on: db)
        return AnnualReport(from: from, to: to,
                            trainingDays: .init(delivered: try await query.trainingDays(on: db), target: try await AnnualReportQuery.target(on: db)),
                            certificatesIssued: try await query.certificatesIssued(on: db), completions: byCourse.map(\.value).reduce(0, +),
                            delegatesByAuthority: delegates.byAuthority, delegatesByCentre: delegates.byCentre,
                            completionsByCourse: byCourse, demand: try await query.demand(on: db))
    }

    /// The CSV sections, by the name `?section=` takes.
    package static let sections = ["authorities", "centres", "courses", "demand", "summary"]

    package func csv(section: String) throws -> String {
        func counts(_ heading: String, _ lines: [AnnualFigures.Count]) -> String {
            CSV.render([[heading, "Delegates"]] + lines.map { [$0.label, "\($0.value)"] })
        }
        switch section {
        case "authorities": return counts("Local authority", delegatesByAuthority)
        case "centres": return counts("Provider", delegatesByCentre)
        case "courses": return CSV.render([["Course", "Completed"]] + completionsByCourse.map { [$0.label, "\($0.value)"] })
        case "demand": return CSV.render([["Course", "Waiting", "Places per run", "Runs to clear"]]
                                            + demand.map { [$0.courseTitle, "\($0.waiting)", "\($0.placesPerRun)", "\($0.runsToClear)"] })
        case "summary": return CSV.render([["Figure", "Value"], ["Training days delivered", "\(trainingDays.delivered)"],
                                           ["Training days target", "\(trainingDays.target)"], ["Delegates completed", "\(completions)"],
                                           ["Certificates issued", "\(certificatesIssued)"]])
        default: throw ServiceError(.unprocessableEntity, "invalid", "section must be one of \(Self.sections.joined(separator: ", ")).", field: "section")
        }
    }

    /// A manager sets the training days the service aims to deliver in a year.
    package static func setTarget(_ value: Int?, by user: User, on db: any Database) async throws {
        let errors = AnnualFigures.targetErrors(value)
        guard errors.isEmpty, let value else { throw ServiceError.invalid(errors) }
        try await db.writeTransaction { db in
            try await AnnualReportQuery.setTarget(value, by: user.id, on: db)
            try await AuditEntry.record("report.target_changed", subject: "settings:training_day_target", actor: user.id, details: "\(value)", on: db)
        }
    }
}
