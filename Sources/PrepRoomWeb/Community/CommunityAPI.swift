import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

struct CommunityCategoryDTO: Content {
    var key: String; var name: String; var description: String; var membersOnly: Bool; var topics: Int
    init(_ summary: CategorySummary) {
        key = summary.category.key; name = summary.category.name; description = summary.category.description
        membersOnly = summary.category.membersOnly; topics = summary.topics
    }
}

struct TopicLineDTO: Content {
    var id: UUID; var title: String; var author: String?; var replies: Int; var lastPostedAt: Date; var solved: Bool; var locked: Bool; var pinned: Bool
    init(_ line: TopicLine) {
        id = line.id; title = line.title; author = line.author; replies = line.replies; lastPostedAt = line.lastPostedAt
        solved = line.solved; locked = line.locked; pinned = line.pinned
    }
}

struct PostDTO: Content {
    var id: UUID; var position: Int; var author: String?; var body: String; var postedAt: Date
    /// Only moderators are shown hidden posts; for them, why it was hidden.
    var hidden: Bool; var hiddenReason: String?
    /// Waiting for a moderator's approval (shown to its author and moderators only).
    var held: Bool
    /// When it was last edited (`GET …/posts/{postID}/versions` has what it said before).
    var editedAt: Date?
    /// Its files (pictures and documents), in the order they were added.
    var attachments: [AttachmentDTO] = []
    init(_ post: PostLine) {
        id = post.id; position = post.position; author = post.author; body = post.body; postedAt = post.postedAt
        hidden = post.hidden; hiddenReason = post.hiddenReason; held = post.held; editedAt = post.editedAt
    }
    init(_ post: CommunityPost, author: String) throws {
        id = try post.requireID(); position = post.position; self.author = author; body = post.body; postedAt = post.postedAt
        hidden = post.hiddenAt != nil; hiddenReason = post.hiddenReason; held = post.held; editedAt = post.editedAt
    }
}

struct SuspensionDTO: Content {
    var userId: UUID; var until: String; var reason: String
    init(_ suspension: CommunitySuspension) { userId = suspension.userID; until = ServiceTime.isoDay(suspension.until); reason = suspension.reason }
}

struct FlaggedPostDTO: Content {
    var postId: UUID; var topicId: UUID; var topic: String; var position: Int; var author: String?; var body: String
    var reasons: [String]; var firstFlaggedAt: Date
    init(_ post: FlaggedPost) {
        postId = post.postID; topicId = post.topicID; topic = post.topicTitle; position = post.position; author = post.author
        body = post.body; reasons = post.reasons; firstFlaggedAt = post.firstFlaggedAt
    }
}

struct TopicDTO: Content {
    var id: UUID; var category: String; var title: String; var solutionId: UUID?; var locked: Bool; var pinned: Bool; var posts: [PostDTO]
    init(_ page: CommunityDesk.TopicPage) {
        id = page.id; category = page.category.key; title = page.topic.title; solutionId = page.topic.solutionID
        locked = page.topic.locked; pinned = page.topic.pinned
        let files = Dictionary(grouping: page.attachments, by: \.ownerID)
        posts = page.posts.map { post in
            var dto = PostDTO(post)
            dto.attachments = (files[post.id] ?? []).map(AttachmentDTO.init)
            return dto
        }
    }
}

/// Techné's discussion as JSON: the same use cases as the pages.
struct CommunityAPI: RouteCollection {
    struct NewTopic: Content { var title: String?; var body: String? }
    struct NewReply: Content { var body: String? }
    struct Solution: Content { var postId: String? }
    struct Locking: Content { var locked: Bool? }
    struct Reasoned: Content { var reason: String? }
    struct Suspending: Content { var until: String?; var reason: String? }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("community", "categories", use: categories)
        routes.get("community", "categories", ":key", "topics", use: topics)
        routes.post("community", "categories", ":key", "topics", use: startTopic)
        routes.get("community", "topics", ":topicID", use: topic)
        routes.post("community", "topics", ":topicID", "replies", use: reply)
        routes.post("community", "topics", ":topicID", "solved", use: markSolved)
        routes.post("community", "topics", ":topicID", "lock", use: setLocked)
        routes.get("community", "posts", ":postID", use: post)
        routes.post("community", "posts", ":postID", "flags", use: flag)
        routes.get("community", "flags", use: flags)
        routes.post("community", "posts", ":postID", "hide", use: hide)
        routes.post("community", "posts", ":postID", "restore", use: restore)
        routes.post("community", "posts", ":postID", "dismiss", use: dismissFlags)
        routes.put("community", "members", ":userID", "suspension", use: suspend)
        routes.delete("community", "members", ":userID", "suspension", use: lift)
        routes.get("community", "held", use: held)
        routes.put("community", "posts", ":postID", use: editPost)
        routes.get("community", "posts", ":postID", "versions", use: versions)
        routes.post("community", "posts", ":postID", "approve", use: approve)
        routes.post("community", "posts", ":postID", "reject", use: reject)
        routes.post("community", "topics", ":topicID", "pin", use: setPinned)
        routes.post("community", "topics", ":topicID", "move", use: move)
        routes.put("community", "settings", use: setSettings)
        routes.post("community", "categories", use: addCategory)
        routes.put("community", "categories", ":key", use: updateCategory)
    }

    struct Pinning: Content { var pinned: Bool? }
    struct Moving: Content { var category: String? }
    struct Settings: Content { var firstPostsHeld: Int? }

    func editPost(req: Request) async throws -> PostDTO {
        let user = try req.requireUser()
        try await req.enforce(CommunityRules.postsPerWindow, person: user.id)
        let postID = try req.uuid("postID", "post")
        return PostDTO(try await CommunityDesk(db: req.db).edit(postID, body: try req.decodeBody(NewReply.self).body, by: user))
    }

    struct PostVersionDTO: Content { var body: String; var editedAt: Date; var editor: String? }

    /// What the post said before each edit, oldest first.
    func versions(req: Request) async throws -> ListDTO<PostVersionDTO> {
        let postID = try req.uuid("postID", "post")
        let page = try await CommunityDesk(db: req.db).post(postID, for: req.currentUser).topic
        let versions = page.versions.filter { $0.postID == postID }.map { PostVersionDTO(body: $0.body, editedAt: $0.editedAt, editor: $0.editor) }
        return ListDTO(items: versions, total: versions.count)
    }

    func held(req: Request) async throws -> ListDTO<FlaggedPostDTO> {
        let posts = try await CommunityDesk(db: req.db).heldPosts(for: try req.requireUser())
        return ListDTO(items: posts.map(FlaggedPostDTO.init), total: posts.count)
    }

    func approve(req: Request) async throws -> PostDTO {
        let user = try req.require({ CommunityRules.mayModerate($0) }, "Only moderators approve posts.")
        let postID = try req.uuid("postID", "post")
        try await CommunityDesk(db: req.db).approve(postID, by: user)
        return PostDTO(try await CommunityDesk(db: req.db).post(postID, for: user).post)
    }

    func reject(req: Request) async throws -> PostDTO {
        let user = try req.require({ CommunityRules.mayModerate($0) }, "Only moderators turn posts down.")
        let postID = try req.uuid("postID", "post")
        try await CommunityDesk(db: req.db, links: Links(req)).reject(postID, reason: try req.decodeBody(Reasoned.self).reason, by: user)
        return PostDTO(try await CommunityDesk(db: req.db).post(postID, for: user).post)
    }

    func setPinned(req: Request) async throws -> TopicDTO {
        let user = try req.require({ CommunityRules.mayModerate($0) }, "Only moderators pin topics.")
        let topicID = try req.uuid("topicID", "topic")
        guard let pinned = try req.decodeBody(Pinning.self).pinned else {
            throw ServiceError.invalid([FieldError("pinned", "Say whether the topic is pinned: true or false")])
        }
        _ = try await CommunityDesk(db: req.db).setPinned(topicID, pinned, by: user)
        return try await detail(topicID, req)
    }

    func move(req: Request) async throws -> TopicDTO {
        let user = try req.require({ CommunityRules.mayModerate($0) }, "Only moderators move topics.")
        let topicID = try req.uuid("topicID", "topic")
        _ = try await CommunityDesk(db: req.db).move(topicID, to: try req.decodeBody(Moving.self).category, by: user)
        return try await detail(topicID, req)
    }

    struct CategoryInput: Content { var key: String?; var name: String?; var description: String?; var membersOnly: Bool? }

    func addCategory(req: Request) async throws -> Response {
        let user = try req.require({ CommunityRules.mayModerate($0) }, "Only moderators manage categories.")
        let body = try req.decodeBody(CategoryInput.self)
        let category = try await CommunityDesk(db: req.db).addCategory(key: body.key, name: body.name, description: body.description,
                                                                      membersOnly: body.membersOnly ?? false, by: user)
        return try await CommunityCategoryDTO(CategorySummary(category: category, topics: 0)).encodeResponse(status: .created, for: req)
    }

    func updateCategory(req: Request) async throws -> CommunityCategoryDTO {
        let user = try req.require({ CommunityRules.mayModerate($0) }, "Only moderators manage categories.")
        let body = try req.decodeBody(CategoryInput.self)
        let category = try await CommunityDesk(db: req.db).updateCategory(req.parameters.get("key"), name: body.name, description: body.description,
                                                                         membersOnly: body.membersOnly ?? false, by: user)
        return CommunityCategoryDTO(CategorySummary(category: category, topics: try await CommunityStore.topicCount(in: category.requireID(), on: req.db)))
    }

    func setSettings(req: Request) async throws -> Settings {
        let user = try req.require({ $0.has(.admin) }, "Only admins change Techné's settings.")
        let desk = CommunityDesk(db: req.db)
        try await desk.setFirstPostsHeld(try req.decodeBody(Settings.self).firstPostsHeld, by: user)
        return Settings(firstPostsHeld: try await desk.firstPostsHeld())
    }

    func suspend(req: Request) async throws -> SuspensionDTO {
        let user = try req.require({ CommunityRules.mayModerate($0) }, "Only moderators suspend members.")
        let member = try req.uuid("userID", "member")
        let body = try req.decodeBody(Suspending.self)
        return SuspensionDTO(try await CommunityDesk(db: req.db).suspend(member, until: body.until, reason: body.reason, by: user))
    }

    func lift(req: Request) async throws -> Response {
        let user = try req.require({ CommunityRules.mayModerate($0) }, "Only moderators lift suspensions.")
        try await CommunityDesk(db: req.db).lift(try req.uuid("userID", "member"), by: user)
        return Response(status: .noContent)
    }

    func post(req: Request) async throws -> PostDTO {
        PostDTO(try await CommunityDesk(db: req.db).post(try req.uuid("postID", "post"), for: req.currentUser).post)
    }

    func flag(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await req.enforce(CommunityRules.postsPerWindow, person: user.id)
        let postID = try req.uuid("postID", "post")
        _ = try await CommunityDesk(db: req.db).flag(postID, reason: try req.decodeBody(Reasoned.self).reason, by: user)
        return Response(status: .created)
    }

    func flags(req: Request) async throws -> ListDTO<FlaggedPostDTO> {
        let posts = try await CommunityDesk(db: req.db).flags(for: try req.requireUser())
        return ListDTO(items: posts.map(FlaggedPostDTO.init), total: posts.count)
    }

    func hide(req: Request) async throws -> PostDTO {
        let user = try req.require({ CommunityRules.mayModerate($0) }, "Only moderators hide posts.")
        let postID = try req.uuid("postID", "post")
        return PostDTO(try await CommunityDesk(db: req.db, links: Links(req)).hide(postID, reason: try req.decodeBody(Reasoned.self).reason, by: user))
    }

    func restore(req: Request) async throws -> PostDTO {
        let user = try req.require({ CommunityRules.mayModerate($0) }, "Only moderators restore posts.")
        let postID = try req.uuid("postID", "post")
        return PostDTO(try await CommunityDesk(db: req.db, links: Links(req)).restore(postID, reason: try req.decodeBody(Reasoned.self).reason, by: user))
    }

    func dismissFlags(req: Request) async throws -> Response {
        let user = try req.require({ CommunityRules.mayModerate($0) }, "Only moderators dismiss flags.")
        try await CommunityDesk(db: req.db).dismissFlags(on: try req.uuid("postID", "post"), by: user)
        return Response(status: .noContent)
    }

    func categories(req: Request) async throws -> ListDTO<CommunityCategoryDTO> {
        let categories = try await CommunityDesk(db: req.db).categories()
        return ListDTO(items: categories.map(CommunityCategoryDTO.init), total: categories.count)
    }

    func topics(req: Request) async throws -> ListDTO<TopicLineDTO> {
        let page = try await CommunityDesk(db: req.db).categoryPage(req.parameters.get("key"), page: try req.listPage(), for: req.currentUser)
        return ListDTO(items: page.topics.map(TopicLineDTO.init), total: try await CommunityStore.topicCount(in: page.category.requireID(), on: req.db))
    }

    private func detail(_ id: UUID, _ req: Request) async throws -> TopicDTO {
        TopicDTO(try await CommunityDesk(db: req.db).topic(id, for: req.currentUser))
    }

    func topic(req: Request) async throws -> TopicDTO { try await detail(try req.uuid("topicID", "topic"), req) }

    func startTopic(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await req.enforce(CommunityRules.postsPerWindow, person: user.id)
        let body = try req.decodeBody(NewTopic.self)
        let topic = try await CommunityDesk(db: req.db).startTopic(in: req.parameters.get("key"), title: body.title, body: body.body, by: user)
        return try await detail(topic.requireID(), req).encodeResponse(status: .created, for: req)
    }

    func reply(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await req.enforce(CommunityRules.postsPerWindow, person: user.id)
        let topicID = try req.uuid("topicID", "topic")
        let body = try req.decodeBody(NewReply.self)
        let post = try await CommunityDesk(db: req.db).reply(to: topicID, body: body.body, by: user)
        return try await PostDTO(post, author: user.name).encodeResponse(status: .created, for: req)
    }

    func markSolved(req: Request) async throws -> TopicDTO {
        let user = try req.requireUser()
        let topicID = try req.uuid("topicID", "topic")
        let postID = try uuid(try req.decodeBody(Solution.self).postId, field: "postId")
        _ = try await CommunityDesk(db: req.db).markSolved(topicID, by: postID, user: user)
        return try await detail(topicID, req)
    }

    func setLocked(req: Request) async throws -> TopicDTO {
        // Whose it is comes before what the body says: a member learns nothing from a 422.
        let user = try req.require({ CommunityRules.mayModerate($0) }, "Only moderators lock topics.")
        let topicID = try req.uuid("topicID", "topic")
        guard let locked = try req.decodeBody(Locking.self).locked else {
            throw ServiceError.invalid([FieldError("locked", "Say whether the topic is locked: true or false")])
        }
        _ = try await CommunityDesk(db: req.db).setLocked(topicID, locked, by: user)
        return try await detail(topicID, req)
    }
}
