import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// Techné's discussion as pages: the categories, a category's topics with the form to
/// start one, and a topic with its replies and the form to reply.
struct CommunityPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("community", use: home)
        routes.get("community", ":key", use: category)
        routes.get("community", ":key", "feed.atom", use: feed)
        routes.post("community", ":key", "topics", use: startTopic)
        routes.get("community", "topics", ":topicID", use: topic)
        routes.post("community", "topics", ":topicID", "replies", use: reply)
        routes.post("community", "topics", ":topicID", "solved", use: markSolved)
        routes.post("community", "topics", ":topicID", "lock", use: setLocked)
        routes.post("community", "posts", ":postID", "flags", use: flag)
        routes.post("community", "posts", ":postID", "hide", use: hide)
        routes.post("community", "posts", ":postID", "restore", use: restore)
        routes.post("community", "posts", ":postID", "dismiss", use: dismissFlags)
        routes.get("staff", "community", "flags", use: flags)
        routes.post("community", "members", ":userID", "suspension", use: suspend)
        routes.post("community", "members", ":userID", "suspension", "lift", use: lift)
        routes.post("community", "posts", ":postID", "edit", use: editPost)
        routes.post("community", "posts", ":postID", "approve", use: approve)
        routes.post("community", "posts", ":postID", "reject", use: reject)
        routes.post("community", "topics", ":topicID", "pin", use: setPinned)
        routes.post("community", "topics", ":topicID", "move", use: move)
        routes.post("staff", "community", "first-posts", use: setFirstPostsHeld)
    }

    func editPost(req: Request) async throws -> Response {
        try await req.enforce(CommunityRules.postsPerWindow, person: try req.requireUser().id)
        let body = FormData(req)["body"]
        return try await onPost(req) { desk, postID, user in
            _ = try await desk.edit(postID, body: body, by: user)
            return "The post is changed; what it said before is kept under it."
        }
    }

    /// From the queue, back to the queue (the next one waits there); from the topic, back to the post.
    func approve(req: Request) async throws -> Response {
        let done = "The post is approved: members see it, and its readers are told."
        guard FormData(req)["from"] == "queue" else {
            return try await onPost(req) { desk, postID, user in try await desk.approve(postID, by: user); return done }
        }
        let user = try req.requireUser()
        let postID = try req.uuid("postID", "post")
        return try await req.attempt(back: SiteURL.staff(.communityFlags).path) {
            try await CommunityDesk(db: req.db).approve(postID, by: user)
            return done
        }
    }

    func reject(req: Request) async throws -> Response {
        let reason = FormData(req)["reason"]
        return try await onPost(req) { desk, postID, user in
            try await desk.reject(postID, reason: reason, by: user)
            return "The post stays hidden, and its author is told why."
        }
    }

    func setPinned(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let topicID = try req.uuid("topicID", "topic")
        let pinned = FormData(req)["pinned"] == "true"
        _ = try await CommunityDesk(db: req.db).setPinned(topicID, pinned, by: user)
        req.flash(pinned ? "The topic is pinned to the head of its category." : "The topic is unpinned.")
        return req.redirect(to: SiteURL.topic(topicID).path)
    }

    func move(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let topicID = try req.uuid("topicID", "topic")
        let key = FormData(req)["category"]
        return try await req.attempt(back: SiteURL.topic(topicID).path) {
            _ = try await CommunityDesk(db: req.db).move(topicID, to: key, by: user)
            return "The topic is moved."
        }
    }

    func setFirstPostsHeld(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let value = FormData(req)["firstPostsHeld"].flatMap { Int($0) }
        return try await req.attempt(back: SiteURL.staff(.communityFlags).path) {
            try await CommunityDesk(db: req.db).setFirstPostsHeld(value, by: user)
            return value == 0 ? "New members' posts no longer wait." : "A new member's first \(value ?? 0) posts wait for approval."
        }
    }

    func suspend(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let member = try req.uuid("userID", "member")
        let form = FormData(req)
        return try await req.attempt(back: SiteURL.staff(.communityFlags).path) {
            let suspension = try await CommunityDesk(db: req.db).suspend(member, until: form["until"], reason: form["reason"], by: user)
            return "The member may not post until \(ServiceTime.day(suspension.until))."
        }
    }

    func lift(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await CommunityDesk(db: req.db).lift(try req.uuid("userID", "member"), by: user)
        req.flash("The suspension is lifted.")
        return req.redirect(to: SiteURL.staff(.communityFlags).path)
    }

    // MARK: Moderation

    /// Back to the post in its topic, with what happened or why not.
    private func onPost(_ req: Request, _ action: (CommunityDesk, UUID, User) async throws -> String) async throws -> Response {
        let user = try req.requireUser()
        let postID = try req.uuid("postID", "post")
        let desk = CommunityDesk(db: req.db, links: Links(req))
        let (post, page) = try await desk.post(postID, for: user)
        return try await req.attempt(back: SiteURL.topic(page.id).path + "#post-\(post.position)") {
            try await action(desk, postID, user)
        }
    }

    func flag(req: Request) async throws -> Response {
        try await req.enforce(CommunityRules.postsPerWindow, person: try req.requireUser().id)
        let reason = FormData(req)["reason"]
        return try await onPost(req) { desk, postID, user in
            _ = try await desk.flag(postID, reason: reason, by: user)
            return "Thank you: a moderator will look at the post."
        }
    }

    func hide(req: Request) async throws -> Response {
        let reason = FormData(req)["reason"]
        return try await onPost(req) { desk, postID, user in
            _ = try await desk.hide(postID, reason: reason, by: user)
            return "The post is hidden from members, and its author is told why."
        }
    }

    func restore(req: Request) async throws -> Response {
        let reason = FormData(req)["reason"]
        return try await onPost(req) { desk, postID, user in
            _ = try await desk.restore(postID, reason: reason, by: user)
            return "The post is shown again, and its author is told."
        }
    }

    func dismissFlags(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let postID = try req.uuid("postID", "post")
        try await CommunityDesk(db: req.db).dismissFlags(on: postID, by: user)
        req.flash("The flags on that post are dismissed.")
        return req.redirect(to: SiteURL.staff(.communityFlags).path)
    }

    func flags(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let desk = CommunityDesk(db: req.db)
        return FlagQueuePage(posts: try await desk.flags(for: user), held: try await desk.heldPosts(for: user),
                             firstPostsHeld: try await desk.firstPostsHeld()).response(for: req)
    }

    func home(req: Request) async throws -> Response {
        CommunityHomePage(categories: try await CommunityDesk(db: req.db).categories()).response(for: req)
    }

    /// A category's latest topics for a feed reader. A members-only category has none: a
    /// feed reader cannot sign in, so it is sent to the sign-in page like any visitor.
    func feed(req: Request) async throws -> Response {
        let page = try await CommunityDesk(db: req.db).categoryPage(req.parameters.get("key"), page: Pagination(offset: 0, limit: 30), for: nil)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "atom+xml", parameters: ["charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: CommunityFeed.atom(page, links: Links(req))))
    }

    /// A visitor's copy of a public category's page comes from the cache while the
    /// category's revision is unchanged (every topic's change raises it).
    func category(req: Request) async throws -> Response {
        let key = req.parameters.get("key") ?? ""
        let desk = CommunityDesk(db: req.db)
        guard req.seesPublicPage, let revision = try await desk.revision(ofCategory: key), !revision.membersOnly else {
            return try await categoryPage(req, title: nil, body: nil, errors: [])
        }
        let page = try req.pageNumber(perPage: 30)
        return try await req.application.communityCache.respondOnce(key: "category:\(key):\(page.offset)", version: revision.revision) {
            let html = CategoryTopicsPage(page: try await desk.categoryPage(key, page: page, for: nil), title: nil, body: nil, errors: [])
                .render(req.chrome())
            return .init(version: revision.revision, body: ByteBuffer(string: html), contentType: .html)
        }
    }

    private func categoryPage(_ req: Request, title: String?, body: String?, errors: [FieldError]) async throws -> Response {
        let page = try await CommunityDesk(db: req.db).categoryPage(req.parameters.get("key"), page: try req.pageNumber(perPage: 30), for: req.currentUser)
        return CategoryTopicsPage(page: page, title: title, body: body, errors: errors)
            .response(for: req, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    func startTopic(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await req.enforce(CommunityRules.postsPerWindow, person: user.id)
        let form = FormData(req)
        do {
            let topic = try await CommunityDesk(db: req.db).startTopic(in: req.parameters.get("key"), title: form["title"], body: form["body"], by: user)
            req.flash("Your topic is posted." + (try await CommunityDesk(db: req.db).isHeld(topic) ? " " + CommunityText.heldNote : ""))
            return req.redirect(to: SiteURL.topic(try topic.requireID()).path)
        } catch let error as ServiceError where error.status == .unprocessableEntity {
            return try await categoryPage(req, title: form["title"], body: form["body"], errors: error.formErrors(defaultField: "body"))
        }
    }

    /// A visitor's copy of a public topic's page comes from the cache while the topic's
    /// and its category's revisions are unchanged (`AddCommunityRevisions` says what raises
    /// them). The revision is read before the page, so a copy is never kept under a newer
    /// revision than the one it shows.
    func topic(req: Request) async throws -> Response {
        let id = try req.uuid("topicID", "topic")
        let desk = CommunityDesk(db: req.db)
        guard req.seesPublicPage, let revision = try await desk.revision(ofTopic: id), !revision.membersOnly else {
            return try await topicPage(req, body: nil, errors: [])
        }
        return try await req.application.communityCache.respondOnce(key: "topic:\(id)", version: revision.revision) {
            let html = TopicPage(page: try await desk.open(id, for: nil), body: nil, errors: []).render(req.chrome())
            return .init(version: revision.revision, body: ByteBuffer(string: html), contentType: .html)
        }
    }

    private func topicPage(_ req: Request, body: String?, errors: [FieldError]) async throws -> Response {
        let page = try await CommunityDesk(db: req.db).open(try req.uuid("topicID", "topic"), for: req.currentUser)
        // Reading a topic reads its notifications; only asked when the bell has any.
        if let user = req.currentUser, req.browserSession.unreadNotifications > 0 {
            let read = try await NotificationDesk(db: req.db).readTopic(page.id, by: user)
            req.browserSession.unreadNotifications = max(0, req.browserSession.unreadNotifications - read)
        }
        return TopicPage(page: page, body: body, errors: errors).response(for: req, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    func reply(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await req.enforce(CommunityRules.postsPerWindow, person: user.id)
        let topicID = try req.uuid("topicID", "topic")
        let form = FormData(req)
        do {
            let post = try await CommunityDesk(db: req.db).reply(to: topicID, body: form["body"], by: user)
            req.flash("Your reply is posted." + (post.held ? " " + CommunityText.heldNote : ""))
            return req.redirect(to: SiteURL.topic(topicID).path + "#post-\(post.position)")
        } catch let error as ServiceError where error.status == .unprocessableEntity {
            return try await topicPage(req, body: form["body"], errors: error.formErrors(defaultField: "body"))
        } catch let error as ServiceError where error.status == .conflict {
            req.flashRefusal(error.message)
            return req.redirect(to: SiteURL.topic(topicID).path)
        }
    }

    func markSolved(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let topicID = try req.uuid("topicID", "topic")
        let postID = try uuid(FormData(req)["postId"], field: "postId")
        return try await req.attempt(back: SiteURL.topic(topicID).path) {
            _ = try await CommunityDesk(db: req.db).markSolved(topicID, by: postID, user: user)
            return postID == nil ? "The topic is no longer marked solved." : "The topic is marked solved."
        }
    }

    func setLocked(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let topicID = try req.uuid("topicID", "topic")
        let locked = FormData(req)["locked"] == "true"
        _ = try await CommunityDesk(db: req.db).setLocked(topicID, locked, by: user)
        req.flash(locked ? "The topic is locked." : "The topic takes replies again.")
        return req.redirect(to: SiteURL.topic(topicID).path)
    }
}

/// Techné's front page: its categories.
struct CommunityHomePage: PageView {
    let categories: [CategorySummary]
    var title: String { "Techné" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            .h1(.text("Techné")),
            .p(.class("lead"), .text("The technicians' community: ask, answer and share what works in the prep room.")),
            SearchForm.form(text: nil, kind: .discussion, subject: nil, subjects: categories.map(\.category.key)),
            .p(.a(.attr("href", SiteURL.resources().path), .text("Resources")),
               .text(": documents and videos for the prep room.")),
            .p(.a(.attr("href", SiteURL.council.path), .text("The council (STAC)")),
               .text(": your representative, and the council's agendas and minutes.")),
            .p(.a(.attr("href", SiteURL.meetsTopics.path), .text("Meets topics")),
               .text(": suggest a theme for a twilight Meet, or vote for the ones you want.")),
            .ul(.id("categories"), .class("list-group"), .forEach(categories) { summary in
                .li(.class("list-group-item"),
                    .a(.class("fw-semibold"), .attr("href", SiteURL.communityCategory(key: summary.category.key).path), .text(summary.category.name)),
                    .if(summary.category.membersOnly, .span(.class("badge text-bg-secondary ms-2"), .text("Members only"))),
                    .span(.class("text-body-secondary ms-2"), .text(summary.topics == 1 ? "1 topic" : "\(summary.topics) topics")),
                    .p(.class("mb-0 small"), .text(summary.category.description)))
            })
        )
    }
}

/// A category's topics, latest activity first, and the form to start one.
struct CategoryTopicsPage: PageView {
    let page: CommunityDesk.CategoryPage
    /// What the person typed as the new topic's title, kept when the form comes back.
    let draftTitle: String?
    let body: String?
    let errors: [FieldError]

    init(page: CommunityDesk.CategoryPage, title: String?, body: String?, errors: [FieldError]) {
        self.page = page; draftTitle = title; self.body = body; self.errors = errors
    }

    var title: String { (errors.isEmpty ? "" : "Error: ") + "\(page.category.name): Techné" }

    func content(_ chrome: Chrome) -> BodyNode {
        let category = page.category
        return .div(
            FormParts.errorSummary(errors),
            .p(.a(.attr("href", SiteURL.community.path), .text("Techné"))),
            .h1(.text(category.name)),
            .p(.text(category.description)),
            page.topics.isEmpty
                ? .p(.id("topics"), .text(page.page.page == 1 ? "No topics yet: start the first." : "No more topics."))
                : .div(.class("table-responsive"), .table(.class("table align-middle"), .id("topics"),
                    .thead(.tr(.th(.attr("scope", "col"), .text("Topic")), .th(.attr("scope", "col"), .text("Replies")),
                               .th(.attr("scope", "col"), .text("Last post")))),
                    .tbody(.forEach(page.topics) { line in
                        .tr(.td(.a(.attr("href", SiteURL.topic(line.id).path), .text(line.title)),
                                .if(line.solved, .span(.class("badge text-bg-success ms-2"), .text("Solved"))),
                                .if(line.locked, .span(.class("badge text-bg-secondary ms-2"), .text("Locked"))),
                                .if(line.pinned, .span(.class("badge text-bg-info ms-2"), .text("Pinned"))),
                                .unwrap(line.unread.flatMap { $0 > 0 ? $0 : nil }) { .span(.class("badge text-bg-primary ms-2"), .text("\($0) new")) },
                                .div(.class("small text-body-secondary"), .text(line.author ?? CommunityText.formerMember))),
                            .td(.text("\(line.replies)")),
                            .td(.text(ServiceTime.shortDay(line.lastPostedAt))))
                    }))),
            Pager.previousNext(page: page.page.page, hasMore: page.hasMore, label: "Pages of topics") {
                SiteURL.communityCategory(key: category.key, page: $0).path
            },
            followForm(chrome, action: SiteURL.followCategory(key: category.key, following: !page.following).path, following: page.following,
                       what: category.name, id: "follow-category"),
            .if(!category.membersOnly, .p(.class("small"), .a(.attr("href", SiteURL.communityFeed(key: category.key).path), .text("Follow \(category.name) in a feed reader (Atom)")))),
            chrome.user == nil
                ? .p(.a(.attr("href", SiteURL.signIn(next: SiteURL.communityCategory(key: category.key).path).path), .text("Sign in to start a topic")))
                : H.form(action: SiteURL.newTopic(categoryKey: category.key).path, csrf: chrome.csrf, id: "new-topic", [
                    .h2(.class("h4 mt-4"), .text("Start a topic")),
                    FormParts.text("title", label: "Title", value: draftTitle, hint: "Say what you want to know, in a line.", errors: errors),
                    FormParts.textArea("body", label: "Your post", value: body, hint: CommunityText.markdownHint, rows: 8, errors: errors),
                    H.button("Post the topic"),
                ])
        )
    }
}

/// A topic: its posts in order, the reply that solved it, and the forms to reply, to mark
/// the solution (the asker and moderators) and to lock it (moderators).
struct TopicPage: PageView {
    let page: CommunityDesk.TopicPage
    let body: String?
    let errors: [FieldError]
    var title: String { (errors.isEmpty ? "" : "Error: ") + "\(page.topic.title): Techné" }

    func content(_ chrome: Chrome) -> BodyNode {
        let topic = page.topic
        let topicID = page.id
        let isAuthor = chrome.user?.id != nil && chrome.user?.id == topic.authorID
        let marks = chrome.user != nil && CommunityRules.mayMarkSolved(isAuthor: isAuthor, chrome.permissions)
        let moderates = chrome.user != nil && CommunityRules.mayModerate(chrome.permissions)
        let files = Dictionary(grouping: page.attachments, by: \.ownerID)
        return .div(.class("row"), .div(.class("col-lg-9"),
            FormParts.errorSummary(errors),
            .p(.a(.attr("href", SiteURL.community.path), .text("Techné")), .text(" › "),
               .a(.attr("href", SiteURL.communityCategory(key: page.category.key).path), .text(page.category.name))),
            .h1(.text(topic.title),
                .if(topic.solutionID != nil, .span(.id("solved"), .class("badge text-bg-success ms-2 fs-6 align-middle"), .text("Solved"))),
                .if(topic.locked, .span(.class("badge text-bg-secondary ms-2 fs-6 align-middle"), .text("Locked")))),
            followForm(chrome, action: SiteURL.topic(topicID, page.following ? .unfollow : .follow).path, following: page.following,
                       what: "this topic", id: "follow-topic"),
            .forEach(page.posts) { post in
                .group(
                .if(page.readUpTo.map { post.position == firstNew($0) } ?? false,
                    .p(.id("new-since"), .class("text-center small text-primary border-top border-primary pt-1"), .text("New since your last visit"))),
                .article(.attr("id", "post-\(post.position)"),
                         .attr("class", "card mb-3" + (post.id == topic.solutionID ? " border-success" : "")),
                    .div(.class("card-body"),
                        .p(.class("small text-body-secondary mb-2"),
                           .strong(.text(post.author ?? CommunityText.formerMember)),
                           .unwrap(post.author) { .span(.class("ms-1"), .text("@" + Mentions.handle(forName: $0))) },
                           .text(" · \(ServiceTime.day(post.postedAt)) \(ServiceTime.clock(post.postedAt))"),
                           .if(post.id == topic.solutionID, .span(.class("badge text-bg-success ms-2"), .text("Solution")))),
                        .if(post.held, .p(.class("alert alert-info py-1 small"), .text(CommunityRules.heldReason))),
                        .if(post.hidden && !post.held, .p(.class("alert alert-warning py-1 small"), .text("Hidden from members: \(post.hiddenReason ?? "")"))),
                        MarkdownView.body(post.body),
                        attachments(chrome, post: post, files: files[post.id] ?? []),
                        history(post),
                        editForm(chrome, post: post),
                        moderation(chrome, post: post, moderates: moderates),
                        .if(marks && post.position > 1, H.form(action: SiteURL.topic(topicID, .solved).path, csrf: chrome.csrf, [
                            H.hidden("postId", post.id == topic.solutionID ? "" : post.id.uuidString),
                            H.button(post.id == topic.solutionID ? "Unmark the solution" : "Mark as the solution", style: "btn-outline-success btn-sm"),
                        ])))))
            },
            replyArea(chrome, topicID: topicID),
            .if(moderates, H.form(action: SiteURL.topic(topicID, .lock).path, csrf: chrome.csrf, id: "lock", [
                H.hidden("locked", topic.locked ? "false" : "true"),
                H.button(topic.locked ? "Open the topic to replies" : "Lock the topic", style: "btn-outline-secondary mt-3"),
            ])),
            .if(moderates, H.form(action: SiteURL.topic(topicID, .pin).path, csrf: chrome.csrf, id: "pin", [
                H.hidden("pinned", topic.pinned ? "false" : "true"),
                H.button(topic.pinned ? "Unpin the topic" : "Pin the topic to the head of its category", style: "btn-outline-secondary mt-2"),
            ])),
            .if(moderates, H.form(action: SiteURL.topic(topicID, .move).path, csrf: chrome.csrf, id: "move", [
                FormParts.select("category", label: "Move the topic to", options: page.categories.map { ($0.key, $0.name) },
                                 selected: page.category.key, errors: []),
                H.button("Move", style: "btn-outline-secondary btn-sm"),
            ]))
        ))
    }

    /// The first post after the reader's place, if any is shown.
    private func firstNew(_ readUpTo: Int) -> Int? {
        page.posts.first { $0.position > readUpTo }?.position
    }

    /// The post's files, and for whoever may edit it the form to attach another.
    private func attachments(_ chrome: Chrome, post: PostLine, files: [AttachmentLine]) -> BodyNode {
        let isAuthor = chrome.user != nil && post.authorID != nil && post.authorID == chrome.user?.id
        let mayAttach = chrome.user != nil && AttachmentRules.mayAttach(isAuthor: isAuthor, topicLocked: page.topic.locked, chrome.permissions)
        return .group(
            AttachmentViews.list(files, csrf: chrome.csrf, removable: mayAttach),
            .if(mayAttach && files.count < AttachmentRules.mostPerPost,
                AttachmentViews.form(action: SiteURL.communityPost(post.id, .attachments).path, csrf: chrome.csrf, id: String(post.position),
                                     summary: "Attach a picture or a document")))
    }

    /// "Edited", and what the post said before each edit, in a disclosure.
    private func history(_ post: PostLine) -> BodyNode {
        guard let editedAt = post.editedAt else { return .empty }
        let versions = page.versions.filter { $0.postID == post.id }
        return H.element("details", [H.attr("class", "mt-2 small text-body-secondary")], [
            H.element("summary", [], [.text("Edited \(ServiceTime.shortDay(editedAt)) · earlier versions (\(versions.count))")]),
            .ol(.forEach(versions) { version in
                .li(.text("Before \(ServiceTime.shortDay(version.editedAt)) \(ServiceTime.clock(version.editedAt))"),
                    .unwrap(version.editor) { .text(", edited by \($0)") }, .text(":"),
                    .blockquote(.class("border-start border-2 ps-2"), .text(version.body)))
            }),
        ])
    }

    /// The author's (or a moderator's) form to change the post, in a disclosure.
    private func editForm(_ chrome: Chrome, post: PostLine) -> BodyNode {
        guard let user = chrome.user else { return .empty }
        let isAuthor = post.authorID != nil && post.authorID == user.id
        guard CommunityRules.mayEdit(isAuthor: isAuthor, topicLocked: page.topic.locked, chrome.permissions) else { return .empty }
        let id = "edit-\(post.position)"
        return H.element("details", [H.attr("class", "mt-2 small")], [
            H.element("summary", [], [.text("Edit this post")]),
            H.form(action: SiteURL.communityPost(post.id, .edit).path, csrf: chrome.csrf, [
                .div(.class("mb-2"),
                    .element(named: "label", nodes: [.attr("for", id), .class("form-label"), .text("The post (what it said before is kept)")]),
                    H.element("textarea", [H.attr("id", id), H.attr("name", "body"), H.attr("rows", "6"), H.attr("required", "required"),
                                           H.attr("maxlength", String(TextLimit.text)), H.attr("class", "form-control")], [.text(post.body)])),
                H.button("Save the change", style: "btn-outline-primary btn-sm"),
            ]),
        ])
    }

    /// A member's flag (in a disclosure, so the reason box shows only when asked for) and a
    /// moderator's hide or restore, each with its reason.
    private func moderation(_ chrome: Chrome, post: PostLine, moderates: Bool) -> BodyNode {
        guard let user = chrome.user else { return .empty }
        let own = post.authorID != nil && post.authorID == user.id
        return .group(
            .if(!own && !moderates, H.element("details", [H.attr("class", "mt-2 small")], [
                H.element("summary", [], [.text("Flag this post for a moderator")]),
                H.form(action: SiteURL.communityPost(post.id, .flag).path, csrf: chrome.csrf, [
                    reasonField(post, label: "Why should a moderator look at it?"),
                    H.button("Flag the post", style: "btn-outline-danger btn-sm"),
                ]),
            ])),
            .if(moderates && post.held, .group(
                H.form(action: SiteURL.communityPost(post.id, .approve).path, csrf: chrome.csrf, [H.button("Approve the post", style: "btn-success btn-sm mt-2")]),
                H.element("details", [H.attr("class", "mt-2 small")], [
                    H.element("summary", [], [.text("Turn it down")]),
                    H.form(action: SiteURL.communityPost(post.id, .reject).path, csrf: chrome.csrf, [
                        reasonField(post, label: "Why (its author is told)"),
                        H.button("Turn the post down", style: "btn-outline-danger btn-sm"),
                    ]),
                ]))),
            .if(moderates && !post.held, H.element("details", [H.attr("class", "mt-2 small")], [
                H.element("summary", [], [.text(post.hidden ? "Restore this post" : "Hide this post")]),
                H.form(action: SiteURL.communityPost(post.id, post.hidden ? .restore : .hide).path, csrf: chrome.csrf, [
                    reasonField(post, label: post.hidden ? "Why it may be shown again" : "Why it is hidden (its author is told)"),
                    H.button(post.hidden ? "Restore the post" : "Hide the post", style: "btn-outline-danger btn-sm"),
                ]),
            ])))
    }

    /// A reason box of one post's form: each post has its own, so its id carries the post's
    /// place (one id per page, and each label finds its own box).
    private func reasonField(_ post: PostLine, label: String) -> BodyNode {
        let id = "reason-\(post.position)"
        return .div(.class("mb-2"),
            .element(named: "label", nodes: [.attr("for", id), .class("form-label"), .text(label)]),
            H.element("textarea", [H.attr("id", id), H.attr("name", "reason"), H.attr("rows", "2"), H.attr("required", "required"),
                                   H.attr("maxlength", String(TextLimit.reason)), H.attr("class", "form-control")], [.text("")]))
    }

    private func replyArea(_ chrome: Chrome, topicID: UUID) -> BodyNode {
        if page.topic.locked { return .p(.id("reply"), .text("This topic is locked: it takes no more replies.")) }
        guard chrome.user != nil else {
            return .p(.id("reply"), .a(.attr("href", SiteURL.signIn(next: SiteURL.topic(topicID).path).path), .text("Sign in to reply")))
        }
        return H.form(action: SiteURL.topic(topicID, .replies).path, csrf: chrome.csrf, id: "reply", [
            .h2(.class("h4 mt-4"), .text("Reply")),
            FormParts.textArea("body", label: "Your reply", value: body, hint: CommunityText.markdownHint, rows: 6, errors: errors),
            H.button("Post the reply"),
        ])
    }
}

/// The moderators' queue: posts members flagged, oldest first, with every reason, and the
/// choice to hide the post (in its topic) or dismiss the flags.
struct FlagQueuePage: PageView {
    let posts: [FlaggedPost]
    /// Posts waiting for approval (a new member's first ones).
    var held: [FlaggedPost] = []
    var firstPostsHeld = CommunityRules.defaultFirstPostsHeld
    var title: String { "Flagged posts: Techné" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            .h1(.text("Waiting for approval")),
            held.isEmpty ? .p(.id("held"), .text(firstPostsHeld == 0 ? "New members' posts do not wait." : "No post waits for approval."))
                : .ol(.id("held"), .class("list-unstyled"), .forEach(held) { post in
                    .li(.class("card mb-3"), .div(.class("card-body"),
                        .h2(.class("h6"), .a(.attr("href", SiteURL.topic(post.topicID).path + "#post-\(post.position)"), .text(post.topicTitle)),
                            .span(.class("text-body-secondary"), .text(" · post \(post.position) by \(post.author ?? CommunityText.formerMember), \(ServiceTime.shortDay(post.firstFlaggedAt))"))),
                        .blockquote(.class("border-start border-3 ps-3 small"), .text(String(Markdown.plainText(post.body).prefix(400)))),
                        H.form(action: SiteURL.communityPost(post.postID, .approve).path, csrf: chrome.csrf, [
                            H.hidden("from", "queue"), H.button("Approve", style: "btn-success btn-sm"),
                        ]),
                        .p(.class("small mt-2 mb-0"), .text("To turn it down, open it and say why."))))
                }),
            .if(chrome.permissions.has(.admin), H.form(action: SiteURL.staff(.communityFirstPosts).path, csrf: chrome.csrf, id: "first-posts", [
                FormParts.text("firstPostsHeld", label: "How many of a new member's first posts wait", value: String(firstPostsHeld),
                               hint: "0 lets every post through at once; at most \(CommunityRules.firstPostsHeldRange.upperBound).", type: "number", errors: []),
                H.button("Save", style: "btn-outline-primary btn-sm"),
            ])),
            .p(.a(.attr("href", SiteURL.staff(.communityCategories).path), .text("Techné's categories: add one, rename one, or change who reads it"))),
            .h1(.class("mt-4"), .text("Flagged posts")),
            posts.isEmpty ? .p(.id("flags"), .text("Nothing is waiting: no post is flagged.")) : .ol(.id("flags"), .class("list-unstyled"), .forEach(posts) { post in
                .li(.class("card mb-3"), .div(.class("card-body"),
                    .h2(.class("h6"), .a(.attr("href", SiteURL.topic(post.topicID).path + "#post-\(post.position)"), .text(post.topicTitle)),
                        .span(.class("text-body-secondary"), .text(" · post \(post.position) by \(post.author ?? CommunityText.formerMember)"))),
                    .blockquote(.class("border-start border-3 ps-3 small"), .text(String(Markdown.plainText(post.body).prefix(400)))),
                    .p(.class("small mb-1"), .text("Flagged since \(ServiceTime.shortDay(post.firstFlaggedAt)), \(Wording.count(post.reasons.count, "time")):")),
                    .ul(.class("small"), .forEach(post.reasons) { .li(.text($0)) }),
                    .p(.class("small"), .text("Open the post to hide it (its author is told why), or dismiss the flags.")),
                    H.form(action: SiteURL.communityPost(post.postID, .dismissFlags).path, csrf: chrome.csrf, [
                        H.button("Dismiss the flags", style: "btn-outline-secondary btn-sm"),
                    ]),
                    .unwrap(post.authorID) { suspendForm(chrome, author: $0, post: post) }))
            })
        )
    }

    /// Suspends the post's author from posting until a day. Each field's id carries the
    /// post, so every label on the page finds its own field.
    private func suspendForm(_ chrome: Chrome, author: UUID, post: FlaggedPost) -> BodyNode {
        let until = "until-\(post.position)-\(post.postID)", reason = "suspension-reason-\(post.postID)"
        return H.element("details", [H.attr("class", "mt-2 small")], [
            H.element("summary", [], [.text("Suspend \(post.author ?? "the author") from posting")]),
            H.form(action: SiteURL.communityMember(author, .suspend).path, csrf: chrome.csrf, [
                .div(.class("mb-2"), .element(named: "label", nodes: [.attr("for", until), .class("form-label"), .text("May post again on")]),
                     H.input([H.attr("id", until), H.attr("name", "until"), H.attr("type", "date"), H.attr("required", "required"),
                              H.attr("class", "form-control")])),
                .div(.class("mb-2"), .element(named: "label", nodes: [.attr("for", reason), .class("form-label"), .text("Why (the member is told when they next post)")]),
                     H.element("textarea", [H.attr("id", reason), H.attr("name", "reason"), H.attr("rows", "2"), H.attr("required", "required"),
                                            H.attr("maxlength", String(TextLimit.reason)), H.attr("class", "form-control")], [.text("")])),
                H.button("Suspend", style: "btn-outline-danger btn-sm"),
            ]),
        ])
    }
}

/// Follow (told of what is new) or stop, for a signed-in reader.
func followForm(_ chrome: Chrome, action: String, following: Bool, what: String, id: String) -> BodyNode {
    guard chrome.user != nil else { return .empty }
    return H.form(action: action, csrf: chrome.csrf, id: id, [
        H.button(following ? "Stop following \(what)" : "Follow \(what)", style: "btn-outline-secondary btn-sm mb-3"),
    ])
}

enum CommunityText {
    static let formerMember = "A former member"
    static let heldNote = "As a new member, your first posts wait for a moderator before others see them."
    static let markdownHint = "Markdown: **bold**, *italic*, `code`, > to quote, - for a list, [text](https://…) for a link. Mention someone with @ and their name run together, like @NiaNew: they are told."
}
