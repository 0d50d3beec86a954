import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// Delivery per provider for a period: the service's own base and each Accredited Centre,
/// with the centres' verification outcomes (`DeliveryOutput` defines units and hours).
package struct CentreReport: Codable, Sendable {
    package struct Line: Codable, Sendable {
        /// nil for the service's own base.
        package var centreId: String?
        package var provider: String
        package var runs: Int
        package var delegatesCompleted: Int
        package var cpdUnits: Int
        package var trainingHours: Double
        package var accepted: Int
        package var acceptedWithRecommendations: Int
        package var notAccepted: Int
    }
    package var from: Date
    /// Exclusive: runs starting before this.
    package var to: Date
    /// The base first, then every centre that delivered or is operating, by name.
    package var lines: [Line]
    package var base: DeliveryOutput
    package var centres: DeliveryOutput

    package static func build(from: Date, to: Date, on db: any Database) async throws -> CentreReport {
        let output = try await CentreStore.output(from: from, to: to, on: db)
        let outcomes = try await ExternalVerificationStore.outcomes(from: from, to: to, on: db)
        let centres = try await CentreStore.list(on: db)
        let byCentre = Dictionary(output.compactMap { row in row.centreID.map { ($0, row.output) } }, uniquingKeysWith: +)
        let base = output.filter { $0.centreID == nil }.map(\.output).reduce(DeliveryOutput(), +)
        var lines = [Line(centreId: nil, provider: ProviderName.nationalBase, runs: base.runs, delegatesCompleted: base.delegatesCompleted,
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

    package var lastDay: Date { ReportPeriod.lastDay(before: to) }

    package func csv() -> String {
        CSV.render([["Provider", "Runs", "Delegates completed", "CPD units", "Training hours", "Accepted", "Accepted with Recommendations", "Not Accepted"]]
            + lines.map { [$0.provider, "\($0.runs)", "\($0.delegatesCompleted)", "\($0.cpdUnits)", Self.hours($0.trainingHours),
                           "\($0.accepted)", "\($0.acceptedWithRecommendations)", "\($0.notAccepted)"] }
            + [["All Accredited Centres", "\(centres.runs)", "\(centres.delegatesCompleted)", "\(centres.cpdUnits)", Self.hours(centres.trainingHours), "", "", ""]])
    }

    package static func hours(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    package var filename: String { "centre-delivery-\(ServiceTime.isoDay(from))-to-\(ServiceTime.isoDay(lastDay)).csv" }
}
