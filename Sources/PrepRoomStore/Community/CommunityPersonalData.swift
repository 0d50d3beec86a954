import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// What a person wrote in Techné. Their download holds every topic they opened and every
/// post. Erasure keeps the conversations others joined readable but takes the person out:
/// their posts' text is replaced and their name unlinked, and others' posts that name them
/// are scrubbed like every other free text.
extension PersonalDataArea {
    public static let removedPost = "This post was removed when its author's account was erased."

    public static let community = PersonalDataArea(
        name: "Techné",
        tables: [CommunityTopic.schema, CommunityPost.schema, CommunityFlag.schema, CommunitySuspension.schema, CommunityPostEdit.schema],
        export: { subject, db in
            let rows = try await (db as! any SQLDatabase).raw("""
                SELECT t.title, c.name AS category, p.position, p.body, p.posted_at
                FROM community_posts p JOIN community_topics t ON t.id = p.topic_id JOIN community_categories c ON c.id = t.category_id
                WHERE p.author_id = \(bind: subject.id) ORDER BY p.posted_at
                """).all()
            let flags = try await CommunityFlag.query(on: db).filter(\.$flaggedBy == subject.id).sort(\.$flaggedAt).all()
            let suspensions = try await CommunitySuspension.query(on: db).filter(\.$userID == subject.id).all()
            return [PersonalSection(key: "community", title: "What you wrote in Techné",
                                    why: "You posted it in the technicians' discussion, where other members read it.",
                                    records: try rows.map { row in
                                        PersonalRecord([("topic", try row.decode(column: "title", as: String.self)),
                                                        ("category", try row.decode(column: "category", as: String.self)),
                                                        ("kind", try row.decode(column: "position", as: Int.self) == 1 ? "opened the topic" : "reply"),
                                                        ("text", try row.decode(column: "body", as: String.self)),
                                                        ("posted", PersonalRecord.text(try row.decode(column: "posted_at", as: Date.self)))])
                                    }),
                    PersonalSection(key: "communityFlags", title: "Posts you flagged for the moderators",
                                    why: "You asked a moderator to look at them; the flag is kept with what the moderator decided.",
                                    records: flags.map { flag in
                                        PersonalRecord([("reason", flag.reason), ("flagged", PersonalRecord.text(flag.flaggedAt)),
                                                        ("outcome", flag.outcome ?? "waiting")])
                                    }),
                    PersonalSection(key: "communitySuspension", title: "A suspension from posting in Techné",
                                    why: "A moderator decided you should not post for a time, and why.",
                                    records: suspensions.map { suspension in
                                        PersonalRecord([("until", PersonalRecord.text(suspension.until)), ("reason", suspension.reason),
                                                        ("decided", PersonalRecord.text(suspension.suspendedAt))])
                                    })]
        },
        erase: { subject, _, db in
            let sql = db as! any SQLDatabase
            // Their posts' earlier versions are their words too: gone with the posts' text.
            try await sql.raw("""
                DELETE FROM community_post_edits WHERE post_id IN (SELECT id FROM community_posts WHERE author_id = \(bind: subject.id))
                """).run()
            try await sql.raw("UPDATE community_post_edits SET edited_by = NULL WHERE edited_by = \(bind: subject.id)").run()
            try await sql.raw("""
                UPDATE community_posts SET body = \(bind: removedPost), author_id = NULL WHERE author_id = \(bind: subject.id)
                """).run()
            try await sql.raw("UPDATE community_topics SET author_id = NULL WHERE author_id = \(bind: subject.id)").run()
            // Their flags stay for the moderators' record, without them; a moderator's own
            // decisions lose the link to them.
            try await sql.raw("UPDATE community_flags SET flagged_by = NULL WHERE flagged_by = \(bind: subject.id)").run()
            try await sql.raw("UPDATE community_flags SET resolved_by = NULL WHERE resolved_by = \(bind: subject.id)").run()
            try await sql.raw("UPDATE community_posts SET hidden_by = NULL WHERE hidden_by = \(bind: subject.id)").run()
            try await sql.raw("DELETE FROM community_suspensions WHERE user_id = \(bind: subject.id)").run()
            try await sql.raw("UPDATE community_suspensions SET suspended_by = NULL WHERE suspended_by = \(bind: subject.id)").run()
            try await Erasure.scrub(CommunityPost.self, \.$body, of: subject, on: db)
            try await Erasure.scrub(CommunityPostEdit.self, \.$body, of: subject, on: db)
        })
}
