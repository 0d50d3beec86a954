import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

struct NotificationDTO: Content {
    var id: UUID; var kind: String; var text: String; var topicId: UUID; var postId: UUID; var position: Int; var createdAt: Date; var read: Bool
    init(_ line: NotificationLine) {
        id = line.id; kind = line.kind.rawValue; text = line.kind.line(actor: line.actor ?? CommunityText.formerMember, topic: line.topicTitle)
        topicId = line.topicID; postId = line.postID; position = line.position; createdAt = line.createdAt; read = line.read
    }
}

struct NotificationsDTO: Content {
    var items: [NotificationDTO]; var unread: Int; var hasMore: Bool; var emailMode: String; var emailed: Bool
}

/// A member's Techné notifications and following, as JSON: the same use cases as the pages.
struct NotificationAPI: RouteCollection {
    struct EmailChoice: Content { var mode: String? }
    struct Marked: Content { var marked: Int }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("community", "notifications", use: list)
        routes.post("community", "notifications", "read", use: markAllRead)
        routes.put("community", "notifications", "email", use: setEmailMode)
        routes.put("community", "topics", ":topicID", "follow", use: followTopic)
        routes.delete("community", "topics", ":topicID", "follow", use: unfollowTopic)
        routes.put("community", "categories", ":key", "follow", use: followCategory)
        routes.delete("community", "categories", ":key", "follow", use: unfollowCategory)
    }

    func list(req: Request) async throws -> NotificationsDTO {
        let page = try await NotificationDesk(db: req.db).page(for: try req.requireUser(), try req.listPage())
        return NotificationsDTO(items: page.lines.map(NotificationDTO.init), unread: page.unread, hasMore: page.hasMore,
                                emailMode: page.emailMode.rawValue, emailed: page.emailed)
    }

    func markAllRead(req: Request) async throws -> Marked {
        Marked(marked: try await NotificationDesk(db: req.db).markAllRead(by: try req.requireUser()))
    }

    func setEmailMode(req: Request) async throws -> EmailChoice {
        let user = try req.requireUser()
        return EmailChoice(mode: try await NotificationDesk(db: req.db).setEmailMode(try req.decodeBody(EmailChoice.self).mode, for: user).rawValue)
    }

    func followTopic(req: Request) async throws -> Response { try await topic(req, following: true) }
    func unfollowTopic(req: Request) async throws -> Response { try await topic(req, following: false) }

    private func topic(_ req: Request, following: Bool) async throws -> Response {
        let user = try req.requireUser()
        try await NotificationDesk(db: req.db).follow(topic: try req.uuid("topicID", "topic"), following, by: user)
        return Response(status: .noContent)
    }

    func followCategory(req: Request) async throws -> Response { try await category(req, following: true) }
    func unfollowCategory(req: Request) async throws -> Response { try await category(req, following: false) }

    private func category(_ req: Request, following: Bool) async throws -> Response {
        let user = try req.requireUser()
        _ = try await NotificationDesk(db: req.db).follow(category: req.parameters.get("key"), following, by: user)
        return Response(status: .noContent)
    }
}
