import Fluent
import Foundation
import PrepRoomCore

/// The audit entries about a person's account and those of what they did. Erasure keeps
/// every entry (the log must still say what happened, and when), with the account's id now
/// naming nobody; the details of entries about the account (old names and addresses) go,
/// and the person's name and address are taken out of every other entry.
extension PersonalDataArea {
    public static let audit = PersonalDataArea(
        name: "Audit log",
        tables: [AuditEntry.schema],
        export: { subject, db in
            let entries = try await AuditEntry.query(on: db)
                .group(.or) { $0.filter(\.$subject == "user:\(subject.id)").filter(\.$actorID == subject.id) }
                .sort(\.$at).all()
            return [PersonalSection(key: "auditEntries", title: "The audit log",
                                    why: "A record of who did what, so that mistakes and misuse can be traced: changes to your account, and what you did.",
                                    records: entries.map {
                                        PersonalRecord([("at", PersonalRecord.text($0.at)), ("action", $0.action), ("record", $0.subject),
                                                        ("byYou", $0.actorID == subject.id ? "yes" : "no"), ("details", $0.details)])
                                    })]
        },
        erase: { subject, _, db in
            try await AuditEntry.query(on: db).filter(\.$subject == "user:\(subject.id)").filter(\.$details != "")
                .set(\.$details, to: Erasure.redaction).update()
            try await Erasure.scrub(AuditEntry.self, \.$details, of: subject, on: db)
        })
}
