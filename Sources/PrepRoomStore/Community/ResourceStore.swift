import Fluent
import FluentSQL
import Foundation
import PrepRoomCore
import SQLKit

/// One resource as the library's list shows it.
public struct ResourceLine: Sendable, Equatable {
    public var id: UUID
    public var title: String
    public var summary: String
    public var kind: ResourceKind
    public var subject: Subject
    public var tags: [String]
    public var membersOnly: Bool
    public var version: Int
    public var downloads: Int
    public var updatedAt: Date
}

/// One version as the resource's page lists it (without its file).
public struct VersionLine: Sendable, Equatable {
    public var number: Int
    public var note: String
    public var url: String?
    public var filename: String?
    public var size: Int
    public var createdAt: Date
}

/// The resource library as plain reads.
public enum ResourceStore {
    public struct Filter: Sendable {
        public var subject: Subject?
        public var kind: ResourceKind?
        public var tag: String?
        public init(subject: Subject? = nil, kind: ResourceKind? = nil, tag: String? = nil) { self.subject = subject; self.kind = kind; self.tag = tag }
    }

    private static let lineColumns: SQLQueryString = "r.id, r.title, r.summary, r.kind, r.subject, r.tags, r.members_only, r.version, r.downloads, r.updated_at"

    /// Newest first, a page at a time (one more than asked); members-only ones only for members.
    public static func lines(_ filter: Filter, signedIn: Bool, _ page: Pagination, on db: any Database) async throws -> [ResourceLine] {
        var query: SQLQueryString = "SELECT " + lineColumns + " FROM resources r WHERE 1 = 1"
        if !signedIn { query.appendInterpolation(unsafeRaw: " AND r.members_only = "); query.appendInterpolation(bind: false) }
        if let subject = filter.subject { query.appendInterpolation(unsafeRaw: " AND r.subject = "); query.appendInterpolation(bind: subject.rawValue) }
        if let kind = filter.kind { query.appendInterpolation(unsafeRaw: " AND r.kind = "); query.appendInterpolation(bind: kind.rawValue) }
        if let tag = filter.tag {
            // Tags are slugs between commas: the commas around it make it whole.
            query.appendInterpolation(unsafeRaw: " AND (',' || r.tags || ',') LIKE ")
            query.appendInterpolation(bind: "%," + PortableSQL.likeEscaped(tag) + ",%")
            query.appendInterpolation(unsafeRaw: " ESCAPE '!'")
        }
        query.appendInterpolation(unsafeRaw: " ORDER BY r.updated_at DESC, r.id LIMIT ")
        query.appendInterpolation(bind: page.limit + 1)
        query.appendInterpolation(unsafeRaw: " OFFSET ")
        query.appendInterpolation(bind: page.offset)
        return try await (db as! any SQLDatabase).raw(query).all().map(line)
    }

    /// The resources linked to a course, newest first.
    public static func lines(forCourse courseID: UUID, signedIn: Bool, on db: any Database) async throws -> [ResourceLine] {
        var query: SQLQueryString = "SELECT " + lineColumns + " FROM resources r JOIN resource_courses rc ON rc.resource_id = r.id WHERE rc.course_id = \(bind: courseID)"
        if !signedIn { query.appendInterpolation(unsafeRaw: " AND r.members_only = "); query.appendInterpolation(bind: false) }
        query.appendInterpolation(unsafeRaw: " ORDER BY r.updated_at DESC, r.id")
        return try await (db as! any SQLDatabase).raw(query).all().map(line)
    }

    private static func line(_ row: any SQLRow) throws -> ResourceLine {
        ResourceLine(id: try row.decode(column: "id", as: UUID.self), title: try row.decode(column: "title", as: String.self),
                     summary: try row.decode(column: "summary", as: String.self),
                     kind: ResourceKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .document,
                     subject: Subject(rawValue: try row.decode(column: "subject", as: String.self)) ?? .science,
                     tags: try row.decode(column: "tags", as: String.self).split(separator: ",").map(String.init),
                     membersOnly: try row.decode(column: "members_only", as: Bool.self), version: try row.decode(column: "version", as: Int.self),
                     downloads: try row.decode(column: "downloads", as: Int.self), updatedAt: try row.decode(column: "updated_at", as: Date.self))
    }

    public static func resource(_ id: UUID, on db: any Database) async throws -> LibraryResource? {
        try await (db as! any SQLDatabase).model(LibraryResource.self, "SELECT * FROM resources WHERE id = \(bind: id)")
    }

    public static func versions(of id: UUID, on db: any Database) async throws -> [VersionLine] {
        try await (db as! any SQLDatabase).raw("""
            SELECT number, note, url, filename, size, created_at FROM resource_versions WHERE resource_id = \(bind: id) ORDER BY number DESC
            """).all().map { row in
                VersionLine(number: try row.decode(column: "number", as: Int.self), note: try row.decode(column: "note", as: String.self),
                            url: try row.optional("url", as: String.self), filename: try row.optional("filename", as: String.self),
                            size: try row.decode(column: "size", as: Int.self), createdAt: try row.decode(column: "created_at", as: Date.self))
            }
    }

    /// A version with its file or transcript.
    public static func version(_ number: Int, of id: UUID, on db: any Database) async throws -> ResourceVersion? {
        try await (db as! any SQLDatabase).model(ResourceVersion.self, "SELECT * FROM resource_versions WHERE resource_id = \(bind: id) AND number = \(bind: number)")
    }

    /// Moves the resource on to its next version number, in the caller's transaction.
    public static func nextVersion(of id: UUID, searchText: String, at now: Date, on db: any Database) async throws -> Int {
        guard let row = try await (db as! any SQLDatabase).raw("""
            UPDATE resources SET version = version + 1, updated_at = \(bind: now), search_text = \(bind: searchText)
            WHERE id = \(bind: id) RETURNING version
            """).first() else { throw ResourceGone() }
        return try row.decode(column: "version", as: Int.self)
    }

    /// The resource was deleted while a version was being added.
    public struct ResourceGone: Error {}

    public static func countDownload(of id: UUID, on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("UPDATE resources SET downloads = downloads + 1 WHERE id = \(bind: id)").run()
    }

    /// The courses a resource is linked to, by title.
    public static func courses(of id: UUID, on db: any Database) async throws -> [(code: String, title: String)] {
        try await (db as! any SQLDatabase).raw("""
            SELECT c.code, c.title FROM courses c JOIN resource_courses rc ON rc.course_id = c.id WHERE rc.resource_id = \(bind: id) ORDER BY c.title
            """).all().map { (try $0.decode(column: "code", as: String.self), try $0.decode(column: "title", as: String.self)) }
    }

    /// Replaces a resource's links to courses, in the caller's transaction.
    public static func link(_ id: UUID, to courseIDs: [UUID], on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("DELETE FROM resource_courses WHERE resource_id = \(bind: id)").run()
        for courseID in Set(courseIDs) {
            try await sql.raw("INSERT INTO resource_courses (id, resource_id, course_id) VALUES (\(bind: UUID()), \(bind: id), \(bind: courseID))").run()
        }
    }

    /// Changes whenever a resource is published, changed or linked: a cached course page
    /// that lists resources keys on it.
    public static func version(on db: any Database) async throws -> String {
        let row = try await (db as! any SQLDatabase).raw("""
            SELECT (SELECT COUNT(*) FROM resources) AS n, (SELECT COUNT(*) FROM resource_courses) AS links, (SELECT MAX(updated_at) FROM resources) AS latest
            """).first()
        let latest = try row?.optional("latest", as: Date.self)?.timeIntervalSince1970 ?? 0
        return "\(try row?.decode(column: "n", as: Int.self) ?? 0).\(try row?.decode(column: "links", as: Int.self) ?? 0).\(latest)"
    }
}
