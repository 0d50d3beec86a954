import Fluent
import Foundation
import PrepRoomCore

/// Equality answers are special category data, given only by choice: erasure deletes
/// them outright (the equality report of a past period then counts one declaration fewer;
/// keeping them against an anonymous account would still tie them to its bookings).
extension PersonalDataArea {
    public static let equality = PersonalDataArea(
        name: "Equality monitoring",
        tables: [EqualityDeclaration.schema],
        export: { subject, db in
            let rows = try await EqualityDeclaration.query(on: db).filter(\.$userID == subject.id).all()
            return [PersonalSection(key: "equalityAnswers", title: "Equality monitoring",
                                    why: "Only because you chose to answer: counted in totals, never shown about you.",
                                    records: rows.map { row in
                                        PersonalRecord(EqualityQuestion.allCases.map { ($0.heading, row.answers.answers[$0]) }
                                                       + [("answered", PersonalRecord.text(row.declaredAt))])
                                    })]
        },
        erase: { subject, _, db in
            try await EqualityStore.erase(for: subject.id, on: db)
        })
}
