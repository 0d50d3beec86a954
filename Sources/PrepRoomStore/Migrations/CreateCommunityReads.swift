import Fluent
import SQLKit

/// How far each member has read each topic: the topic's page marks what is new since their
/// last visit, and the category's list counts the new replies.
struct CreateCommunityReads: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("community_reads")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("topic_id", .uuid, .required, .references("community_topics", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("read_at", .datetime, .required)
            .unique(on: "user_id", "topic_id")
            .create()
        // The category's list sorts pinned topics first, then the latest: one index walks it.
        try await (database as! any SQLDatabase).raw("CREATE INDEX community_topics_listing ON community_topics (category_id, pinned, last_posted_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX community_topics_listing").run()
        try await database.schema("community_reads").delete()
    }
}
