import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// Keeps the register of schools in step with the Scottish Government's list
/// (`SchoolList` reads it). A dry run says what would change; the import itself writes
/// nothing at all while any row is wrong, and otherwise everything in one transaction.
/// Schools missing from the file are left alone: people may still name a school that has
/// just closed or merged, and a partial file must not empty the register.
package struct SchoolRegister {
    package let db: any Database
    package var now = Date()

    package init(db: any Database) { self.db = db }

    package typealias Report = ImportReport

    package func importList(_ text: String, dryRun: Bool, by actor: UUID? = nil) async throws -> Report {
        let organisations = try await OrganisationStore.all(on: db)
        let ids = Dictionary(organisations.compactMap { organisation in organisation.id.map { (organisation.name, $0) } }, uniquingKeysWith: { a, _ in a })
        let parsed = SchoolList.parse(text, organisations: organisations.map(\.name))
        var report = Report(problems: parsed.problems)
        let existing = Dictionary(try await School.query(on: db).all().map { ($0.seedCode, $0) }, uniquingKeysWith: { a, _ in a })
        var changes: [(School, Bool)] = []  // the school, and whether it is new
        for row in parsed.rows {
            guard let organisationID = ids[row.school.organisation] else { continue }
            if let school = existing[row.school.seedCode] {
                guard school.name != row.school.name || school.organisationID != organisationID || school.type != row.school.type else {
                    report.unchanged += 1; continue
                }
                school.name = row.school.name; school.organisationID = organisationID; school.type = row.school.type
                changes.append((school, false)); report.updated.append("\(row.school.seedCode) \(row.school.name)")
            } else {
                changes.append((School(seedCode: row.school.seedCode, name: row.school.name, organisationID: organisationID, type: row.school.type), true))
                report.added.append("\(row.school.seedCode) \(row.school.name)")
            }
        }
        guard !dryRun, report.problems.isEmpty, !changes.isEmpty else { return report }
        try await db.writeTransaction { [report, changes] db in
            for (school, isNew) in changes { if isNew { try await school.create(on: db) } else { try await school.save(on: db) } }
            try await AuditEntry.record("schools.imported", subject: "schools", actor: actor,
                                        details: "\(report.added.count) added, \(report.updated.count) updated, \(report.unchanged) unchanged", on: db)
        }
        report.written = true
        return report
    }
}
