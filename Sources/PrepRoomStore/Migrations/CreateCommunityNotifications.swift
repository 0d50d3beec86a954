import Fluent
import SQLKit

/// Following topics and categories, members' notifications and email choices, and the
/// queue of posts whose followers are still to be told.
struct CreateCommunityNotifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("community_follows")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("topic_id", .uuid, .references("community_topics", "id", onDelete: .cascade))
            .field("category_id", .uuid, .references("community_categories", "id", onDelete: .cascade))
            .field("followed_at", .datetime, .required)
            .unique(on: "user_id", "topic_id")
            .unique(on: "user_id", "category_id")
            .create()
        try await database.schema("community_notifications")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("topic_id", .uuid, .required, .references("community_topics", "id", onDelete: .cascade))
            .field("post_id", .uuid, .required, .references("community_posts", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .field("emailed_at", .datetime)
            .unique(on: "user_id", "post_id")
            .create()
        try await database.schema("community_members")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("email_mode", .string, .required)
            .field("digest_day", .string)
            .unique(on: "user_id")
            .create()
        try await database.schema("community_fanout")
            .id()
            .field("post_id", .uuid, .required, .references("community_posts", "id", onDelete: .cascade))
            .field("queued_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        // The followers of a topic or a category, read for every post.
        try await sql.raw("CREATE INDEX community_follows_topic ON community_follows (topic_id)").run()
        try await sql.raw("CREATE INDEX community_follows_category ON community_follows (category_id)").run()
        // The bell's count, read with every signed-in page, and a member's list.
        try await sql.raw("CREATE INDEX community_notifications_unread ON community_notifications (user_id, read_at)").run()
        try await sql.raw("CREATE INDEX community_notifications_listed ON community_notifications (user_id, created_at)").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["community_fanout", "community_members", "community_notifications", "community_follows"] {
            try await database.schema(table).delete()
        }
    }
}
