import Fluent
import PrepRoomCore
import PrepRoomStore
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
        let input = try req.content.decode(CourseDTO.self)
        let course = try await CourseEditing.create(input.facts, by: user, on: req.db)
        return try await CourseDTO(course).encodeResponse(status: .created, for: req)
    }

    func update(req: Request) async throws -> CourseDTO {
        let user = try req.require(\.canEditCatalogue, "Only course admins can edit the catalogue.")
        let course = try await Self.course(req)
        var facts = try req.content.decode(CourseDTO.self).facts
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
        func choice<T: RawRepresentable>(_ name: String, _ type: T.Type) throws -> T? where T.RawValue == String {
            guard let raw: String = req.query[name], !raw.isEmpty else { return nil }
            guard let value = T(rawValue: raw) else {
                throw ServiceError(.unprocessableEntity, "invalid", "\(raw) is not a known \(name).", field: name)
            }
            return value
        }
        let levelText: String? = req.query["level"]
        let level = levelText.flatMap { $0.isEmpty ? nil : Int($0) }
        let certificated: String? = req.query["certificated"]
        return CatalogueFilter(text: req.query["q"], subject: try choice("subject", Subject.self),
                               audience: try choice("audience", Audience.self), format: try choice("format", CourseFormat.self),
                               scqfLevel: level, certificatedOnly: certificated == "true" || certificated == "1")
    }
}

/// Creating and changing catalogue entries, shared by the pages and the API.
enum CourseEditing {
    static func create(_ facts: CourseFacts, by user: User, on db: any Database) async throws -> Course {
        let codes = try await CatalogueQuery.allCodes(on: db)
        let errors = CourseRules.validate(facts, knownCodes: codes)
        if !errors.isEmpty { throw ServiceError.invalid(errors) }
        if codes.contains(facts.code) {
            throw ServiceError.conflict("code_taken", "A course with the code \(facts.code) already exists.", field: "code")
        }
        let course = Course(facts)
        try await db.writeTransaction { db in
            try await course.create(on: db)
            try await AuditEntry.record("course.created", subject: "course:\(facts.code)", actor: user.id, on: db)
        }
        return course
    }

    static func update(_ course: Course, with facts: CourseFacts, by user: User, on db: any Database) async throws {
        let errors = CourseRules.validate(facts, knownCodes: try await CatalogueQuery.allCodes(on: db))
        if !errors.isEmpty { throw ServiceError.invalid(errors) }
        course.apply(facts)
        try await db.writeTransaction { db in
            try await course.save(on: db)
            try await AuditEntry.record("course.changed", subject: "course:\(facts.code)", actor: user.id, on: db)
        }
    }
}
