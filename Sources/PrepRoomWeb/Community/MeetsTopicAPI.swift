import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

struct MeetsTopicDTO: Content {
    var id: UUID; var title: String; var why: String; var kit: String
    /// For signed-in members only.
    var suggestedBy: String?
    var suggestedAt: Date; var votes: Int; var status: String; var statusReason: String?; var voted: Bool
    var runId: UUID?; var runStartsAt: Date?
    init(_ line: MeetsTopicLine) {
        id = line.id; title = line.title; why = line.why; kit = line.kit; suggestedBy = line.suggester; suggestedAt = line.suggestedAt
        votes = line.votes; status = line.status.rawValue; statusReason = line.statusReason; voted = line.votedByReader
        runId = line.run?.id; runStartsAt = line.run?.startsAt
    }
}

/// Meets topics as JSON: the same use cases as the pages.
struct MeetsTopicAPI: RouteCollection {
    struct Suggestion: Content { var title: String?; var why: String?; var kit: String? }
    struct Decision: Content { var status: String?; var runId: String?; var reason: String? }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("community", "meets-topics", use: list)
        routes.post("community", "meets-topics", use: suggest)
        routes.get("community", "meets-topics", ":suggestionID", use: topic)
        routes.post("community", "meets-topics", ":suggestionID", "votes", use: vote)
        routes.delete("community", "meets-topics", ":suggestionID", "votes", use: withdraw)
        routes.put("community", "meets-topics", ":suggestionID", "status", use: decide)
    }

    func list(req: Request) async throws -> ListDTO<MeetsTopicDTO> {
        let lines = try await MeetsTopicDesk(db: req.db).list(for: req.currentUser)
        return ListDTO(items: lines.map(MeetsTopicDTO.init), total: lines.count)
    }

    func topic(req: Request) async throws -> MeetsTopicDTO {
        MeetsTopicDTO(try await MeetsTopicDesk(db: req.db).topic(try req.uuid("suggestionID", "Meets topic"), for: req.currentUser))
    }

    func suggest(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await req.enforce(CommunityRules.postsPerWindow, person: user.id)
        let body = try req.decodeBody(Suggestion.self)
        let desk = MeetsTopicDesk(db: req.db)
        let topic = try await desk.suggest(title: body.title, why: body.why, kit: body.kit, by: user)
        return try await MeetsTopicDTO(desk.topic(topic.requireID(), for: user)).encodeResponse(status: .created, for: req)
    }

    func vote(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let line = try await MeetsTopicDesk(db: req.db).vote(for: try req.uuid("suggestionID", "Meets topic"), by: user)
        return try await MeetsTopicDTO(line).encodeResponse(status: .created, for: req)
    }

    func withdraw(req: Request) async throws -> MeetsTopicDTO {
        let user = try req.requireUser()
        return MeetsTopicDTO(try await MeetsTopicDesk(db: req.db).withdrawVote(from: try req.uuid("suggestionID", "Meets topic"), by: user))
    }

    func decide(req: Request) async throws -> MeetsTopicDTO {
        // Whose it is comes before what the body says: a member learns nothing from a 422.
        let user = try req.require({ MeetsTopicRules.mayDecide($0) }, "Only course admins decide which topics become Meets.")
        let id = try req.uuid("suggestionID", "Meets topic")
        let body = try req.decodeBody(Decision.self)
        let runID = try uuid(body.runId, field: "runId")
        return MeetsTopicDTO(try await MeetsTopicDesk(db: req.db, links: Links(req)).decide(id, status: body.status, runID: runID, reason: body.reason, by: user))
    }
}
