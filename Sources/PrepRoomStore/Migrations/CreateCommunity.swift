import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// Techné's discussion: categories (with the ones every service starts with), topics and
/// their posts.
struct CreateCommunity: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("community_categories")
            .id()
            .field("key", .string, .required)
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("members_only", .bool, .required)
            .field("position", .int, .required)
            .unique(on: "key")
            .create()
        try await database.schema("community_topics")
            .id()
            .field("category_id", .uuid, .required, .references("community_categories", "id"))
            .field("title", .string, .required)
            .field("author_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("last_posted_at", .datetime, .required)
            .field("replies", .int, .required)
            .field("solution_id", .uuid)
            .field("locked", .bool, .required)
            .create()
        try await database.schema("community_posts")
            .id()
            .field("topic_id", .uuid, .required, .references("community_topics", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("author_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("body", .string, .required)
            .field("posted_at", .datetime, .required)
            .unique(on: "topic_id", "position")
            .create()
        let sql = database as! any SQLDatabase
        // A category's page lists its topics, latest activity first; a person's data
        // download and erasure find their topics and posts.
        try await sql.raw("CREATE INDEX community_topics_category ON community_topics (category_id, last_posted_at)").run()
        try await sql.raw("CREATE INDEX community_topics_author ON community_topics (author_id)").run()
        try await sql.raw("CREATE INDEX community_posts_author ON community_posts (author_id)").run()
        for (position, category) in CommunityRules.startingCategories.enumerated() {
            try await sql.raw("""
                INSERT INTO community_categories (id, key, name, description, members_only, position)
                VALUES (\(bind: UUID()), \(bind: category.key), \(bind: category.name), \(bind: category.description),
                        \(bind: category.membersOnly), \(bind: position))
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("community_posts").delete()
        try await database.schema("community_topics").delete()
        try await database.schema("community_categories").delete()
    }
}
