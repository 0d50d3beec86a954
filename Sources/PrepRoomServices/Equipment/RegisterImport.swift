import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// A school's register in and out as CSV (`EquipmentRegisterCSV`). As with the schools
/// list, a dry run says what would change and the import writes nothing at all while any
/// row is wrong, and otherwise everything in one transaction. Rows are matched to items by
/// asset tag, so the same file imported twice changes nothing the second time; items not
/// in the file are left alone.
package struct RegisterImport {
    package let db: any Database
    package var now = Date()

    package init(db: any Database) { self.db = db }

    /// `updated` names each row's changes: "TAG description: location, status".
    package typealias Report = ImportReport

    package func run(_ text: String, into schoolID: UUID, dryRun: Bool, by user: User) async throws -> Report {
        var desk = EquipmentDesk(db: db)
        desk.now = now
        let (school, _) = try await desk.school(schoolID, for: user, needs: .work)
        let categories = try await EquipmentStore.categories(on: db)
        let byKey = Dictionary(categories.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let parsed = EquipmentRegisterCSV.parse(text, categories: categories.map { ($0.key, $0.name) }, now: now)
        var report = Report(problems: parsed.problems)
        let existing = Dictionary(try await EquipmentStore.items(of: schoolID, on: db).compactMap { item in item.assetTag.map { ($0.lowercased(), item) } },
                                  uniquingKeysWith: { a, _ in a })
        var changes: [EquipmentItem] = []
        for row in parsed.rows {
            guard let category = byKey[row.categoryKey], let categoryID = category.id else { continue }
            let item = existing[row.assetTag.lowercased()] ?? EquipmentItem()
            let isNew = item.id == nil
            // What the row changes, compared only on a stored item: a new item's fields are
            // not set yet, and reading one would stop the process.
            var changed: [String] = []
            if !isNew {
                let differences: [(Bool, String)] = [
                    (item.categoryID != categoryID, "category"), (item.description != row.description, "description"),
                    (item.location != row.location, "location"), (item.serialNumber != row.serialNumber.nilIfEmpty, "serial number"),
                    (item.status != row.status, "status"), (item.isotope != row.isotope.nilIfEmpty, "isotope"),
                    (item.activity != row.activity.nilIfEmpty, "activity"), (item.referenceDate != row.referenceDate, "reference date"),
                    (row.lastChecked != nil && item.lastCheckedOn != row.lastChecked, "last checked"),
                ]
                changed = differences.filter(\.0).map(\.1)
            }
            item.categoryID = categoryID
            item.description = row.description
            item.location = row.location
            item.serialNumber = row.serialNumber.nilIfEmpty
            item.status = row.status
            item.isotope = row.isotope.nilIfEmpty
            item.activity = row.activity.nilIfEmpty
            item.referenceDate = row.referenceDate
            if let lastChecked = row.lastChecked { item.lastCheckedOn = lastChecked }
            if isNew {
                item.schoolID = schoolID
                item.assetTag = row.assetTag
                item.addedAt = now
                if row.lastChecked == nil { item.lastCheckedOn = nil }
                report.added.append("\(row.assetTag) \(row.description)")
            } else if changed.isEmpty {
                report.unchanged += 1; continue
            } else {
                report.updated.append("\(row.assetTag) \(row.description): " + changed.joined(separator: ", "))
            }
            item.nextDueOn = EquipmentRules.nextDue(lastChecked: item.lastCheckedOn, added: item.addedAt, intervalMonths: category.intervalMonths)
            changes.append(item)
        }
        guard !dryRun, report.problems.isEmpty, !changes.isEmpty else { return report }
        try await db.writeTransaction { [report, changes] db in
            for item in changes { try await item.save(on: db) }
            try await AuditEntry.record("equipment.imported", subject: "school:\(school.seedCode)", actor: user.id,
                                        details: "\(report.added.count) added, \(report.updated.count) updated, \(report.unchanged) unchanged", on: db)
        }
        report.written = true
        return report
    }

    /// Who is authorised for which task at a school, and whose certificate lapsed.
    package static func csv(_ tasks: [EquipmentDesk.TaskCover]) -> String {
        var rows = [["Task", "Person", "Standing", "Certificate", "Until"]]
        for cover in tasks {
            for person in cover.authorised {
                rows.append([cover.task.label, person.name, "Authorised", person.number, person.until.map(ServiceTime.isoDay) ?? "no expiry"])
            }
            for person in cover.lapsed {
                var until = ""
                if case .expired(let day) = person.refusal { until = ServiceTime.isoDay(day) }
                rows.append([cover.task.label, person.name, person.refusal.code == "certificate_revoked" ? "Revoked" : "Expired", "", until])
            }
            if cover.needed && cover.authorised.isEmpty { rows.append([cover.task.label, "", "Nobody authorised", "", ""]) }
        }
        return CSV.render(rows)
    }

    /// The register as CSV in the import's layout, with the due date and state after it.
    package static func csv(_ lines: [RegisterLine], now: Date) -> String {
        let window = DueWindow(now: now)
        var rows = [EquipmentRegisterCSV.headings + ["Check", "Next due", "Due"]]
        for line in lines {
            rows.append([line.assetTag ?? "", line.categoryName, line.description, line.location, line.serialNumber ?? "",
                         line.status.label, line.lastCheckedOn.map(ServiceTime.isoDay) ?? "", line.isotope ?? "", line.activity ?? "",
                         line.referenceDate.map(ServiceTime.isoDay) ?? "", line.checkType, ServiceTime.isoDay(line.nextDueOn),
                         window.state(nextDue: line.nextDueOn, status: line.status).label])
        }
        return CSV.render(rows)
    }
}
