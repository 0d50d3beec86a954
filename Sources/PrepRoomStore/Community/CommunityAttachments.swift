import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// A file attached to a post or to a council meeting's papers (exactly one of the two).
/// The bytes live in the row, like the library's documents, so a backup holds them.
public final class CommunityAttachment: Model, @unchecked Sendable {
    public static let schema = "community_attachments"

    @ID(key: .id) public var id: UUID?
    @OptionalField(key: "post_id") public var postID: UUID?
    @OptionalField(key: "meeting_id") public var meetingID: UUID?
    @Field(key: "filename") public var filename: String
    @Field(key: "content_type") public var contentType: String
    @Field(key: "size") public var size: Int
    /// What a picture shows (for those who cannot see it); may be empty for a document.
    @Field(key: "description") public var description: String
    @Field(key: "content") public var content: Data
    /// Nil once their account is erased (a meeting's papers stay with the council).
    @OptionalField(key: "uploaded_by") public var uploadedBy: UUID?
    @Field(key: "uploaded_at") public var uploadedAt: Date

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] {
        [$id, $postID, $meetingID, $filename, $contentType, $size, $description, $content, $uploadedBy, $uploadedAt]
    }

    public init() {}
}

/// An attachment as a page lists it: everything but its bytes.
public struct AttachmentLine: Sendable, Equatable {
    public var id: UUID
    /// The post or the meeting it belongs to.
    public var ownerID: UUID
    public var filename: String
    public var contentType: String
    public var size: Int
    public var description: String
    public var isImage: Bool { AttachmentRules.isImage(contentType) }
}

public enum AttachmentStore {
    private static let lineColumns: SQLQueryString = "a.id, a.filename, a.content_type, a.size, a.description"

    /// Every attachment of a topic's posts, in the order they were added, in one statement.
    public static func forTopic(_ topicID: UUID, on db: any Database) async throws -> [AttachmentLine] {
        try await (db as! any SQLDatabase).raw("""
            SELECT \(lineColumns), a.post_id AS owner_id FROM community_attachments a JOIN community_posts p ON p.id = a.post_id
            WHERE p.topic_id = \(bind: topicID) ORDER BY a.uploaded_at, a.id
            """).all().map(line)
    }

    /// A meeting's papers, in the order they were added.
    public static func forMeetings(_ meetingIDs: [UUID], on db: any Database) async throws -> [AttachmentLine] {
        guard !meetingIDs.isEmpty else { return [] }
        return try await (db as! any SQLDatabase).raw("""
            SELECT \(lineColumns), a.meeting_id AS owner_id FROM community_attachments a
            WHERE a.meeting_id IN (\(binds: meetingIDs)) ORDER BY a.uploaded_at, a.id
            """).all().map(line)
    }

    public static func count(post postID: UUID, on db: any Database) async throws -> Int {
        try await CommunityAttachment.query(on: db).filter(\.$postID == postID).count()
    }

    public static func count(meeting meetingID: UUID, on db: any Database) async throws -> Int {
        try await CommunityAttachment.query(on: db).filter(\.$meetingID == meetingID).count()
    }

    /// The attachment with its bytes.
    public static func find(_ id: UUID, on db: any Database) async throws -> CommunityAttachment? {
        try await CommunityAttachment.find(id, on: db)
    }

    private static func line(_ row: any SQLRow) throws -> AttachmentLine {
        AttachmentLine(id: try row.decode(column: "id", as: UUID.self), ownerID: try row.decode(column: "owner_id", as: UUID.self),
                       filename: try row.decode(column: "filename", as: String.self),
                       contentType: try row.decode(column: "content_type", as: String.self),
                       size: try row.decode(column: "size", as: Int.self), description: try row.decode(column: "description", as: String.self))
    }
}
