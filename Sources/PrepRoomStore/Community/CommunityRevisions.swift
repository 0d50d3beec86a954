import Fluent
import Foundation
import SQLKit

/// What a visitor's cached page of a topic or a category is kept against: the revisions the
/// triggers of `AddCommunityRevisions` raise, and whether visitors may read it at all.
public struct CommunityPageRevision: Sendable, Equatable {
    public var revision: String
    public var membersOnly: Bool
}

public enum CommunityRevisions {
    /// The topic's and its category's revisions (the page names the category); nil if no such topic.
    public static func topic(_ id: UUID, on db: any Database) async throws -> CommunityPageRevision? {
        guard let row = try await (db as! any SQLDatabase).raw("""
            SELECT t.revision AS topic_revision, c.revision AS category_revision, c.members_only
            FROM community_topics t JOIN community_categories c ON c.id = t.category_id WHERE t.id = \(bind: id)
            """).first() else { return nil }
        return CommunityPageRevision(
            revision: "\(try row.decode(column: "topic_revision", as: Int64.self))-\(try row.decode(column: "category_revision", as: Int64.self))",
            membersOnly: try row.decode(column: "members_only", as: Bool.self))
    }

    /// The category's revision; nil if no category has that key.
    public static func category(key: String, on db: any Database) async throws -> CommunityPageRevision? {
        guard let row = try await (db as! any SQLDatabase).raw("""
            SELECT revision, members_only FROM community_categories WHERE key = \(bind: key)
            """).first() else { return nil }
        return CommunityPageRevision(revision: String(try row.decode(column: "revision", as: Int64.self)),
                                     membersOnly: try row.decode(column: "members_only", as: Bool.self))
    }
}
