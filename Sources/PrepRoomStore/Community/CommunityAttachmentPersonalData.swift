import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// The files a person attached. Their download lists each (its name, size, where and when;
/// the files themselves are on the pages they were attached to). Erasure deletes what they
/// attached to posts, whose text goes too (`PersonalDataArea.community`); a meeting's papers
/// belong to the council and stay, without the link to them.
extension PersonalDataArea {
    public static let communityAttachments = PersonalDataArea(
        name: "Techné attachments",
        tables: [CommunityAttachment.schema],
        export: { subject, db in
            let rows = try await (db as! any SQLDatabase).raw("""
                SELECT a.filename, a.size, a.description, a.uploaded_at, t.title AS topic, m.title AS meeting
                FROM community_attachments a LEFT JOIN community_posts p ON p.id = a.post_id LEFT JOIN community_topics t ON t.id = p.topic_id
                LEFT JOIN council_meetings m ON m.id = a.meeting_id
                WHERE a.uploaded_by = \(bind: subject.id) ORDER BY a.uploaded_at
                """).all()
            return [PersonalSection(key: "communityAttachments", title: "Files you attached in Techné",
                                    why: "You attached them to a post or to the council's papers, where members read them.",
                                    records: try rows.map { row in
                                        let topic = try row.optional("topic", as: String.self)
                                        let meeting = try row.optional("meeting", as: String.self) ?? ""
                                        return PersonalRecord([("file", try row.decode(column: "filename", as: String.self)),
                                                               ("bytes", String(try row.decode(column: "size", as: Int.self))),
                                                               ("description", try row.decode(column: "description", as: String.self)),
                                                               ("attached to", topic.map { "the topic \($0)" } ?? "the council meeting \(meeting)"),
                                                               ("attached", PersonalRecord.text(try row.decode(column: "uploaded_at", as: Date.self)))])
                                    })]
        },
        erase: { subject, _, db in
            let sql = db as! any SQLDatabase
            try await sql.raw("DELETE FROM community_attachments WHERE uploaded_by = \(bind: subject.id) AND post_id IS NOT NULL").run()
            try await sql.raw("UPDATE community_attachments SET uploaded_by = NULL WHERE uploaded_by = \(bind: subject.id)").run()
            try await Erasure.scrub(CommunityAttachment.self, \.$description, of: subject, on: db)
        })
}
