import Fluent
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// The public catalogue (home, course list, course page, run page, calendar) and staff
/// editing of courses and runs.
struct CataloguePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
        routes.get("courses", use: list)
        routes.get("courses", "new", use: newCourse)
        routes.post("courses", "new", use: createCourse)
        routes.get("courses", ":code", use: show)
        routes.get("courses", ":code", "edit", use: editCourse)
        routes.post("courses", ":code", "edit", use: updateCourse)
        routes.get("courses", ":code", "runs", "new", use: newRun)
        routes.post("courses", ":code", "runs", "new", use: createRun)
        routes.get("runs", ":runID", use: showRun)
        routes.get("runs", ":runID", "edit", use: editRun)
        routes.post("runs", ":runID", "edit", use: updateRun)
        routes.get("calendar", use: calendar)
    }

    /// A page that shows only the schedule (courses and runs), the same for every visitor
    /// who is not signed in: served from the response cache while the schedule's version
    /// and the minute are unchanged. The minute is in the key because these pages say what
    /// is upcoming and whether booking is open, which changes with the clock alone.
    private func schedulePage(_ req: Request, key: String, alsoKeyedOn extra: String = "",
                              render: () async throws -> some PageView) async throws -> Response {
        guard req.seesPublicPage else { return try await render().response(for: req) }
        let version = try await CatalogueQuery.scheduleVersion(on: req.db) + "@\(Int(Date().timeIntervalSince1970 / 60))" + extra
        return try await req.application.responseCache.respond(key: key, version: version) {
            let html = try await render().render(req.chrome())
            return .init(version: version, body: ByteBuffer(string: html), contentType: .html)
        }
    }

    func home(req: Request) async throws -> Response {
        try await schedulePage(req, key: "home") {
            let upcoming = try await RunStore.upcoming(limit: 8, on: req.db)
            let certificated = try await CatalogueQuery.certificatedCount(on: req.db)
            return HomePage(upcoming: upcoming, certificatedCount: certificated)
        }
    }

    func list(req: Request) async throws -> Response {
        let filter = try CatalogueParameters.filter(from: req)
        let page = try req.pageNumber()
        func render() async throws -> CourseListPage {
            let (courses, total) = try await CatalogueQuery.page(filter, page, on: req.db)
            let levels = try await CatalogueQuery.levelsInUse(on: req.db)
            return CourseListPage(filter: filter, courses: courses, total: total, page: page, levels: levels)
        }
        // Signed-in people see their own navigation; everyone else sees the same page.
        guard req.seesPublicPage else { return try await render().response(for: req) }
        let version = try await CatalogueQuery.version(on: req.db)
        return try await req.application.responseCache.respond(key: "courses:" + (req.url.query ?? ""), version: version) {
            let html = try await render().render(req.chrome())
            return .init(version: version, body: ByteBuffer(string: html), contentType: .html)
        }
    }

    /// The course with its upcoming runs and the library's resources for it (Techné's
    /// resources change apart from the schedule, so the cached copy keys on them too).
    func show(req: Request) async throws -> Response {
        let library = req.seesPublicPage ? "|" + (try await ResourceLibrary(db: req.db).version()) : ""
        return try await schedulePage(req, key: "course:" + (req.parameters.get("code") ?? ""), alsoKeyedOn: library) {
            let course = try await CourseAPI.course(req)
            let upcoming = try await RunStore.upcoming(courseID: course.requireID(), on: req.db)
            let parent = try await course.refresherOf.asyncMap { try await CatalogueQuery.course(code: $0, on: req.db) } ?? nil
            let refreshers = try await CatalogueQuery.refreshers(of: course.code, on: req.db)
            let resources = try await ResourceLibrary(db: req.db).forCourse(course.requireID(), for: req.currentUser)
            return CoursePage(course: course, upcoming: upcoming, refreshes: parent, refreshers: refreshers, resources: resources)
        }
    }

    // MARK: Staff: courses

    private func courseForm(_ req: Request, existing: Course?, input: CourseFormInput, errors: [FieldError]) async throws -> Response {
        let others = try await CatalogueQuery.allByTitle(on: req.db).filter { $0.code != existing?.code }
        return CourseFormPage(existing: existing, input: input, errors: errors, otherCourses: others)
            .response(for: req, status: errors.isEmpty ? .ok : .unprocessableEntity, needsCSRF: true)
    }

    func newCourse(req: Request) async throws -> Response {
        try req.require(\.canEditCatalogue, "Only course admins can edit the catalogue.")
        return try await courseForm(req, existing: nil, input: CourseFormInput(), errors: [])
    }

    func createCourse(req: Request) async throws -> Response {
        let user = try req.require(\.canEditCatalogue, "Only course admins can edit the catalogue.")
        let input = CourseFormInput(FormData(req))
        let (facts, problems) = input.facts()
        guard let facts else { return try await courseForm(req, existing: nil, input: input, errors: problems) }
        do {
            let course = try await CourseEditing.create(facts, by: user, on: req.db)
            req.flash("Course added.")
            return req.redirect(to: SiteURL.course(code: course.code).path)
        } catch let error as ServiceError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await courseForm(req, existing: nil, input: input, errors: error.formErrors(defaultField: "code"))
        }
    }

    func editCourse(req: Request) async throws -> Response {
        try req.require(\.canEditCatalogue, "Only course admins can edit the catalogue.")
        let course = try await CourseAPI.course(req)
        return try await courseForm(req, existing: course, input: CourseFormInput(course.facts), errors: [])
    }

    func updateCourse(req: Request) async throws -> Response {
        let user = try req.require(\.canEditCatalogue, "Only course admins can edit the catalogue.")
        let course = try await CourseAPI.course(req)
        var input = CourseFormInput(FormData(req))
        input.code = course.code
        let (facts, problems) = input.facts()
        guard let facts else { return try await courseForm(req, existing: course, input: input, errors: problems) }
        do {
            try await CourseEditing.update(course, with: facts, by: user, on: req.db)
        } catch let error as ServiceError where error.status == .unprocessableEntity {
            return try await courseForm(req, existing: course, input: input, errors: error.formErrors(defaultField: "title"))
        }
        req.flash("Course saved.")
        return req.redirect(to: SiteURL.course(code: course.code).path)
    }

    // MARK: Staff: runs

    private func runForm(_ req: Request, course: Course, run: Run?, input: RunFormInput, errors: [FieldError]) async throws -> Response {
        let user = try req.requireUser()
        let centres = user.permissions.has(.courseAdmin) && course.centreDeliverable
            ? try await CentreStore.list(status: .approved, on: req.db) : []
        return RunFormPage(course: course, run: run, input: input, errors: errors, centres: centres)
            .response(for: req, status: errors.isEmpty ? .ok : .unprocessableEntity, needsCSRF: true)
    }

    func newRun(req: Request) async throws -> Response {
        let user = try req.require(\.canScheduleRuns, "Only course admins and centre coordinators can schedule runs.")
        let course = try await CourseAPI.course(req)
        var input = RunFormInput()
        input.centreID = user.centreID?.uuidString ?? ""
        return try await runForm(req, course: course, run: nil, input: input, errors: [])
    }

    func createRun(req: Request) async throws -> Response {
        let user = try req.require(\.canScheduleRuns, "Only course admins and centre coordinators can schedule runs.")
        let course = try await CourseAPI.course(req)
        var input = RunFormInput(FormData(req))
        // A coordinator's runs are always their own centre's.
        if !user.permissions.has(.courseAdmin) { input.centreID = user.centreID?.uuidString ?? "" }
        let (plan, problems) = input.plan(courseCode: course.code, format: course.format)
        guard let plan else { return try await runForm(req, course: course, run: nil, input: input, errors: problems) }
        switch try await RunScheduling.schedule(plan, centreID: UUID(uuidString: input.centreID), by: user, on: req.db) {
        case .invalid(let errors):
            return try await runForm(req, course: course, run: nil, input: input, errors: errors)
        case .saved(let run):
            req.flash("Run scheduled.")
            return req.redirect(to: SiteURL.run(try run.requireID()).path)
        }
    }

    func showRun(req: Request) async throws -> Response {
        try await schedulePage(req, key: "run:" + (req.parameters.get("runID") ?? "")) {
            let run = try await RunAPI.run(req)
            let panel = try await BookingPanel.state(for: req.currentUser, run: run, on: req.db)
            return RunPage(run: run, panel: panel)
        }
    }

    /// Only the run's provider reads its form (its notes are theirs): a course admin, or
    /// the coordinator of the run's own centre.
    func editRun(req: Request) async throws -> Response {
        let user = try req.require(\.canScheduleRuns, "Only course admins and centre coordinators can change runs.")
        let run = try await RunAPI.run(req)
        guard user.permissions.provides(runCentre: run.$centre.id, ownCentre: user.centreID) else {
            throw ServiceError.forbidden("Only the service's course admins and this run's own centre can change it.")
        }
        let plan = RunPlan(courseCode: run.course.code, capacity: run.capacity, venue: run.venue, onlineLink: run.onlineLink,
                           sessions: run.orderedSessions.map(\.times), bookingOpensAt: run.bookingOpensAt,
                           bookingClosesAt: run.bookingClosesAt, cohort: run.cohort, notes: run.notes,
                           cancellationCutOffHours: run.cancellationCutOffHours)
        return try await runForm(req, course: run.course, run: run, input: RunFormInput(plan: plan, centreID: run.$centre.id), errors: [])
    }

    func updateRun(req: Request) async throws -> Response {
        let user = try req.require(\.canScheduleRuns, "Only course admins and centre coordinators can change runs.")
        let run = try await RunAPI.run(req)
        let input = RunFormInput(FormData(req))
        let (plan, problems) = input.plan(courseCode: run.course.code, format: run.course.format)
        guard let plan else { return try await runForm(req, course: run.course, run: run, input: input, errors: problems) }
        switch try await RunScheduling.change(run, to: plan, by: user, on: req.db) {
        case .invalid(let errors):
            return try await runForm(req, course: run.course, run: run, input: input, errors: errors)
        case .saved(let saved):
            req.flash("Run saved.")
            return req.redirect(to: SiteURL.run(try saved.requireID()).path)
        }
    }

    // MARK: Calendar

    func calendar(req: Request) async throws -> Response {
        let requested: String? = req.query["month"]
        let month: Date
        if let requested {
            guard let parsed = ServiceTime.parseMonthKey(requested) else {
                throw ServiceError(.badRequest, "bad_request", "Months are written like 2027-03.")
            }
            month = parsed
        } else {
            month = ServiceTime.startOfMonth(Date())
        }
        return try await schedulePage(req, key: "calendar:" + ServiceTime.monthKey(month)) {
            let runs = try await RunStore.between(month, ServiceTime.addingMonths(1, to: month), on: req.db)
            return CalendarPage(month: month, runs: runs.filter { $0.status != .cancelled })
        }
    }
}
