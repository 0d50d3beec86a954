import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// The resource library as pages: the list with its filters, a resource with its versions,
/// downloading a version, the feed of new public resources, and an editor's forms.
struct ResourcePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("resources", use: list)
        routes.get("resources", "feed.atom", use: feed)
        routes.get("resources", "new", use: newResource)
        routes.on(.POST, "resources", body: .collect(maxSize: ByteCount(value: ResourceRules.maxUploadBytes)), use: publish)
            .acceptingForms(upTo: ResourceRules.maxUploadBytes)
        routes.get("resources", ":resourceID", use: show)
        routes.get("resources", ":resourceID", "download", use: download)
        routes.get("resources", ":resourceID", "versions", ":number", "download", use: download)
        routes.on(.POST, "resources", ":resourceID", "versions", body: .collect(maxSize: ByteCount(value: ResourceRules.maxUploadBytes)), use: addVersion)
            .acceptingForms(upTo: ResourceRules.maxUploadBytes)
    }

    /// What the editor's forms send (multipart, for the file); the API sends the same as JSON.
    struct ResourceForm: Content {
        var title: String?; var summary: String?; var kind: String?; var subject: String?
        var audiences: [String]?; var tags: String?; var membersOnly: String?; var courses: [String]?
        var url: String?; var transcript: String?; var note: String?; var file: File?

        var draft: ResourceLibrary.Draft {
            var draft = ResourceLibrary.Draft()
            draft.title = title; draft.summary = summary; draft.kind = kind; draft.subject = subject
            draft.audiences = audiences ?? []; draft.tags = tags; draft.membersOnly = membersOnly == "true"
            draft.courseCodes = courses ?? []; draft.url = url; draft.transcript = transcript
            draft.upload = file.flatMap { $0.data.readableBytes > 0 ? Upload($0) : nil }
            return draft
        }
    }

    static func filter(_ req: Request) throws -> ResourceStore.Filter {
        ResourceStore.Filter(subject: try req.queryChoice("subject", Subject.self), kind: try req.queryChoice("kind", ResourceKind.self),
                             tag: try req.queryValue("tag").map { Slug.make($0) })
    }

    func list(req: Request) async throws -> Response {
        let filter = try Self.filter(req)
        let page = try req.pageNumber(perPage: 20)
        let (lines, hasMore) = try await ResourceLibrary(db: req.db).list(filter, page: page, for: req.currentUser)
        return ResourceListPage(lines: lines, filter: filter, page: page, hasMore: hasMore).response(for: req)
    }

    func show(req: Request) async throws -> Response {
        let page = try await ResourceLibrary(db: req.db).page(try req.uuid("resourceID", "resource"), for: req.currentUser)
        return ResourcePage(page: page, errors: []).response(for: req)
    }

    func download(req: Request) async throws -> Response {
        let number = try req.parameters.get("number").map { text -> Int in
            guard let number = Int(text), (1...100_000).contains(number) else { throw ServiceError.notFound("version") }
            return number
        }
        let file = try await ResourceLibrary(db: req.db).download(try req.uuid("resourceID", "resource"), version: number, for: req.currentUser)
        return Response.download(file.content, contentType: file.contentType, filename: file.filename)
    }

    /// The newest public resources for a feed reader.
    func feed(req: Request) async throws -> Response {
        let (lines, _) = try await ResourceLibrary(db: req.db).list(ResourceStore.Filter(), page: Pagination(offset: 0, limit: 30), for: nil)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "atom+xml", parameters: ["charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: ResourceFeed.atom(lines, links: Links(req))))
    }

    func newResource(req: Request) async throws -> Response {
        try req.require({ ResourceRules.mayPublish($0) }, "Only the service's editors publish resources.")
        return try await formPage(req, form: ResourceForm(), errors: [], status: .ok)
    }

    private func formPage(_ req: Request, form: ResourceForm, errors: [FieldError], status: HTTPResponseStatus) async throws -> Response {
        NewResourcePage(form: form, courses: try await CatalogueQuery.allByTitle(on: req.db), errors: errors)
            .response(for: req, status: status, needsCSRF: true)
    }

    func publish(req: Request) async throws -> Response {
        let user = try req.require({ ResourceRules.mayPublish($0) }, "Only the service's editors publish resources.")
        let form = try req.content.decode(ResourceForm.self)
        do {
            let resource = try await ResourceLibrary(db: req.db).publish(form.draft, by: user)
            req.flash("The resource is published.")
            return req.redirect(to: SiteURL.resource(try resource.requireID()).path)
        } catch let error as ServiceError where error.status == .unprocessableEntity {
            var kept = form
            kept.file = nil
            return try await formPage(req, form: kept, errors: error.formErrors(defaultField: "title"), status: .unprocessableEntity)
        }
    }

    func addVersion(req: Request) async throws -> Response {
        let user = try req.require({ ResourceRules.mayPublish($0) }, "Only the service's editors publish resources.")
        let id = try req.uuid("resourceID", "resource")
        let form = try req.content.decode(ResourceForm.self)
        do {
            _ = try await ResourceLibrary(db: req.db).addVersion(to: id, note: form.note, url: form.url, transcript: form.transcript,
                                                               upload: form.draft.upload, by: user)
            req.flash("The new version is published; the earlier ones are kept.")
            return req.redirect(to: SiteURL.resource(id).path)
        } catch let error as ServiceError where error.status == .unprocessableEntity {
            let page = try await ResourceLibrary(db: req.db).page(id, for: user)
            return ResourcePage(page: page, errors: error.formErrors(defaultField: "note")).response(for: req, status: .unprocessableEntity)
        }
    }
}
