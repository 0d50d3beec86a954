import Fluent
import SQLKit

/// A member suspended from posting in Techné until a day, with the reason and who decided.
struct AddCommunitySuspensions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("community_suspensions")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("until", .datetime, .required)
            .field("reason", .string, .required)
            .field("suspended_by", .uuid)
            .field("suspended_at", .datetime, .required)
            .unique(on: "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("community_suspensions").delete()
    }
}
