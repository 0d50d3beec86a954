import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// A seat a person holds on STAC. Erasure frees the seat; the meetings they wrote stay,
/// without the link to them.
extension PersonalDataArea {
    public static let council = PersonalDataArea(
        name: "STAC",
        tables: [CouncilSeat.schema, CouncilMeeting.schema],
        export: { subject, db in
            let rows = try await (db as! any SQLDatabase).raw("""
                SELECT o.name, s.since FROM council_seats s JOIN organisations o ON o.id = s.organisation_id WHERE s.user_id = \(bind: subject.id)
                """).all()
            return [PersonalSection(key: "councilSeat", title: "Your seat on STAC", why: "You represent your organisation's technicians on the council.",
                                    records: try rows.map { row in
                                        PersonalRecord([("organisation", try row.decode(column: "name", as: String.self)),
                                                        ("since", PersonalRecord.text(try row.decode(column: "since", as: Date.self)))])
                                    })]
        },
        erase: { subject, _, db in
            let sql = db as! any SQLDatabase
            try await sql.raw("DELETE FROM council_seats WHERE user_id = \(bind: subject.id)").run()
            try await sql.raw("UPDATE council_meetings SET updated_by = NULL WHERE updated_by = \(bind: subject.id)").run()
        })
}
