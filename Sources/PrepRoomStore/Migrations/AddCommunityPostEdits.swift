import Fluent
import SQLKit

/// A post's earlier versions: editing keeps what it said before, shown under the post.
struct AddCommunityPostEdits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("community_post_edits")
            .id()
            .field("post_id", .uuid, .required, .references("community_posts", "id", onDelete: .cascade))
            .field("body", .string, .required)
            .field("edited_at", .datetime, .required)
            .field("edited_by", .uuid, .references("users", "id", onDelete: .setNull))
            .create()
        try await database.schema("community_posts").field("edited_at", .datetime).update()
        try await (database as! any SQLDatabase).raw("CREATE INDEX community_post_edits_post ON community_post_edits (post_id, edited_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("community_posts").deleteField("edited_at").update()
        try await database.schema("community_post_edits").delete()
    }
}
