import Fluent
import SQLKit

/// Pinned topics (first in their category) and posts held for a moderator's approval (a
/// new member's first posts). A held post is also hidden, so everything that keeps hidden
/// posts from members (pages, the API, the search's index) keeps held ones too.
struct AddCommunityPinsAndApproval: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one at a time.
        try await database.schema("community_topics").field("pinned", .bool, .required, .sql(.default(false))).update()
        try await database.schema("community_posts").field("held", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("community_posts").deleteField("held").update()
        try await database.schema("community_topics").deleteField("pinned").update()
    }
}
