import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// Techné's discussion: reading categories and topics as each person may, starting a
/// topic, replying, marking the reply that solved it, and locking a topic.
package struct CommunityDesk {
    package let db: any Database
    package var now = Date()

    /// For the links in the emails moderation sends.
    package var links = Links(base: "")

    package init(db: any Database, links: Links? = nil) {
        self.db = db
        if let links { self.links = links }
    }

    package struct CategoryPage: Sendable {
        package var category: CommunityCategory
        package var topics: [TopicLine]
        package var page: Pagination
        package var hasMore: Bool
        /// Whether the reader follows the category (told of each new topic).
        package var following = false
    }

    package struct TopicPage: Sendable {
        package var id: UUID
        package var topic: CommunityTopic
        package var category: CommunityCategory
        package var posts: [PostLine]
        /// The earlier versions of its posts that were edited, oldest first.
        package var versions: [PostVersion] = []
        /// The reader's place before this visit: posts after it are new to them (nil for a
        /// first visit, or a visitor).
        package var readUpTo: Int?
        /// Every category, for a moderator's "move to" (empty for anyone else).
        package var categories: [CommunityCategory] = []
        /// Whether the reader follows the topic (told of each reply).
        package var following = false
        /// The files attached to the posts shown, in the order they were added.
        package var attachments: [AttachmentLine] = []
    }

    package func categories() async throws -> [CategorySummary] {
        try await CommunityStore.categories(on: db)
    }

    /// 404 for no such category; a visitor asking for a members-only one is asked to sign in.
    package func category(_ key: String?, for user: User?) async throws -> CommunityCategory {
        guard let key, Slug.isValid(key), let category = try await CommunityStore.category(key: key, on: db) else {
            throw ServiceError.notFound("category")
        }
        guard CommunityRules.mayRead(membersOnly: category.membersOnly, signedIn: user != nil) else { throw ServiceError.signInRequired }
        return category
    }

    /// What a visitor's cached page of the topic is kept against (nil: no such topic).
    package func revision(ofTopic id: UUID) async throws -> CommunityPageRevision? {
        try await CommunityRevisions.topic(id, on: db)
    }

    /// What a visitor's cached page of the category is kept against (nil: no such category).
    package func revision(ofCategory key: String) async throws -> CommunityPageRevision? {
        try await CommunityRevisions.category(key: key, on: db)
    }

    package func categoryPage(_ key: String?, page: Pagination, for user: User?) async throws -> CategoryPage {
        let category = try await category(key, for: user)
        var topics = try await CommunityStore.topics(in: category.requireID(), page, reader: user?.id,
                                                     moderator: CommunityRules.mayModerate(user?.permissions ?? Permissions([])), on: db)
        let hasMore = topics.count > page.limit
        if hasMore { topics.removeLast() }
        var result = CategoryPage(category: category, topics: topics, page: page, hasMore: hasMore)
        if let userID = user?.id { result.following = try await CommunityNotificationStore.follows(category: category.requireID(), by: userID, on: db) }
        return result
    }

    package func topic(_ id: UUID, for user: User?) async throws -> TopicPage {
        guard let topic = try await CommunityStore.topic(id, on: db), let category = try await CommunityStore.category(topic.categoryID, on: db) else {
            throw ServiceError.notFound("topic")
        }
        guard CommunityRules.mayRead(membersOnly: category.membersOnly, signedIn: user != nil) else { throw ServiceError.signInRequired }
        var posts = try await CommunityStore.posts(of: id, on: db)
        // Hidden posts are for moderators only (a held one for its author too); a topic
        // whose opening post is hidden is gone.
        if !CommunityRules.mayModerate(user?.permissions ?? Permissions([])) {
            func seen(_ post: PostLine) -> Bool { !post.hidden || (post.held && post.authorID != nil && post.authorID == user?.id) }
            if let first = posts.first, !seen(first) { throw ServiceError.notFound("topic") }
            posts.removeAll { !seen($0) }
        }
        var page = TopicPage(id: id, topic: topic, category: category, posts: posts)
        if posts.contains(where: { $0.editedAt != nil }) {
            let shown = Set(posts.map(\.id))
            page.versions = try await CommunityStore.versions(inTopic: id, on: db).filter { shown.contains($0.postID) }
        }
        let shownPosts = Set(posts.map(\.id))
        page.attachments = try await AttachmentStore.forTopic(id, on: db).filter { shownPosts.contains($0.ownerID) }
        if let userID = user?.id { page.following = try await CommunityNotificationStore.follows(topic: id, by: userID, on: db) }
        if let user, CommunityRules.mayModerate(user.permissions) { page.categories = try await CommunityStore.categories(on: db).map(\.category) }
        return page
    }

    /// The topic as its reader opens it: what is new since their last visit is marked, and
    /// their place moves to its last post (written only when there is something new).
    package func open(_ id: UUID, for user: User?) async throws -> TopicPage {
        var page = try await topic(id, for: user)
        guard let userID = user?.id, let last = page.posts.last?.position else { return page }
        page.readUpTo = try await CommunityStore.readPosition(of: userID, in: id, on: db)
        if (page.readUpTo ?? 0) < last {
            try await db.writeTransaction { [now] db in try await CommunityStore.markRead(id, upTo: last, by: userID, at: now, on: db) }
        }
        return page
    }

    /// One post with its topic, as its reader may see it: 404 for a hidden post unless a
    /// moderator asks.
    package func post(_ id: UUID, for user: User?) async throws -> (post: PostLine, topic: TopicPage) {
        guard let stored = try await CommunityStore.post(id, on: db) else { throw ServiceError.notFound("post") }
        let page: TopicPage
        do { page = try await topic(stored.topicID, for: user) } catch let error as ServiceError where error.kind == .notFound {
            throw ServiceError.notFound("post")
        }
        guard let post = page.posts.first(where: { $0.id == id }) else { throw ServiceError.notFound("post") }
        return (post, page)
    }

    // MARK: Moderation

    /// A member asks the moderators to look at someone else's post; once each.
    package func flag(_ postID: UUID, reason: String?, by user: User) async throws -> CommunityFlag {
        let (post, _) = try await self.post(postID, for: user)
        guard CommunityRules.mayFlag(isAuthor: post.authorID != nil && post.authorID == user.id) else {
            throw ServiceError.forbidden("You cannot flag your own post: edit it or ask a moderator.")
        }
        try await requireNotSuspended(user)
        let problems = CommunityRules.problems(reason: reason)
        guard problems.isEmpty else { throw ServiceError.invalid(problems) }
        guard try await !CommunityStore.flagged(post: postID, by: user.requireID(), on: db) else {
            throw ServiceError.conflict("already_flagged", "You have already flagged this post; a moderator will look at it.")
        }
        let flag = CommunityFlag(postID: postID, by: try user.requireID(), reason: (reason ?? "").trimmed, at: now)
        try await db.writeTransaction { db in try await flag.create(on: db) }
        return flag
    }

    package func flags(for user: User) async throws -> [FlaggedPost] {
        try requireModerator(user)
        return try await CommunityStore.openFlags(on: db)
    }

    /// Hides a post from members, with the reason; its open flags close as "hidden", the
    /// action is audited and the author is emailed. 409 for a post already hidden.
    package func hide(_ postID: UUID, reason: String?, by user: User) async throws -> PostLine {
        try await moderate(postID, hide: true, reason: reason, by: user)
    }

    /// Shows a hidden post again, with the reason. 409 for a post that is not hidden.
    package func restore(_ postID: UUID, reason: String?, by user: User) async throws -> PostLine {
        try await moderate(postID, hide: false, reason: reason, by: user)
    }

    /// Closes a post's open flags without hiding it.
    package func dismissFlags(on postID: UUID, by user: User) async throws {
        try requireModerator(user)
        _ = try await post(postID, for: user)
        try await db.writeTransaction { [now] db in
            try await CommunityStore.resolveFlags(of: postID, outcome: "dismissed", by: user.requireID(), at: now, on: db)
            try await AuditEntry.record("community.flags_dismissed", subject: "post:\(postID)", actor: user.id, details: "", on: db)
        }
    }

    private func moderate(_ postID: UUID, hide: Bool, reason: String?, by user: User) async throws -> PostLine {
        try requireModerator(user)
        let (line, page) = try await post(postID, for: user)
        guard line.hidden != hide else {
            throw ServiceError.conflict(hide ? "already_hidden" : "not_hidden", hide ? "This post is already hidden." : "This post is not hidden.")
        }
        let problems = CommunityRules.problems(reason: reason)
        guard problems.isEmpty, let reason = reason?.trimmed else { throw ServiceError.invalid(problems) }
        guard let post = try await CommunityStore.post(postID, on: db) else { throw ServiceError.notFound("post") }
        post.hiddenAt = hide ? now : nil
        post.hiddenReason = hide ? reason : nil
        post.hiddenBy = hide ? user.id : nil
        let link = links.absolute(.topic(page.id))
        var notice: EmailMessage?
        if let authorID = post.authorID, let author = try await UserStore.approvedUser(id: authorID, on: db) {
            notice = hide ? CommunityNotices.postHidden(to: author.email, name: author.name, topic: page.topic.title, reason: reason, link: link)
                : CommunityNotices.postRestored(to: author.email, name: author.name, topic: page.topic.title, reason: reason, link: link)
        }
        try await db.writeTransaction { [now, notice] db in
            try await post.save(on: db)
            if hide { try await CommunityStore.resolveFlags(of: postID, outcome: "hidden", by: user.requireID(), at: now, on: db) }
            try await AuditEntry.record(hide ? "community.hidden" : "community.restored", subject: "post:\(postID)", actor: user.id,
                                        details: reason, on: db)
            if let notice { try await OutboxMessage.queue(notice, at: now, on: db) }
        }
        var changed = line
        changed.hidden = hide
        changed.hiddenReason = post.hiddenReason
        return changed
    }

    /// 403 naming the day a suspended member may post again, and why.
    func requireNotSuspended(_ user: User) async throws {
        guard let suspension = try await CommunityStore.suspension(of: user.requireID(), at: now, on: db) else { return }
        throw ServiceError(.forbidden, "suspended",
                           "A moderator suspended you from posting in Techné until \(ServiceTime.day(suspension.until)): \(suspension.reason)")
    }

    /// Suspends a member from posting until a day (`until`, like 2027-03-10), with the
    /// reason; a second suspension replaces the first. Moderators; audited.
    package func suspend(_ userID: UUID, until day: String?, reason: String?, by user: User) async throws -> CommunitySuspension {
        try requireModerator(user)
        guard let member = try await UserStore.approvedUser(id: userID, on: db) else { throw ServiceError.notFound("member") }
        guard member.id != user.id else { throw ServiceError.conflict("own_account", "You cannot suspend yourself.") }
        let until = day.flatMap(ServiceTime.parseDay)
        let problems = (day != nil && until == nil ? [FieldError("until", "Give a real day, like 2027-03-10")] : CommunityRules.suspensionProblems(until: until, now: now))
            + CommunityRules.problems(reason: reason)
        guard problems.isEmpty, let until, let reason = reason?.trimmed else { throw ServiceError.invalid(problems) }
        let suspension = try await CommunityStore.anySuspension(of: userID, on: db)
            ?? CommunitySuspension(userID: userID, until: until, reason: reason, by: user.id, at: now)
        suspension.until = until; suspension.reason = reason; suspension.suspendedBy = user.id; suspension.suspendedAt = now
        try await db.writeTransaction { db in
            try await suspension.save(on: db)
            try await AuditEntry.record("community.suspended", subject: "user:\(userID)", actor: user.id,
                                        details: "until \(ServiceTime.isoDay(until)): \(reason)", on: db)
        }
        return suspension
    }

    /// Ends a member's suspension early. Moderators; audited; 404 when there is none.
    package func lift(_ userID: UUID, by user: User) async throws {
        try requireModerator(user)
        guard let suspension = try await CommunityStore.anySuspension(of: userID, on: db) else { throw ServiceError.notFound("suspension") }
        try await db.writeTransaction { db in
            try await suspension.delete(on: db)
            try await AuditEntry.record("community.suspension_lifted", subject: "user:\(userID)", actor: user.id, details: "", on: db)
        }
    }

    private func requireModerator(_ user: User) throws {
        guard CommunityRules.mayModerate(user.permissions) else { throw ServiceError.forbidden("Only moderators do this.") }
    }

    /// The topic and its opening post, in one transaction.
    package func startTopic(in key: String?, title: String?, body: String?, by user: User) async throws -> CommunityTopic {
        let category = try await category(key, for: user)
        try await requireNotSuspended(user)
        let problems = CommunityRules.problems(title: title, body: body)
        guard problems.isEmpty else { throw ServiceError.invalid(problems) }
        let topic = CommunityTopic(categoryID: try category.requireID(), title: (title ?? "").trimmed, authorID: try user.requireID(), at: now)
        let held = try await mustWait(user)
        try await db.writeTransaction { [now] db in
            try await topic.create(on: db)
            let post = CommunityPost(topicID: try topic.requireID(), position: 1, authorID: try user.requireID(), body: (body ?? "").trimmed, at: now)
            if held { post.hold(at: now) }
            try await post.create(on: db)
            try await Self.posted(post, by: user, at: now, on: db)
        }
        return topic
    }

    /// 409 on a locked topic.
    package func reply(to topicID: UUID, body: String?, by user: User) async throws -> CommunityPost {
        let page = try await topic(topicID, for: user)
        try await requireNotSuspended(user)
        let problems = CommunityRules.problems(body: body)
        guard problems.isEmpty else { throw ServiceError.invalid(problems) }
        let held = try await mustWait(user)
        let post = try await db.writeTransaction { [now] db in
            let post = try await CommunityStore.addReply(to: topicID, by: user.requireID(), body: (body ?? "").trimmed, held: held, at: now, on: db)
            if let post { try await Self.posted(post, by: user, at: now, on: db) }
            return post
        }
        guard let post else { throw Self.locked(page.topic) }
        return post
    }

    /// Changes a post's text, keeping what it said before (shown under it). Its author (not
    /// in a locked topic, not while suspended) or a moderator; a moderator's edit of
    /// another's post is audited.
    package func edit(_ postID: UUID, body: String?, by user: User) async throws -> PostLine {
        let (line, page) = try await post(postID, for: user)
        let isAuthor = line.authorID != nil && line.authorID == user.id
        guard CommunityRules.mayEdit(isAuthor: isAuthor, topicLocked: page.topic.locked, user.permissions) else {
            throw ServiceError.forbidden(page.topic.locked && isAuthor ? "The topic is locked: ask a moderator to change your post."
                                                                        : "Only the post's author, or a moderator, edits it.")
        }
        if !CommunityRules.mayModerate(user.permissions) { try await requireNotSuspended(user) }
        let problems = CommunityRules.problems(body: body)
        guard problems.isEmpty, let body = body?.trimmed else { throw ServiceError.invalid(problems) }
        guard let post = try await CommunityStore.post(postID, on: db) else { throw ServiceError.notFound("post") }
        guard post.body != body else { return line }
        let before = CommunityPostEdit(postID: postID, body: post.body, at: now, by: user.id)
        post.body = body
        post.editedAt = now
        try await db.writeTransaction { db in
            try await before.create(on: db)
            try await post.save(on: db)
            if !isAuthor { try await AuditEntry.record("community.edited", subject: "post:\(postID)", actor: user.id, details: "", on: db) }
        }
        var changed = line
        changed.body = body
        changed.editedAt = now
        return changed
    }

    /// Marks the reply that solved the question, or clears the mark (`postID` nil). The
    /// topic's author or a moderator; the opening post cannot be its own answer.
    package func markSolved(_ topicID: UUID, by postID: UUID?, user: User) async throws -> CommunityTopic {
        let page = try await topic(topicID, for: user)
        let topic = page.topic
        guard CommunityRules.mayMarkSolved(isAuthor: topic.authorID != nil && topic.authorID == user.id, user.permissions) else {
            throw ServiceError.forbidden("Only the person who asked, or a moderator, marks what solved a topic.")
        }
        if let postID {
            guard let post = page.posts.first(where: { $0.id == postID }), post.position > 1 else {
                throw ServiceError.invalid([FieldError("postId", "Choose a reply of this topic")])
            }
        }
        topic.solutionID = postID
        try await db.writeTransaction { db in try await topic.save(on: db) }
        return topic
    }

    // MARK: Categories

    /// A new category, last in the list (moderators; audited). 409 for a key in use.
    package func addCategory(key: String?, name: String?, description: String?, membersOnly: Bool, by user: User) async throws -> CommunityCategory {
        try requireModerator(user)
        let key = (key ?? "").trimmed.lowercased()
        let problems = CommunityRules.categoryProblems(key: key, name: name, description: description)
        guard problems.isEmpty else { throw ServiceError.invalid(problems) }
        guard try await CommunityStore.category(key: key, on: db) == nil else {
            throw ServiceError.conflict("key_taken", "A category is already keyed \(key).", field: "key")
        }
        let position = (try await CommunityStore.categories(on: db).map(\.category.position).max() ?? -1) + 1
        let category = CommunityCategory(key: key, name: (name ?? "").trimmed, description: (description ?? "").trimmed,
                                         membersOnly: membersOnly, position: position)
        try await db.writeTransaction { db in
            try await category.create(on: db)
            try await AuditEntry.record("community.category_added", subject: "category:\(key)", actor: user.id, details: category.name, on: db)
        }
        return category
    }

    /// Renames a category, or changes who reads it (the search follows). Moderators; audited.
    package func updateCategory(_ key: String?, name: String?, description: String?, membersOnly: Bool, by user: User) async throws -> CommunityCategory {
        try requireModerator(user)
        let category = try await self.category(key, for: user)
        let problems = CommunityRules.categoryProblems(key: nil, name: name, description: description)
        guard problems.isEmpty else { throw ServiceError.invalid(problems) }
        category.name = (name ?? "").trimmed
        category.description = (description ?? "").trimmed
        category.membersOnly = membersOnly
        try await db.writeTransaction { db in
            try await category.save(on: db)
            try await AuditEntry.record("community.category_changed", subject: "category:\(category.key)", actor: user.id,
                                        details: "\(category.name)\(membersOnly ? ", members only" : ", public")", on: db)
        }
        return category
    }

    /// Locks a topic against replies, or opens it again (moderators; audited).
    package func setLocked(_ topicID: UUID, _ locked: Bool, by user: User) async throws -> CommunityTopic {
        guard CommunityRules.mayModerate(user.permissions) else { throw ServiceError.forbidden("Only moderators lock topics.") }
        let topic = try await topic(topicID, for: user).topic
        guard topic.locked != locked else { return topic }
        topic.locked = locked
        try await db.writeTransaction { db in
            try await topic.save(on: db)
            try await AuditEntry.record(locked ? "community.locked" : "community.unlocked", subject: "topic:\(topicID)", actor: user.id,
                                        details: topic.title, on: db)
        }
        return topic
    }

    /// In the post's transaction: its author follows the topic from now on, and the post
    /// joins the queue of those whose readers are to be told (`CommunityFanout`).
    /// A held post tells nobody until a moderator approves it.
    private static func posted(_ post: CommunityPost, by user: User, at now: Date, on db: any Database) async throws {
        try await CommunityNotificationStore.follow(topic: post.topicID, by: user.requireID(), at: now, on: db)
        if !post.held { try await CommunityNotificationStore.queueFanout(of: post.requireID(), at: now, on: db) }
    }

    /// Whether the member's next post waits for a moderator (their first few, as many as
    /// the setting says).
    private func mustWait(_ user: User) async throws -> Bool {
        let held = try await firstPostsHeld()
        guard held > 0, !CommunityRules.mayModerate(user.permissions) else { return false }
        return CommunityRules.mustWait(postsAlreadyApproved: try await CommunityStore.approvedPosts(of: user.requireID(), on: db), held: held, user.permissions)
    }

    /// Whether a topic's opening post waits for approval.
    package func isHeld(_ topic: CommunityTopic) async throws -> Bool {
        try await CommunityStore.posts(of: topic.requireID(), on: db).first?.held ?? false
    }

    /// How many of a new member's first posts wait for approval.
    package func firstPostsHeld() async throws -> Int {
        try await Setting.value(CommunityRules.firstPostsHeldSetting, on: db).flatMap(Int.init) ?? CommunityRules.defaultFirstPostsHeld
    }

    /// Admins set how many first posts wait (0 for none). Audited.
    package func setFirstPostsHeld(_ value: Int?, by user: User) async throws {
        guard user.permissions.has(.admin) else { throw ServiceError.forbidden("Only admins change how many first posts wait.") }
        guard let value, CommunityRules.firstPostsHeldRange.contains(value) else {
            throw ServiceError.invalid([FieldError("firstPostsHeld", "Give a number from \(CommunityRules.firstPostsHeldRange.lowerBound) to \(CommunityRules.firstPostsHeldRange.upperBound)")])
        }
        try await db.writeTransaction { db in
            try await Setting.store(CommunityRules.firstPostsHeldSetting, String(value), by: user.id, on: db)
            try await AuditEntry.record("community.first_posts_held", subject: "settings:\(CommunityRules.firstPostsHeldSetting)", actor: user.id,
                                        details: String(value), on: db)
        }
    }

    package func heldPosts(for user: User) async throws -> [FlaggedPost] {
        try requireModerator(user)
        return try await CommunityStore.heldPosts(on: db)
    }

    /// Approves a held post: members see it, and its readers are told now. Audited.
    package func approve(_ postID: UUID, by user: User) async throws {
        try requireModerator(user)
        guard let post = try await CommunityStore.post(postID, on: db) else { throw ServiceError.notFound("post") }
        guard post.held else { throw ServiceError.conflict("not_held", "This post is not waiting for approval.") }
        post.held = false; post.hiddenAt = nil; post.hiddenReason = nil; post.hiddenBy = nil
        try await db.writeTransaction { [now] db in
            try await post.save(on: db)
            try await CommunityNotificationStore.queueFanout(of: post.requireID(), at: now, on: db)
            try await AuditEntry.record("community.approved", subject: "post:\(postID)", actor: user.id, details: "", on: db)
        }
    }

    /// Turns a held post down: it stays hidden, with the reason, and its author is told.
    package func reject(_ postID: UUID, reason: String?, by user: User) async throws {
        try requireModerator(user)
        guard let post = try await CommunityStore.post(postID, on: db) else { throw ServiceError.notFound("post") }
        guard post.held else { throw ServiceError.conflict("not_held", "This post is not waiting for approval.") }
        let problems = CommunityRules.problems(reason: reason)
        guard problems.isEmpty, let reason = reason?.trimmed else { throw ServiceError.invalid(problems) }
        post.held = false; post.hiddenReason = reason; post.hiddenBy = user.id
        var notice: EmailMessage?
        if let authorID = post.authorID, let author = try await UserStore.approvedUser(id: authorID, on: db),
           let topic = try await CommunityStore.topic(post.topicID, on: db) {
            notice = CommunityNotices.postHidden(to: author.email, name: author.name, topic: topic.title, reason: reason,
                                                 link: links.absolute(.topic(post.topicID)))
        }
        try await db.writeTransaction { [now, notice] db in
            try await post.save(on: db)
            try await AuditEntry.record("community.rejected", subject: "post:\(postID)", actor: user.id, details: reason, on: db)
            if let notice { try await OutboxMessage.queue(notice, at: now, on: db) }
        }
    }

    /// Pins a topic to the head of its category, or unpins it (moderators; audited).
    package func setPinned(_ topicID: UUID, _ pinned: Bool, by user: User) async throws -> CommunityTopic {
        try requireModerator(user)
        let topic = try await self.topic(topicID, for: user).topic
        guard topic.pinned != pinned else { return topic }
        topic.pinned = pinned
        try await db.writeTransaction { db in
            try await topic.save(on: db)
            try await AuditEntry.record(pinned ? "community.pinned" : "community.unpinned", subject: "topic:\(topicID)", actor: user.id, details: topic.title, on: db)
        }
        return topic
    }

    /// Moves a topic to another category (moderators; audited). The search follows.
    package func move(_ topicID: UUID, to key: String?, by user: User) async throws -> CommunityTopic {
        try requireModerator(user)
        let page = try await self.topic(topicID, for: user)
        guard let key, Slug.isValid(key), let target = try await CommunityStore.category(key: key, on: db) else {
            throw ServiceError.invalid([FieldError("category", "Choose a category")])
        }
        let topic = page.topic
        guard topic.categoryID != target.id else { return topic }
        topic.categoryID = try target.requireID()
        try await db.writeTransaction { db in
            try await topic.save(on: db)
            try await AuditEntry.record("community.moved", subject: "topic:\(topicID)", actor: user.id,
                                        details: "\(page.category.key) → \(target.key): \(topic.title)", on: db)
        }
        return topic
    }

    static func locked(_ topic: CommunityTopic) -> ServiceError {
        ServiceError.conflict("topic_locked", "\"\(topic.title)\" is locked: it takes no more replies.")
    }
}
