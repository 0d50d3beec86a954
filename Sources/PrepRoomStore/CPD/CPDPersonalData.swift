import Fluent
import Foundation
import PrepRoomCore

/// The learning a person recorded themselves. It is theirs alone and no report counts it,
/// so erasure deletes it.
extension PersonalDataArea {
    public static let cpd = PersonalDataArea(
        name: "CPD record",
        tables: [CPDEntry.schema],
        export: { subject, db in
            let entries = try await CPDEntry.query(on: db).filter(\.$user.$id == subject.id).sort(\.$date).all()
            return [PersonalSection(key: "cpdEntries", title: "Your CPD record",
                                    why: "The learning you added yourself, beside the courses you completed.",
                                    records: entries.map {
                                        PersonalRecord([("kind", $0.kind.label), ("title", $0.title), ("date", PersonalRecord.text($0.date)),
                                                        ("hours", PersonalRecord.text($0.hours)), ("reflection", $0.reflection),
                                                        ("evidence", $0.evidenceURL), ("added", PersonalRecord.text($0.createdAt))])
                                    })]
        },
        erase: { subject, _, db in
            try await CPDEntry.query(on: db).filter(\.$user.$id == subject.id).delete()
        })
}
