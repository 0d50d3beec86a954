import Fluent
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// `/api/v1/courses`: the catalogue for anyone; editing for course admins.
struct CourseAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let courses = routes.grouped("courses")
        courses.get(use: list)
        courses.post(use: create)
        courses.get(":code", use: show)
        courses.put(":code", use: update)
    }

    /// The same for everyone, so served from the response cache while the catalogue is unchanged.
    func list(req: Request) async throws -> Response {
        let filter = try CatalogueParameters.filter(from: req)
        let page = try req.listPage()
        let version = try await CatalogueQuery.version(on: req.db)
        return try await req.application.responseCache.respond(key: "api:" + (req.url.query ?? ""), version: version) {
            let (items, total) = try await CatalogueQuery.page(filter, page, on: req.db)
            let data = try JSONCoding.encoder.encode(ListDTO(items: items.map { CourseDTO($0) }, total: total))
            return .init(version: version, body: ByteBuffer(data: data), contentType: .json)
        }
    }

    func show(req: Request) async throws -> CourseDetailDTO {
        let course = try await Self.course(req)
        let runs = try await RunStore.upcoming(courseID: course.requireID(), on: req.db)
        return CourseDetailDTO(course: CourseDTO(course), upcomingRuns: runs.map { RunDTO($0) })
    }

    func create(req: Request) async throws -> Response {
        let user = try req.require(\.canEditCatalogue, "Only course admins can edit the catalogue.")
        let input = try req.decodeBody(CourseDTO.self)
        let course = try await CourseEditing.create(input.facts, by: user, on: req.db)
        return try await CourseDTO(course).encodeResponse(status: .created, for: req)
    }

    func update(req: Request) async throws -> CourseDTO {
        let user = try req.require(\.canEditCatalogue, "Only course admins can edit the catalogue.")
        let course = try await Self.course(req)
        var facts = try req.decodeBody(CourseDTO.self).facts
        facts.code = course.code  // the code is the course's address; it never changes
        try await CourseEditing.update(course, with: facts, by: user, on: req.db)
        return CourseDTO(course)
    }

    static func course(_ req: Request) async throws -> Course {
        guard let code = req.parameters.get("code"), let course = try await CatalogueQuery.course(code: code, on: req.db) else {
            throw ServiceError.notFound("course")
        }
        return course
    }
}

/// Reads the catalogue filters from a query string; used by the page and the API.
enum CatalogueParameters {
    static func filter(from req: Request) throws -> CatalogueFilter {
        CatalogueFilter(text: try req.queryText("q"), subject: try req.queryChoice("subject", Subject.self),
                        audience: try req.queryChoice("audience", Audience.self), format: try req.queryChoice("format", CourseFormat.self),
                        scqfLevel: try req.queryInt("level", in: 1...12), certificatedOnly: try req.queryFlag("certificated"))
    }
}
