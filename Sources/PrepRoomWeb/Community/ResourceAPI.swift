import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

struct ResourceLineDTO: Content {
    var id: UUID; var title: String; var summary: String; var kind: String; var subject: String; var tags: [String]
    var membersOnly: Bool; var version: Int; var downloads: Int; var updatedAt: Date
    init(_ line: ResourceLine) {
        id = line.id; title = line.title; summary = line.summary; kind = line.kind.rawValue; subject = line.subject.rawValue; tags = line.tags
        membersOnly = line.membersOnly; version = line.version; downloads = line.downloads; updatedAt = line.updatedAt
    }
}

struct ResourceVersionDTO: Content {
    var number: Int; var note: String; var url: String?; var filename: String?; var size: Int; var createdAt: Date; var downloadUrl: String?
}

struct ResourceDTO: Content {
    var id: UUID; var title: String; var summary: String; var kind: String; var subject: String; var audiences: [String]; var tags: [String]
    var membersOnly: Bool; var version: Int; var downloads: Int; var transcript: String?; var courses: [String]; var versions: [ResourceVersionDTO]
    init(_ page: ResourceLibrary.Page) {
        let resource = page.resource, id = resource.linkID
        self.id = id; title = resource.title; summary = resource.summary; kind = resource.kind.rawValue; subject = resource.subject.rawValue
        audiences = resource.audiences.map(\.rawValue); tags = resource.tags; membersOnly = resource.membersOnly; version = resource.version
        downloads = resource.downloads; transcript = page.current.transcript; courses = page.courses.map(\.code)
        versions = page.versions.map { version in
            ResourceVersionDTO(number: version.number, note: version.note, url: version.url, filename: version.filename, size: version.size,
                               createdAt: version.createdAt,
                               downloadUrl: version.filename == nil ? nil : SiteURL.resource(id, .versionDownload(version.number)).path)
        }
    }
}

/// The resource library as JSON: the same use cases as the pages. A document is sent as
/// multipart form data (its `file` part), or as JSON with the file's bytes in base64.
struct ResourceAPI: RouteCollection {
    struct NewVersion: Content { var note: String?; var url: String?; var transcript: String?; var file: File? }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("resources", use: list)
        routes.on(.POST, "resources", body: .collect(maxSize: ByteCount(value: ResourceRules.maxUploadBytes * 2)), use: publish)
        routes.get("resources", ":resourceID", use: show)
        routes.on(.POST, "resources", ":resourceID", "versions", body: .collect(maxSize: ByteCount(value: ResourceRules.maxUploadBytes * 2)), use: addVersion)
    }

    func list(req: Request) async throws -> ListDTO<ResourceLineDTO> {
        let (lines, _) = try await ResourceLibrary(db: req.db).list(try ResourcePages.filter(req), page: try req.listPage(), for: req.currentUser)
        return ListDTO(items: lines.map(ResourceLineDTO.init), total: lines.count)
    }

    func show(req: Request) async throws -> ResourceDTO {
        ResourceDTO(try await ResourceLibrary(db: req.db).page(try req.uuid("resourceID", "resource"), for: req.currentUser))
    }

    func publish(req: Request) async throws -> Response {
        let user = try req.require({ ResourceRules.mayPublish($0) }, "Only the service's editors publish resources.")
        let form = try req.decodeBody(ResourcePages.ResourceForm.self)
        let resource = try await ResourceLibrary(db: req.db).publish(form.draft, by: user)
        return try await ResourceDTO(ResourceLibrary(db: req.db).page(resource.requireID(), for: user)).encodeResponse(status: .created, for: req)
    }

    func addVersion(req: Request) async throws -> Response {
        let user = try req.require({ ResourceRules.mayPublish($0) }, "Only the service's editors publish resources.")
        let id = try req.uuid("resourceID", "resource")
        let form = try req.decodeBody(NewVersion.self)
        _ = try await ResourceLibrary(db: req.db).addVersion(to: id, note: form.note, url: form.url, transcript: form.transcript,
                                                           upload: form.file.flatMap { $0.data.readableBytes > 0 ? Upload($0) : nil }, by: user)
        return try await ResourceDTO(ResourceLibrary(db: req.db).page(id, for: user)).encodeResponse(status: .created, for: req)
    }
}
