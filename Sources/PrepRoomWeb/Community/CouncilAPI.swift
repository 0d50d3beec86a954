import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

struct SeatDTO: Content {
    var organisationId: UUID; var organisation: String; var kind: String; var representative: String?; var since: Date?
    init(_ seat: SeatLine) {
        organisationId = seat.organisationID; organisation = seat.organisation; kind = seat.kind.rawValue
        representative = seat.holder; since = seat.since
    }
}

struct MeetingDTO: Content {
    var id: UUID; var title: String; var heldOn: String; var agenda: String; var minutes: String; var published: Bool
    init(_ meeting: CouncilMeeting) {
        id = meeting.linkID; title = meeting.title; heldOn = ServiceTime.isoDay(meeting.heldOn); agenda = meeting.agenda
        minutes = meeting.minutes; published = meeting.publishedAt != nil
    }
}

struct CouncilDTO: Content {
    var seats: [SeatDTO]; var vacancies: Int; var yourSeat: SeatDTO?; var meetings: [MeetingDTO]
}

/// STAC as JSON: the same use cases as the pages.
struct CouncilAPI: RouteCollection {
    struct SeatHolder: Content { var userId: String? }
    struct MeetingInput: Content { var title: String?; var heldOn: String?; var agenda: String?; var minutes: String?; var publish: Bool? }
    struct Letter: Content { var body: String? }
    struct Sent: Content { var representative: String }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("community", "council", use: overview)
        routes.put("community", "council", "seats", ":organisationID", use: assignSeat)
        routes.post("community", "council", "meetings", use: createMeeting)
        routes.get("community", "council", "meetings", ":meetingID", use: meeting)
        routes.put("community", "council", "meetings", ":meetingID", use: updateMeeting)
        routes.post("community", "council", "letter", use: write)
    }

    func overview(req: Request) async throws -> CouncilDTO {
        let overview = try await CouncilDesk(db: req.db).overview(for: req.currentUser)
        return CouncilDTO(seats: overview.seats.map(SeatDTO.init), vacancies: overview.seats.filter { $0.holderID == nil }.count,
                          yourSeat: overview.ownSeat.map(SeatDTO.init), meetings: overview.meetings.map(MeetingDTO.init))
    }

    func assignSeat(req: Request) async throws -> Response {
        let user = try req.require({ CouncilRules.mayManage($0) }, "Only managers run the council's seats.")
        let organisation = try req.uuid("organisationID", "organisation")
        let holder = try uuid(try req.decodeBody(SeatHolder.self).userId, field: "userId")
        try await CouncilDesk(db: req.db, links: Links(req)).assignSeat(of: organisation, to: holder, by: user)
        return Response(status: .noContent)
    }

    func meeting(req: Request) async throws -> MeetingDTO {
        MeetingDTO(try await CouncilDesk(db: req.db).meeting(try req.uuid("meetingID", "meeting"), for: req.currentUser))
    }

    func createMeeting(req: Request) async throws -> Response {
        try await MeetingDTO(save(req, id: nil)).encodeResponse(status: .created, for: req)
    }

    func updateMeeting(req: Request) async throws -> MeetingDTO {
        MeetingDTO(try await save(req, id: try req.uuid("meetingID", "meeting")))
    }

    private func save(_ req: Request, id: UUID?) async throws -> CouncilMeeting {
        let user = try req.require({ CouncilRules.mayManage($0) }, "Only managers run the council's meetings.")
        let body = try req.decodeBody(MeetingInput.self)
        return try await CouncilDesk(db: req.db).saveMeeting(id, title: body.title, heldOn: body.heldOn, agenda: body.agenda, minutes: body.minutes,
                                                            publish: body.publish ?? false, by: user)
    }

    func write(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await req.enforce(CommunityRules.postsPerWindow, person: user.id)
        let name = try await CouncilDesk(db: req.db).write(try req.decodeBody(Letter.self).body, by: user)
        return try await Sent(representative: name).encodeResponse(status: .created, for: req)
    }
}
