import Fluent
import SQLKit

/// Meets topics members suggest, and their votes (one per member and topic).
struct CreateMeetsTopics: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("meets_topics")
            .id()
            .field("title", .string, .required)
            .field("why", .string, .required)
            .field("kit", .string, .required)
            .field("suggested_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("suggested_at", .datetime, .required)
            .field("votes", .int, .required)
            .field("status", .string, .required)
            .field("status_reason", .string)
            .field("run_id", .uuid, .references("runs", "id", onDelete: .setNull))
            .field("decided_at", .datetime)
            .field("decided_by", .uuid)
            .create()
        try await database.schema("meets_topic_votes")
            .id()
            .field("topic_id", .uuid, .required, .references("meets_topics", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("voted_at", .datetime, .required)
            .unique(on: "topic_id", "user_id")
            .create()
        // A person's data download and erasure find their votes and suggestions.
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX meets_topic_votes_user ON meets_topic_votes (user_id)").run()
        try await sql.raw("CREATE INDEX meets_topics_suggested_by ON meets_topics (suggested_by)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("meets_topic_votes").delete()
        try await database.schema("meets_topics").delete()
    }
}
