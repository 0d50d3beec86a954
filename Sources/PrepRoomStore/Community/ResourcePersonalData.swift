import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// The resources an editor published and the versions they added. The library keeps them
/// when the editor leaves; only the link to the person goes.
extension PersonalDataArea {
    public static let resources = PersonalDataArea(
        name: "Resource library",
        tables: [LibraryResource.schema, ResourceVersion.schema],
        export: { subject, db in
            let rows = try await (db as! any SQLDatabase).raw("""
                SELECT r.title, v.number, v.note, v.created_at FROM resource_versions v JOIN resources r ON r.id = v.resource_id
                WHERE v.created_by = \(bind: subject.id) ORDER BY v.created_at
                """).all()
            return [PersonalSection(key: "resources", title: "Resources you published", why: "You published them in Techné's library as one of the service's editors.",
                                    records: try rows.map { row in
                                        PersonalRecord([("resource", try row.decode(column: "title", as: String.self)),
                                                        ("version", String(try row.decode(column: "number", as: Int.self))),
                                                        ("note", try row.decode(column: "note", as: String.self)),
                                                        ("published", PersonalRecord.text(try row.decode(column: "created_at", as: Date.self)))])
                                    })]
        },
        erase: { subject, _, db in
            let sql = db as! any SQLDatabase
            try await sql.raw("UPDATE resources SET published_by = NULL WHERE published_by = \(bind: subject.id)").run()
            try await sql.raw("UPDATE resource_versions SET created_by = NULL WHERE created_by = \(bind: subject.id)").run()
        })
}
