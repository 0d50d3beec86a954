import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// STAC as pages: the seats and their representatives, a member's own representative and
/// the form to write to them, the meetings; for managers, the seats' holders and the
/// meetings' agendas and minutes.
struct CouncilPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("community", "council", use: overview)
        routes.post("community", "council", "letter", use: write)
        routes.post("community", "council", "seats", use: assignSeat)
        routes.get("community", "council", "meetings", "new", use: newMeeting)
        routes.post("community", "council", "meetings", use: createMeeting)
        routes.get("community", "council", "meetings", ":meetingID", use: meeting)
        routes.post("community", "council", "meetings", ":meetingID", use: updateMeeting)
    }

    func overview(req: Request) async throws -> Response {
        try await overviewPage(req, letter: nil, errors: [])
    }

    private func overviewPage(_ req: Request, letter: String?, errors: [FieldError]) async throws -> Response {
        CouncilPage(overview: try await CouncilDesk(db: req.db).overview(for: req.currentUser), letter: letter, errors: errors)
            .response(for: req, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    func write(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await req.enforce(CommunityRules.postsPerWindow, person: user.id)
        let body = FormData(req)["body"]
        do {
            let name = try await CouncilDesk(db: req.db).write(body, by: user)
            req.flash("Your message is on its way to \(name).")
            return req.redirect(to: SiteURL.council.path)
        } catch let error as ServiceError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await overviewPage(req, letter: body, errors: error.formErrors(defaultField: "body"))
        }
    }

    func assignSeat(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = FormData(req)
        let organisation = try uuid(form["organisationId"], field: "organisationId")
        return try await req.attempt(back: SiteURL.council.path + "#seats") {
            guard let organisation else { throw ServiceError.invalid([FieldError("organisationId", "Choose the seat")]) }
            try await CouncilDesk(db: req.db, links: Links(req)).assignSeat(of: organisation, toEmail: form["email"], by: user)
            return form["email"] == nil ? "The seat is vacant." : "The seat is taken; its representative is emailed."
        }
    }

    func newMeeting(req: Request) async throws -> Response {
        try req.require({ CouncilRules.mayManage($0) }, "Only managers run the council's meetings.")
        return MeetingFormPage(meeting: nil, form: MeetingFormPage.Fields(), errors: []).response(for: req, needsCSRF: true)
    }

    func createMeeting(req: Request) async throws -> Response { try await saveMeeting(req, id: nil) }

    func updateMeeting(req: Request) async throws -> Response { try await saveMeeting(req, id: try req.uuid("meetingID", "meeting")) }

    private func saveMeeting(_ req: Request, id: UUID?) async throws -> Response {
        let user = try req.require({ CouncilRules.mayManage($0) }, "Only managers run the council's meetings.")
        let form = FormData(req)
        let fields = MeetingFormPage.Fields(title: form["title"], heldOn: form["heldOn"], agenda: form["agenda"], minutes: form["minutes"])
        do {
            let meeting = try await CouncilDesk(db: req.db).saveMeeting(id, title: fields.title, heldOn: fields.heldOn, agenda: fields.agenda,
                                                                       minutes: fields.minutes, publish: form["publish"] == "true", by: user)
            req.flash(meeting.publishedAt == nil ? "Saved as a draft: members do not see it yet." : "Saved; members read it.")
            return req.redirect(to: SiteURL.councilMeeting(meeting.linkID).path)
        } catch let error as ServiceError where error.status == .unprocessableEntity {
            let existing = try await id.asyncMap { try await CouncilDesk(db: req.db).meeting($0, for: user) }
            return MeetingFormPage(meeting: existing, form: fields, errors: error.formErrors(defaultField: "title"))
                .response(for: req, status: .unprocessableEntity, needsCSRF: true)
        }
    }

    func meeting(req: Request) async throws -> Response {
        let desk = CouncilDesk(db: req.db)
        let meeting = try await desk.meeting(try req.uuid("meetingID", "meeting"), for: req.currentUser)
        return MeetingPage(meeting: meeting, papers: try await desk.papers(of: meeting.linkID)).response(for: req)
    }
}
