import Fluent
import Foundation
import PrepRoomCore

/// A resource in Techné's library: a document or a video, with its current version's
/// number; every version is kept (`ResourceVersion`).
public final class LibraryResource: Model, @unchecked Sendable {
    public static let schema = "resources"

    @ID(key: .id) public var id: UUID?
    @Field(key: "title") public var title: String
    @Field(key: "summary") public var summary: String
    @Enum(key: "kind") public var kind: ResourceKind
    @Enum(key: "subject") public var subject: Subject
    /// Comma-separated `Audience` names.
    @Field(key: "audiences") public var audienceList: String
    /// Comma-separated tag slugs.
    @Field(key: "tags") public var tagList: String
    @Field(key: "members_only") public var membersOnly: Bool
    /// The current version's number (1, 2, …).
    @Field(key: "version") public var version: Int
    @Field(key: "downloads") public var downloads: Int
    /// The summary, tags and current transcript as one text, for the search's index.
    @Field(key: "search_text") public var searchText: String
    @Field(key: "published_at") public var publishedAt: Date
    @Field(key: "updated_at") public var updatedAt: Date
    /// The editor who published it; nil once their account is erased.
    @OptionalField(key: "published_by") public var publishedBy: UUID?

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] {
        [$id, $title, $summary, $kind, $subject, $audienceList, $tagList, $membersOnly, $version, $downloads, $searchText, $publishedAt, $updatedAt, $publishedBy]
    }

    public var tags: [String] { tagList.split(separator: ",").map(String.init) }
    public var audiences: [Audience] { audienceList.split(separator: ",").compactMap { Audience(rawValue: String($0)) } }

    public init() {}
}

/// One version of a resource: a file (a document) or a link and its transcript (a video),
/// and what changed from the one before.
public final class ResourceVersion: Model, @unchecked Sendable {
    public static let schema = "resource_versions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "resource_id") public var resourceID: UUID
    @Field(key: "number") public var number: Int
    /// What changed ("First version." for the first).
    @Field(key: "note") public var note: String
    @OptionalField(key: "url") public var url: String?
    @OptionalField(key: "transcript") public var transcript: String?
    @OptionalField(key: "filename") public var filename: String?
    @OptionalField(key: "content_type") public var contentType: String?
    @Field(key: "size") public var size: Int
    @OptionalField(key: "content") public var content: Data?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "created_by") public var createdBy: UUID?

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] {
        [$id, $resourceID, $number, $note, $url, $transcript, $filename, $contentType, $size, $content, $createdAt, $createdBy]
    }

    public init() {}
}

/// A resource linked to a course: the course's page lists it.
public final class ResourceCourse: Model, @unchecked Sendable {
    public static let schema = "resource_courses"

    @ID(key: .id) public var id: UUID?
    @Field(key: "resource_id") public var resourceID: UUID
    @Field(key: "course_id") public var courseID: UUID

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $resourceID, $courseID] }

    public init() {}
}
