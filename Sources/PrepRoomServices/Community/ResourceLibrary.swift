import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// Techné's resource library: documents and videos with subject, audience and tags, each
/// version kept with a note of what changed, members-only or public, downloads counted, and
/// linked to the courses whose pages list them. Editors publish.
package struct ResourceLibrary {
    package let db: any Database
    package var now = Date()

    package init(db: any Database) { self.db = db }

    /// What an editor fills in: the resource's facts, and its first (or next) version.
    package struct Draft: Sendable {
        package var title: String?
        package var summary: String?
        package var kind: String?
        package var subject: String?
        package var audiences: [String] = []
        package var tags: String?
        package var membersOnly = false
        package var courseCodes: [String] = []
        package var url: String?
        package var transcript: String?
        package var upload: Upload?
        package init() {}
    }

    package struct Page: Sendable {
        package var resource: LibraryResource
        package var versions: [VersionLine]
        package var courses: [(code: String, title: String)]
        package var current: ResourceVersion
    }

    package func list(_ filter: ResourceStore.Filter, page: Pagination, for user: User?) async throws -> (lines: [ResourceLine], hasMore: Bool) {
        var lines = try await ResourceStore.lines(filter, signedIn: user != nil, page, on: db)
        let hasMore = lines.count > page.limit
        if hasMore { lines.removeLast() }
        return (lines, hasMore)
    }

    /// 404 for none; a visitor asking for a members-only one is asked to sign in.
    package func resource(_ id: UUID, for user: User?) async throws -> LibraryResource {
        guard let resource = try await ResourceStore.resource(id, on: db) else { throw ServiceError.notFound("resource") }
        guard CommunityRules.mayRead(membersOnly: resource.membersOnly, signedIn: user != nil) else { throw ServiceError.signInRequired }
        return resource
    }

    package func page(_ id: UUID, for user: User?) async throws -> Page {
        let resource = try await resource(id, for: user)
        guard let current = try await ResourceStore.version(resource.version, of: id, on: db) else { throw ServiceError.notFound("resource") }
        return Page(resource: resource, versions: try await ResourceStore.versions(of: id, on: db),
                    courses: try await ResourceStore.courses(of: id, on: db), current: current)
    }

    /// A version's file, counted as a download. 404 for a video's version (it has a link).
    package func download(_ id: UUID, version number: Int?, for user: User?) async throws -> (filename: String, contentType: String, content: Data) {
        let resource = try await resource(id, for: user)
        guard let version = try await ResourceStore.version(number ?? resource.version, of: id, on: db),
              let content = version.content, let filename = version.filename else { throw ServiceError.notFound("file") }
        try await db.writeTransaction { db in try await ResourceStore.countDownload(of: id, on: db) }
        return (filename, version.contentType ?? "application/octet-stream", content)
    }

    /// Moves whenever the library changes (`ResourceStore.version`).
    package func version() async throws -> String { try await ResourceStore.version(on: db) }

    package func forCourse(_ courseID: UUID, for user: User?) async throws -> [ResourceLine] {
        try await ResourceStore.lines(forCourse: courseID, signedIn: user != nil, on: db)
    }

    // MARK: Editors

    /// A new resource and its first version. 413 for a document over the limit, 415 for a
    /// type the library does not take; both name what it takes.
    package func publish(_ draft: Draft, by user: User) async throws -> LibraryResource {
        try requireEditor(user)
        var problems = ResourceRules.problems(title: draft.title, summary: draft.summary)
        let kind = draft.kind.flatMap(ResourceKind.init(rawValue:))
        let subject = draft.subject.flatMap(Subject.init(rawValue:))
        if kind == nil { problems.append(FieldError("kind", "Choose document or video")) }
        if subject == nil { problems.append(FieldError("subject", "Choose the subject")) }
        let audiences = draft.audiences.compactMap(Audience.init(rawValue:))
        if audiences.isEmpty { problems.append(FieldError("audiences", "Choose who it is for")) }
        let courses = try await courseIDs(draft.courseCodes, problems: &problems)
        let version = try makeVersion(kind: kind, draft: draft, note: "First version.", problems: &problems)
        guard problems.isEmpty, let kind, let subject, let version else { throw ServiceError.invalid(problems) }
        let resource = LibraryResource()
        resource.title = (draft.title ?? "").trimmed
        resource.summary = (draft.summary ?? "").trimmed
        resource.kind = kind
        resource.subject = subject
        resource.audienceList = audiences.map(\.rawValue).joined(separator: ",")
        resource.tagList = ResourceRules.tags(draft.tags).joined(separator: ",")
        resource.membersOnly = draft.membersOnly
        resource.version = 1
        resource.downloads = 0
        resource.searchText = Self.searchText(resource, transcript: version.transcript)
        resource.publishedAt = now
        resource.updatedAt = now
        resource.publishedBy = user.id
        try await db.writeTransaction { db in
            try await resource.create(on: db)
            version.resourceID = try resource.requireID()
            version.number = 1
            version.createdBy = user.id
            try await version.create(on: db)
            try await ResourceStore.link(resource.requireID(), to: courses, on: db)
            try await AuditEntry.record("resource.published", subject: "resource:\(try resource.requireID())", actor: user.id, details: resource.title, on: db)
        }
        return resource
    }

    /// The next version: a new file (a document) or link and transcript (a video), with
    /// what changed. The old versions stay, listed and downloadable.
    package func addVersion(to id: UUID, note: String?, url: String?, transcript: String?, upload: Upload?, by user: User) async throws -> LibraryResource {
        try requireEditor(user)
        guard let resource = try await ResourceStore.resource(id, on: db) else { throw ServiceError.notFound("resource") }
        var draft = Draft()
        draft.url = url; draft.transcript = transcript; draft.upload = upload
        var problems = ResourceRules.noteProblems(note)
        let version = try makeVersion(kind: resource.kind, draft: draft, note: (note ?? "").trimmed, problems: &problems)
        guard problems.isEmpty, let version else { throw ServiceError.invalid(problems) }
        let searchText = Self.searchText(resource, transcript: version.transcript)
        try await db.writeTransaction { [now] db in
            // The resource's row first: two new versions at once queue on it and take numbers in turn.
            resource.version = try await ResourceStore.nextVersion(of: id, searchText: searchText, at: now, on: db)
            resource.updatedAt = now
            resource.searchText = searchText
            version.resourceID = id
            version.number = resource.version
            version.createdBy = user.id
            try await version.create(on: db)
            try await AuditEntry.record("resource.versioned", subject: "resource:\(id)", actor: user.id,
                                        details: "version \(resource.version): \(version.note)", on: db)
        }
        return resource
    }

    private func makeVersion(kind: ResourceKind?, draft: Draft, note: String, problems: inout [FieldError]) throws -> ResourceVersion? {
        let version = ResourceVersion()
        version.note = note
        version.createdAt = now
        version.size = 0
        switch kind {
        case .video:
            let videoProblems = ResourceRules.videoProblems(url: draft.url, transcript: draft.transcript)
            problems += videoProblems
            guard videoProblems.isEmpty else { return nil }
            version.url = draft.url?.trimmed
            version.transcript = draft.transcript?.trimmed
        case .document:
            guard let upload = draft.upload, !upload.bytes.isEmpty else {
                problems.append(FieldError("file", "Choose the document (\(DocumentType.names), at most \(Upload.megabytes(ResourceRules.maxDocumentBytes)))"))
                return nil
            }
            guard upload.bytes.count <= ResourceRules.maxDocumentBytes else {
                throw ServiceError(.payloadTooLarge, "too_large", "A document can be at most \(Upload.megabytes(ResourceRules.maxDocumentBytes)).", field: "file")
            }
            guard let type = DocumentType.of(filename: upload.filename, bytes: upload.bytes) else {
                throw ServiceError(.unsupportedMediaType, "unsupported_type",
                                   "The library takes \(DocumentType.names) documents; this file is none of them.", field: "file")
            }
            version.filename = String(upload.filename.suffix(200))
            version.contentType = type.contentType
            version.size = upload.bytes.count
            version.content = upload.bytes
        case nil:
            return nil
        }
        return version
    }

    private func courseIDs(_ codes: [String], problems: inout [FieldError]) async throws -> [UUID] {
        var ids: [UUID] = []
        for code in codes where !code.isEmpty {
            guard let course = try await CatalogueQuery.course(code: code, on: db) else {
                problems.append(FieldError("courses", "There is no course \(code)")); continue
            }
            ids.append(try course.requireID())
        }
        return ids
    }

    private static func searchText(_ resource: LibraryResource, transcript: String?) -> String {
        ([resource.summary, resource.tagList.replacingOccurrences(of: ",", with: " ")] + [transcript].compactMap { $0 }).joined(separator: "\n")
    }

    private func requireEditor(_ user: User) throws {
        guard ResourceRules.mayPublish(user.permissions) else { throw ServiceError.forbidden("Only the service's editors publish resources.") }
    }
}
