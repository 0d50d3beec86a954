import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// The emails about equipment checks falling due (`EquipmentReminder`): for each school
/// and kind, one email to each of its technicians and teachers (or, for an escalation, to
/// each manager of its authority) listing the items. The claim rows and the emails commit
/// together, per school, so a second run, or another instance at the same moment, sends
/// nothing twice.
package struct EquipmentReminders {
    package let db: any Database
    package let links: Links

    package init(db: any Database, links: Links) { self.db = db; self.links = links }

    /// How many emails were queued.
    package func sendDue(now: Date = Date()) async throws -> Int {
        var queued = 0
        for kind in EquipmentReminder.allCases {
            let candidates = try await EquipmentReminderQuery.candidates(kind, now: now, on: db)
            guard !candidates.isEmpty else { continue }
            let bySchool = Dictionary(grouping: candidates, by: \.schoolId)
            let recipients = kind == .escalated
                ? try await EquipmentReminderQuery.managers(of: Array(Set(candidates.map(\.organisationId))), on: db)
                : try await EquipmentReminderQuery.people(ofSchools: Array(bySchool.keys), on: db)
            let byKey = Dictionary(grouping: recipients, by: \.key)
            for (schoolID, items) in bySchool.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
                guard let first = items.first else { continue }
                let to = byKey[kind == .escalated ? first.organisationId : schoolID] ?? []
                let lines = items.map { EquipmentNotices.Line(description: $0.description, assetTag: $0.assetTag, checkType: $0.checkType, dueOn: $0.nextDueOn) }
                let url = links.absolute(.schoolEquipment(schoolID))
                do {
                    try await db.writeTransaction { db in
                        // Claimed even when nobody is there to tell, so a school without
                        // technicians is not searched again every hour.
                        try await EquipmentReminderQuery.claim(kind, items: items, now: now, on: db)
                        for person in to {
                            try await OutboxMessage.queue(EquipmentNotices.reminder(kind, to: person.email, name: person.name, school: first.schoolName,
                                                                                    lines: lines, url: url), at: now, on: db)
                        }
                        try await AuditEntry.record("equipment.reminder_sent", subject: "school:\(schoolID)", actor: nil,
                                                    details: "\(kind.rawValue): \(items.count) item\(items.count == 1 ? "" : "s"), \(to.count) recipient\(to.count == 1 ? "" : "s")", on: db)
                    }
                    queued += to.count
                } catch let error as any DatabaseError where error.isConstraintFailure {
                    continue // another instance sent this school's reminder first
                }
            }
        }
        return queued
    }
}
