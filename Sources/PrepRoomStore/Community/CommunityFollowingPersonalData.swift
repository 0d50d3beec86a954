import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// What a person follows in Techné, what they were told about, and how they want it
/// emailed. None of it matters to anyone else, so erasure deletes it all.
extension PersonalDataArea {
    public static let communityFollowing = PersonalDataArea(
        name: "Techné notifications",
        tables: [CommunityFollow.schema, CommunityNotification.schema, CommunityMember.schema, "community_reads"],
        export: { subject, db in
            let sql = db as! any SQLDatabase
            let follows = try await sql.raw("""
                SELECT f.followed_at, t.title, c.name AS category FROM community_follows f
                LEFT JOIN community_topics t ON t.id = f.topic_id LEFT JOIN community_categories c ON c.id = f.category_id
                WHERE f.user_id = \(bind: subject.id) ORDER BY f.followed_at
                """).all()
            let notifications = try await CommunityNotificationStore.lines(for: subject.id, Pagination(offset: 0, limit: Pagination.maxOffset), on: db)
            let mode = try await CommunityNotificationStore.emailMode(of: subject.id, on: db)
            return [PersonalSection(key: "communityFollowing", title: "Topics and categories you follow in Techné",
                                    why: "You are told about new posts in them.",
                                    records: try follows.map { row in
                                        let topic = try row.optional("title", as: String.self)
                                        let category = try row.optional("category", as: String.self)
                                        return PersonalRecord([(topic != nil ? "topic" : "category", topic ?? category ?? ""),
                                                               ("since", PersonalRecord.text(try row.decode(column: "followed_at", as: Date.self)))])
                                    }),
                    PersonalSection(key: "communityNotifications", title: "Your Techné notifications",
                                    why: "What you were told about, and whether you have read it; emailed \(mode.label.lowercased()).",
                                    records: notifications.map { line in
                                        PersonalRecord([("notification", line.kind.line(actor: line.actor ?? "A former member", topic: line.topicTitle)),
                                                        ("when", PersonalRecord.text(line.createdAt)), ("read", line.read ? "yes" : "no")])
                                    })]
        },
        erase: { subject, _, db in
            let sql = db as! any SQLDatabase
            for table in ["community_follows", "community_notifications", "community_members", "community_reads"] {
                try await sql.raw("DELETE FROM \(ident: table) WHERE user_id = \(bind: subject.id)").run()
            }
        })
}
