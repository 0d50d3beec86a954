import Fluent
import SQLKit

/// Techné's moderation: members' flags on posts, and a post hidden by a moderator (with
/// the reason and who hid it), shown to moderators only.
struct AddCommunityModeration: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite adds one at a time.
        try await database.schema("community_posts").field("hidden_at", .datetime).update()
        try await database.schema("community_posts").field("hidden_reason", .string).update()
        try await database.schema("community_posts").field("hidden_by", .uuid).update()
        try await database.schema("community_flags")
            .id()
            .field("post_id", .uuid, .required, .references("community_posts", "id", onDelete: .cascade))
            .field("flagged_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("reason", .string, .required)
            .field("flagged_at", .datetime, .required)
            // Nil while open; then "hidden" or "dismissed", when and by whom.
            .field("outcome", .string)
            .field("resolved_at", .datetime)
            .field("resolved_by", .uuid)
            .unique(on: "post_id", "flagged_by")
            .create()
        let sql = database as! any SQLDatabase
        // The moderators' queue reads the open flags; a person's download and erasure theirs.
        try await sql.raw("CREATE INDEX community_flags_open ON community_flags (outcome, flagged_at)").run()
        try await sql.raw("CREATE INDEX community_flags_person ON community_flags (flagged_by)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("community_flags").delete()
        for column in ["hidden_at", "hidden_reason", "hidden_by"] {
            try await database.schema("community_posts").deleteField(.string(column)).update()
        }
    }
}
