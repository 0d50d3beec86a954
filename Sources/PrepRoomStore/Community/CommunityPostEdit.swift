import Fluent
import Foundation
import PrepRoomCore

/// What a post said before an edit, kept so the edit is visible.
public final class CommunityPostEdit: Model, @unchecked Sendable {
    public static let schema = "community_post_edits"

    @ID(key: .id) public var id: UUID?
    @Field(key: "post_id") public var postID: UUID
    /// The text before this edit.
    @Field(key: "body") public var body: String
    @Field(key: "edited_at") public var editedAt: Date
    /// Who edited it (the author or a moderator); nil once their account is erased.
    @OptionalField(key: "edited_by") public var editedBy: UUID?

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $postID, $body, $editedAt, $editedBy] }

    public init() {}
    public init(postID: UUID, body: String, at: Date, by: UUID?) {
        self.postID = postID; self.body = body; editedAt = at; editedBy = by
    }
}

/// One earlier version of a post, as its page lists them.
public struct PostVersion: Sendable, Equatable {
    public var postID: UUID
    public var body: String
    public var editedAt: Date
    public var editor: String?
}
