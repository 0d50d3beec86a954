import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// The Meets topics a person suggested and voted for. Erasure keeps a suggestion's title,
/// which others voted for, but replaces what the person wrote about it and takes their
/// name and votes away (each topic's count drops with them).
extension PersonalDataArea {
    public static let removedSuggestion = "Removed when its suggester's account was erased."

    public static let meetsTopics = PersonalDataArea(
        name: "Meets topics",
        tables: [MeetsTopic.schema, MeetsVote.schema],
        export: { subject, db in
            let sql = db as! any SQLDatabase
            let suggested = try await sql.models(MeetsTopic.self, """
                SELECT * FROM meets_topics WHERE suggested_by = \(bind: subject.id) ORDER BY suggested_at
                """)
            let votes = try await sql.raw("""
                SELECT t.title, v.voted_at FROM meets_topic_votes v JOIN meets_topics t ON t.id = v.topic_id
                WHERE v.user_id = \(bind: subject.id) ORDER BY v.voted_at
                """).all()
            return [PersonalSection(key: "meetsTopics", title: "Meets topics you suggested",
                                    why: "You suggested them for a twilight Meet; members see them and vote.",
                                    records: suggested.map { topic in
                                        PersonalRecord([("title", topic.title), ("why", topic.why), ("kit", topic.kit),
                                                        ("suggested", PersonalRecord.text(topic.suggestedAt)), ("status", topic.status.label)])
                                    }),
                    PersonalSection(key: "meetsVotes", title: "Meets topics you voted for",
                                    why: "Your vote counts towards which Meets are run, and you are told when one is scheduled.",
                                    records: try votes.map { row in
                                        PersonalRecord([("topic", try row.decode(column: "title", as: String.self)),
                                                        ("voted", PersonalRecord.text(try row.decode(column: "voted_at", as: Date.self)))])
                                    })]
        },
        erase: { subject, _, db in
            let sql = db as! any SQLDatabase
            try await sql.raw("""
                UPDATE meets_topics SET votes = votes - 1
                WHERE id IN (SELECT topic_id FROM meets_topic_votes WHERE user_id = \(bind: subject.id))
                """).run()
            try await sql.raw("DELETE FROM meets_topic_votes WHERE user_id = \(bind: subject.id)").run()
            try await sql.raw("""
                UPDATE meets_topics SET why = \(bind: removedSuggestion), kit = '', suggested_by = NULL WHERE suggested_by = \(bind: subject.id)
                """).run()
            try await sql.raw("UPDATE meets_topics SET decided_by = NULL WHERE decided_by = \(bind: subject.id)").run()
            try await Erasure.scrub(MeetsTopic.self, \.$why, of: subject, on: db)
        })
}
