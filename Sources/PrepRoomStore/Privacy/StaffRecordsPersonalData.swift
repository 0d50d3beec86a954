import Fluent
import Foundation
import PrepRoomCore

/// Centres a person applied for or is the contact of, decisions staff made and evidence
/// they uploaded, which name them by id (and, where a page shows it without a lookup, by
/// name). Erasure keeps the decisions, which other
/// records rely on, with the names replaced and the person taken out of their reasons.
extension PersonalDataArea {
    public static let staffRecords = PersonalDataArea(
        name: "Decisions as staff",
        tables: [Centre.schema, CentreStatusChange.schema, CentreApproval.schema, ObjectiveStatusChange.schema, Setting.schema,
                 ExternalVerificationRound.schema, ExternalVerificationEvidence.schema],
        export: { subject, db in
            let id = subject.id
            var records: [PersonalRecord] = []
            let centres = try await Centre.query(on: db)
                .group(.or) { $0.filter(\.$appliedBy == id).filter(\.$contactEmail == subject.email) }.all()
            for centre in centres {
                records.append(PersonalRecord([("what", centre.appliedBy == id ? "applied for a centre" : "a centre's contact"),
                                               ("centre", centre.name), ("contactName", centre.contactName),
                                               ("contactEmail", centre.contactEmail), ("at", PersonalRecord.text(centre.createdAt))]))
            }
            for change in try await CentreStatusChange.query(on: db).filter(\.$changedBy == id).with(\.$centre).sort(\.$changedAt).all() {
                records.append(PersonalRecord([("what", "centre status changed"), ("centre", change.centre.name),
                                               ("to", change.to.rawValue), ("reason", change.reason), ("at", PersonalRecord.text(change.changedAt))]))
            }
            let approvals = try await CentreApproval.query(on: db).group(.or) { $0.filter(\.$grantedBy == id).filter(\.$withdrawnBy == id) }
                .with(\.$centre).with(\.$course).sort(\.$grantedAt).all()
            for approval in approvals {
                let action = approval.grantedBy == id ? "centre approved for a course" : "a centre's approval withdrawn"
                records.append(PersonalRecord([("what", action), ("centre", approval.centre.name), ("course", approval.course.code),
                                               ("at", PersonalRecord.text(approval.grantedBy == id ? approval.grantedAt : approval.withdrawnAt))]))
            }
            for change in try await ObjectiveStatusChange.query(on: db).filter(\.$changedBy == id).with(\.$objective).sort(\.$changedAt).all() {
                records.append(PersonalRecord([("what", "objective status changed"), ("objective", change.objective.code),
                                               ("to", change.to.rawValue), ("note", change.note), ("at", PersonalRecord.text(change.changedAt))]))
            }
            for setting in try await Setting.query(on: db).filter(\.$updatedBy == id).all() {
                records.append(PersonalRecord([("what", "setting last changed"), ("setting", setting.id), ("at", PersonalRecord.text(setting.updatedAt))]))
            }
            for round in try await ExternalVerificationRound.query(on: db).filter(\.$decidedBy == id).sort(\.$decidedAt).all() {
                records.append(PersonalRecord([("what", "verification decided"), ("run", round.$run.id.uuidString),
                                               ("outcome", round.status.rawValue), ("at", PersonalRecord.text(round.decidedAt))]))
            }
            for evidence in try await ExternalVerificationEvidence.query(on: db).filter(\.$authorID == id).sort(\.$createdAt).all() {
                records.append(PersonalRecord([("what", "verification evidence added"), ("run", evidence.$run.id.uuidString),
                                               ("file", evidence.filename), ("note", evidence.note), ("at", PersonalRecord.text(evidence.createdAt))]))
            }
            return [PersonalSection(key: "staffRecords", title: "Decisions you made as staff",
                                    why: "Centres, approvals, objectives, settings and verifications record who decided, so the decision can be traced.",
                                    records: records)]
        },
        erase: { subject, _, db in
            let id = subject.id
            // A centre keeps its application; it loses the person as its contact, and staff
            // see a centre with no contact to ask for another.
            for centre in try await Centre.query(on: db)
                .group(.or) { $0.filter(\.$appliedBy == id).filter(\.$contactEmail == subject.email) }.all() {
                if centre.contactEmail == subject.email { centre.contactEmail = nil }
                if let name = centre.contactName, Erasure.mentions(name, name: subject.name, email: subject.email) { centre.contactName = nil }
                centre.statement = centre.statement.map { Erasure.scrub($0, name: subject.name, email: subject.email) }
                try await centre.save(on: db)
            }
            try await ObjectiveStatusChange.query(on: db).filter(\.$changedBy == id).set(\.$changedByName, to: Erasure.erasedName).update()
            try await ExternalVerificationEvidence.query(on: db).filter(\.$authorID == id).set(\.$authorName, to: Erasure.erasedName).update()
            try await Erasure.scrub(ObjectiveStatusChange.self, \.$note, of: subject, on: db)
        })
}
