import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// Tells members about new posts, from the queue posting fills (`CommunityFanoutJob`):
/// everyone `@mentioned`, the followers of the topic (a reply) or of its category (a new
/// topic), never the author. Each gets a notification (the bell), and those who chose
/// "each one as it happens" an email with the one-click stop link. Any number of
/// instances may run it at once: each post is taken off the queue in the transaction that
/// tells its readers.
package struct CommunityFanout: Sendable {
    package let db: any Database
    package let links: Links

    package init(db: any Database, links: Links) { self.db = db; self.links = links }

    /// Works through up to `limit` posts; returns how many it told people about.
    @discardableResult
    package func run(now: Date = Date(), limit: Int = 50) async throws -> Int {
        let stops = try await EmailStopLinks.load(db: db, links: links)
        var done = 0
        while done < limit {
            let took = try await db.writeTransaction { db in
                guard let postID = try await CommunityNotificationStore.takeFanout(on: db) else { return false }
                try await tell(about: postID, stops: stops, now: now, on: db)
                return true
            }
            guard took else { break }
            done += 1
        }
        return done
    }

    private func tell(about postID: UUID, stops: EmailStopLinks, now: Date, on db: any Database) async throws {
        // A post hidden (or gone) before its turn tells nobody.
        guard let post = try await CommunityStore.post(postID, on: db), post.hiddenAt == nil,
              let topic = try await CommunityStore.topic(post.topicID, on: db) else { return }
        let topicID = try topic.requireID()
        let author = post.authorID
        var actor = "A former member"
        if let author, let person = try await UserStore.find(author, on: db), person.status != .erased { actor = person.name }

        let mentioned = try await mentionedPeople(in: post.body, topic: topicID, on: db).filter { $0.userID != author }
        let kind: CommunityNotificationKind = post.position == 1 ? .topic : .reply
        let followers = try await (post.position == 1
            ? CommunityNotificationStore.followers(category: topic.categoryID, on: db)
            : CommunityNotificationStore.followers(topic: topicID, on: db))
        let mentionedIDs = Set(mentioned.map(\.userID))
        let others = followers.filter { $0.userID != author && !mentionedIDs.contains($0.userID) }

        let link = links.absolute(.topic(topicID)) + "#post-\(post.position)"
        let excerpt = String(Markdown.plainText(post.body).prefix(400))
        var emailed: Set<UUID> = []
        for (group, groupKind) in [(mentioned, CommunityNotificationKind.mention), (others, kind)] {
            for person in group where person.wantsEmail && person.emailMode == .immediate {
                let line = groupKind.line(actor: actor, topic: topic.title)
                try await OutboxMessage.queue(CommunityNotices.notification(to: person.email, name: person.name, line: line, excerpt: excerpt, link: link)
                    .stoppable(.communityNotifications, at: stops.url(person.userID, .communityNotifications)), at: now, on: db)
                emailed.insert(person.userID)
            }
            try await CommunityNotificationStore.insert(groupKind, for: group.map(\.userID), topic: topicID, post: postID,
                                                        emailed: emailed, at: now, on: db)
        }
    }

    /// The people a post's `@handles` name. A handle two people share goes to those of them
    /// taking part in the topic; nobody else is guessed at.
    private func mentionedPeople(in body: String, topic topicID: UUID, on db: any Database) async throws -> [NotificationRecipient] {
        let handles = Mentions.handles(in: body)
        guard !handles.isEmpty else { return [] }
        var participants: Set<UUID>?
        var people: [NotificationRecipient] = []
        for handle in handles {
            var matches = try await CommunityNotificationStore.namedLike(Mentions.namePattern(handle), on: db)
                .filter { Mentions.matches(handle, name: $0.name) }
            if matches.count > 1 {
                if participants == nil { participants = try await CommunityNotificationStore.participants(of: topicID, on: db) }
                matches = matches.filter { participants?.contains($0.userID) == true }
            }
            for person in matches where !people.contains(where: { $0.userID == person.userID }) { people.append(person) }
        }
        return people
    }
}
