import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// Meets topics: members suggest a theme for a twilight Meet and vote (one vote each,
/// withdrawn at will); course admins plan it, schedule it as a run (everyone who voted is
/// emailed the booking link) or decline it with a reason (its suggester is told).
package struct MeetsTopicDesk {
    package let db: any Database
    package var now = Date()
    package var links = Links(base: "")

    package init(db: any Database, links: Links? = nil) {
        self.db = db
        if let links { self.links = links }
    }

    /// Every topic, most votes first, with whether the reader voted. Suggesters' names are
    /// for members only: the list is public, the people are not.
    package func list(for user: User?) async throws -> [MeetsTopicLine] {
        let lines = try await MeetsTopicStore.lines(for: user?.id, on: db)
        return user == nil ? lines.map(Self.anonymous) : lines
    }

    package func topic(_ id: UUID, for user: User?) async throws -> MeetsTopicLine {
        guard let line = try await MeetsTopicStore.line(id, for: user?.id, on: db) else { throw ServiceError.notFound("Meets topic") }
        return user == nil ? Self.anonymous(line) : line
    }

    private static func anonymous(_ line: MeetsTopicLine) -> MeetsTopicLine {
        var line = line
        line.suggester = nil; line.suggestedBy = nil
        return line
    }

    /// A new suggestion, with the suggester's own vote already on it.
    package func suggest(title: String?, why: String?, kit: String?, by user: User) async throws -> MeetsTopic {
        let problems = MeetsTopicRules.problems(title: title, why: why, kit: kit)
        guard problems.isEmpty else { throw ServiceError.invalid(problems) }
        let userID = try user.requireID()
        let topic = MeetsTopic(title: (title ?? "").trimmed, why: (why ?? "").trimmed, kit: (kit ?? "").trimmed, by: userID, at: now)
        try await db.writeTransaction { [now] db in
            try await topic.create(on: db)
            _ = try await MeetsTopicStore.addVote(to: topic.requireID(), by: userID, at: now, on: db)
        }
        topic.votes = 1
        return topic
    }

    /// One vote per member: 409 for a second, and for a topic staff have decided.
    package func vote(for id: UUID, by user: User) async throws -> MeetsTopicLine {
        try await change(id, by: user) { db, userID, now in try await MeetsTopicStore.addVote(to: id, by: userID, at: now, on: db) }
            unchanged: { ServiceError.conflict("already_voted", "You have already voted for \"\($0)\".") }
    }

    /// 409 when the member had not voted, or the topic is decided.
    package func withdrawVote(from id: UUID, by user: User) async throws -> MeetsTopicLine {
        try await change(id, by: user) { db, userID, _ in try await MeetsTopicStore.removeVote(from: id, by: userID, on: db) }
            unchanged: { ServiceError.conflict("not_voted", "You have not voted for \"\($0)\".") }
    }

    private func change(_ id: UUID, by user: User, _ write: @escaping @Sendable (any Database, UUID, Date) async throws -> MeetsTopicStore.VoteChange,
                        unchanged: (String) -> ServiceError) async throws -> MeetsTopicLine {
        guard let topic = try await MeetsTopicStore.topic(id, on: db) else { throw ServiceError.notFound("Meets topic") }
        guard topic.status.takesVotes else { throw Self.decided(topic) }
        let userID = try user.requireID()
        let result = try await db.writeTransaction { [now] db in
            let result = try await write(db, userID, now)
            // Decided meanwhile: undo the vote's row with the transaction.
            if result == .closed { throw Self.decided(topic) }
            return result
        }
        if result == .unchanged { throw unchanged(topic.title) }
        return try await self.topic(id, for: user)
    }

    static func decided(_ topic: MeetsTopic) -> ServiceError {
        ServiceError.conflict("topic_decided", "\"\(topic.title)\" is \(topic.status.label.lowercased()): it takes no more votes.")
    }

    // MARK: Staff's decisions

    /// Moves a topic on: planned; scheduled as a run (an upcoming run that is not
    /// cancelled), when everyone who voted, and its suggester, is emailed the booking link;
    /// or declined with a reason, when its suggester is told why. Course admins; audited.
    package func decide(_ id: UUID, status: String?, runID: UUID?, reason: String?, by user: User) async throws -> MeetsTopicLine {
        guard MeetsTopicRules.mayDecide(user.permissions) else { throw ServiceError.forbidden("Only course admins decide which topics become Meets.") }
        guard let topic = try await MeetsTopicStore.topic(id, on: db) else { throw ServiceError.notFound("Meets topic") }
        guard let next = status.flatMap(MeetsTopicStatus.init(rawValue:)) else {
            throw ServiceError.invalid([FieldError("status", "Choose planned, scheduled or declined")])
        }
        if let refusal = MeetsTopicRules.refusal(from: topic.status, to: next) { throw ServiceError.conflict("status_change", refusal) }
        var notices: [EmailMessage] = []
        let reasonText = (reason ?? "").trimmed
        switch next {
        case .scheduled:
            guard let runID else { throw ServiceError.invalid([FieldError("runId", "Choose the Meet's run")]) }
            guard let run = try await RunStore.find(runID, on: db), run.status == .scheduled, run.endsAt > now else {
                throw ServiceError.invalid([FieldError("runId", "Choose a run that is still to come and not cancelled")])
            }
            let facts = links.facts(run)
            notices = try await MeetsTopicStore.interested(in: id, on: db).map {
                MeetsNotices.scheduled(to: $0.email, name: $0.name, topic: topic.title, course: facts.courseTitle, dates: facts.dates, link: facts.url)
            }
            topic.runID = runID
        case .declined:
            let problems = MeetsTopicRules.problems(reason: reason)
            guard problems.isEmpty else { throw ServiceError.invalid(problems) }
            topic.statusReason = reasonText
            if let suggester = topic.suggestedBy, let person = try await UserStore.approvedUser(id: suggester, on: db) {
                notices = [MeetsNotices.declined(to: person.email, name: person.name, topic: topic.title, reason: reasonText,
                                                 link: links.absolute(.meetsTopics))]
            }
        case .planned, .suggested:
            break
        }
        topic.status = next
        topic.decidedAt = now
        topic.decidedBy = user.id
        try await db.writeTransaction { [now, notices] db in
            try await topic.save(on: db)
            try await AuditEntry.record("meets_topic.\(next.rawValue)", subject: "meets_topic:\(id)", actor: user.id,
                                        details: next == .declined ? "\(topic.title): \(reasonText)" : topic.title, on: db)
            for notice in notices { try await OutboxMessage.queue(notice, at: now, on: db) }
        }
        return try await self.topic(id, for: user)
    }

    /// The runs a topic may be scheduled as: upcoming twilight online runs first, then the
    /// rest, soonest first.
    package func runsToSchedule() async throws -> [Run] {
        let runs = try await RunStore.upcoming(now: now, on: db).filter { $0.status == .scheduled && $0.startsAt > now }
        return runs.filter { $0.course.format == .onlineLive } + runs.filter { $0.course.format != .onlineLive }
    }
}
