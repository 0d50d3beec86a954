import Fluent
import FluentSQL
import Foundation
import PrepRoomCore
import SQLKit

/// One Meets topic as the list shows it: what was asked for, by whom, how many want it,
/// whether the reader voted, and (once scheduled) the Meet's run.
public struct MeetsTopicLine: Sendable, Equatable {
    public var id: UUID
    public var title: String
    public var why: String
    public var kit: String
    /// Nil once the suggester's account is erased.
    public var suggestedBy: UUID?
    public var suggester: String?
    public var suggestedAt: Date
    public var votes: Int
    public var status: MeetsTopicStatus
    public var statusReason: String?
    public var votedByReader: Bool
    public var run: ScheduledMeet?
}

/// The run a scheduled topic became.
public struct ScheduledMeet: Sendable, Equatable {
    public var id: UUID
    public var courseTitle: String
    public var startsAt: Date
}

/// Meets topics and their votes as plain reads and guarded writes.
public enum MeetsTopicStore {
    /// Every topic, most votes first (then the longest waiting), with whether `reader` voted.
    public static func lines(for reader: UUID?, on db: any Database) async throws -> [MeetsTopicLine] {
        try await lines(only: nil, reader: reader, on: db)
    }

    public static func line(_ id: UUID, for reader: UUID?, on db: any Database) async throws -> MeetsTopicLine? {
        try await lines(only: id, reader: reader, on: db).first
    }

    private static func lines(only id: UUID?, reader: UUID?, on db: any Database) async throws -> [MeetsTopicLine] {
        // Nobody has the nil id, so a visitor's "voted" is always false.
        let reader = reader ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        var query: SQLQueryString = """
            SELECT t.id, t.title, t.why, t.kit, t.suggested_by, t.suggested_at, t.votes, t.status, t.status_reason, t.run_id,
                   u.name AS suggester, v.id AS vote_id, r.starts_at AS run_starts_at, c.title AS course_title
            FROM meets_topics t
            LEFT JOIN users u ON u.id = t.suggested_by
            LEFT JOIN meets_topic_votes v ON v.topic_id = t.id AND v.user_id = \(bind: reader)
            LEFT JOIN runs r ON r.id = t.run_id LEFT JOIN courses c ON c.id = r.course_id

            """
        if let id { query.appendInterpolation(unsafeRaw: " WHERE t.id = "); query.appendInterpolation(bind: id) }
        query.appendInterpolation(unsafeRaw: " ORDER BY t.votes DESC, t.suggested_at, t.id")
        let rows = try await (db as! any SQLDatabase).raw(query).all()
        return try rows.map { row in
            var run: ScheduledMeet?
            if let runID = try row.optional("run_id", as: UUID.self), let startsAt = try row.optional("run_starts_at", as: Date.self) {
                run = ScheduledMeet(id: runID, courseTitle: try row.decode(column: "course_title", as: String.self), startsAt: startsAt)
            }
            let status = try row.decode(column: "status", as: String.self)
            return MeetsTopicLine(id: try row.decode(column: "id", as: UUID.self), title: try row.decode(column: "title", as: String.self),
                                  why: try row.decode(column: "why", as: String.self), kit: try row.decode(column: "kit", as: String.self),
                                  suggestedBy: try row.optional("suggested_by", as: UUID.self), suggester: try row.optional("suggester", as: String.self),
                                  suggestedAt: try row.decode(column: "suggested_at", as: Date.self), votes: try row.decode(column: "votes", as: Int.self),
                                  status: MeetsTopicStatus(rawValue: status) ?? .suggested, statusReason: try row.optional("status_reason", as: String.self),
                                  votedByReader: try row.optional("vote_id", as: UUID.self) != nil, run: run)
        }
    }

    public static func topic(_ id: UUID, on db: any Database) async throws -> MeetsTopic? {
        try await (db as! any SQLDatabase).model(MeetsTopic.self, "SELECT * FROM meets_topics WHERE id = \(bind: id)")
    }

    /// What a vote (or its withdrawal) did.
    public enum VoteChange: Sendable, Equatable {
        /// Done; the topic now holds this many votes.
        case done(votes: Int)
        /// The member had already voted (or, withdrawing, had not).
        case unchanged
        /// Staff decided the topic meanwhile: it takes no more votes.
        case closed
    }

    /// Adds the member's vote, in the caller's transaction. The unique (topic, member) row
    /// makes a second vote, even two at once, change nothing; the count moves only while the
    /// topic takes votes.
    public static func addVote(to topicID: UUID, by userID: UUID, at now: Date, on db: any Database) async throws -> VoteChange {
        let sql = db as! any SQLDatabase
        guard try await sql.raw("""
            INSERT INTO meets_topic_votes (id, topic_id, user_id, voted_at) VALUES (\(bind: UUID()), \(bind: topicID), \(bind: userID), \(bind: now))
            ON CONFLICT (topic_id, user_id) DO NOTHING RETURNING id
            """).first() != nil else { return .unchanged }
        return try await count(topicID, by: "+ 1", on: sql)
    }

    /// Removes the member's vote, in the caller's transaction.
    public static func removeVote(from topicID: UUID, by userID: UUID, on db: any Database) async throws -> VoteChange {
        let sql = db as! any SQLDatabase
        guard try await sql.raw("""
            DELETE FROM meets_topic_votes WHERE topic_id = \(bind: topicID) AND user_id = \(bind: userID) RETURNING id
            """).first() != nil else { return .unchanged }
        return try await count(topicID, by: "- 1", on: sql)
    }

    private static func count(_ topicID: UUID, by change: String, on sql: any SQLDatabase) async throws -> VoteChange {
        let open = MeetsTopicStatus.allCases.filter(\.takesVotes).map(\.rawValue)
        guard let row = try await sql.raw("""
            UPDATE meets_topics SET votes = votes \(unsafeRaw: change) WHERE id = \(bind: topicID) AND status IN (\(binds: open)) RETURNING votes
            """).first() else { return .closed }
        return .done(votes: try row.decode(column: "votes", as: Int.self))
    }

    /// The people to tell about a decision: everyone who voted and the suggester, with
    /// accounts that still take email (approved), once each.
    public static func interested(in topicID: UUID, on db: any Database) async throws -> [(email: String, name: String)] {
        try await (db as! any SQLDatabase).raw("""
            SELECT u.email, u.name FROM users u
            WHERE u.status = \(bind: AccountStatus.approved.rawValue)
              AND (u.id IN (SELECT user_id FROM meets_topic_votes WHERE topic_id = \(bind: topicID))
                   OR u.id = (SELECT suggested_by FROM meets_topics WHERE id = \(bind: topicID)))
            ORDER BY u.name, u.email
            """).all().map { (try $0.decode(column: "email", as: String.self), try $0.decode(column: "name", as: String.self)) }
    }
}
