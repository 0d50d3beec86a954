import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// Reading and writing browser sessions (`BrowserSessionRecord`), by the digest of the
/// cookie's token.
public enum BrowserSessionStore {
    public struct Live: Sendable {
        public var id: UUID
        public var userID: UUID?
        public var data: [String: String]
        public var createdAt: Date
        public var lastSeenAt: Date
        /// The session's account when it is approved, read in the same statement as the
        /// session, so a signed-in request needs no second lookup to know who it is.
        public var approvedAccount: User?
        /// Techné's notifications the account has not read: the bell in the menu.
        public var unreadNotifications: Int
    }

    /// The session for this digest if it has not ended; an ended one is deleted.
    public static func live(digest: String, policy: SessionPolicy, now: Date, on db: any Database) async throws -> Live? {
        let sql = db as! any SQLDatabase
        guard let row = try await sql.raw("""
            SELECT s.id AS session_id, s.user_id AS session_user_id, s.data AS session_data,
                   s.created_at AS session_created_at, s.last_seen_at AS session_last_seen_at, \(unsafeRaw: UserStore.AccountRow.columns),
                   (SELECT COUNT(*) FROM community_notifications n WHERE n.user_id = s.user_id AND n.read_at IS NULL) AS unread_notifications
            FROM browser_sessions s LEFT JOIN users u ON u.id = s.user_id
            WHERE s.digest = \(bind: digest)
            """).first() else { return nil }
        // Column by column, as `UserStore.AccountRow` is: this runs before every signed-in page.
        let id = try row.decode(column: "session_id", as: UUID.self)
        let userID = try row.optional("session_user_id", as: UUID.self)
        let createdAt = try row.decode(column: "session_created_at", as: Date.self)
        let lastSeenAt = try row.decode(column: "session_last_seen_at", as: Date.self)
        guard policy.isLive(createdAt: createdAt, lastSeenAt: lastSeenAt, now: now) else {
            try await sql.delete(from: BrowserSessionRecord.schema).where("id", .equal, SQLBind(id)).run()
            return nil
        }
        let account = userID == nil ? nil : try UserStore.AccountRow(row)
        let stored = try row.decode(column: "session_data", as: String.self)
        let data = stored == "{}" ? [:] : (try? JSONDecoder().decode([String: String].self, from: Data(stored.utf8))) ?? [:]
        return Live(id: id, userID: userID, data: data, createdAt: createdAt, lastSeenAt: lastSeenAt,
                    approvedAccount: account?.approvedUser,
                    unreadNotifications: try row.decode(column: "unread_notifications", as: Int.self))
    }

    public static func create(digest: String, userID: UUID?, data: [String: String], userAgent: String?, now: Date,
                              on db: any Database) async throws {
        let record = BrowserSessionRecord(digest: digest, userID: userID, data: encode(data), at: now,
                                          userAgent: userAgent.map { String($0.prefix(200)) })
        try await record.create(on: db)
    }

    public static func save(id: UUID, userID: UUID?, data: [String: String], now: Date, on db: any Database) async throws {
        try await (db as! any SQLDatabase).update(BrowserSessionRecord.schema)
            .set("data", to: SQLBind(encode(data))).set("user_id", to: SQLBind(userID)).set("last_seen_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(id)).run()
    }

    public static func touch(id: UUID, now: Date, on db: any Database) async throws {
        try await (db as! any SQLDatabase).update(BrowserSessionRecord.schema).set("last_seen_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(id)).run()
    }

    public static func delete(id: UUID, on db: any Database) async throws {
        try await (db as! any SQLDatabase).delete(from: BrowserSessionRecord.schema).where("id", .equal, SQLBind(id)).run()
    }

    /// Ends one of a person's own sessions; false if they have none of that id.
    public static func end(_ id: UUID, of userID: UUID, on db: any Database) async throws -> Bool {
        let rows = try await (db as! any SQLDatabase).delete(from: BrowserSessionRecord.schema)
            .where("id", .equal, SQLBind(id)).where("user_id", .equal, SQLBind(userID)).returning("id").all()
        return !rows.isEmpty
    }

    /// Whether a person holds a session of this id.
    public static func holds(_ id: UUID, of userID: UUID, on db: any Database) async throws -> Bool {
        try await BrowserSessionRecord.query(on: db).filter(\.$id == id).filter(\.$user.$id == userID).first() != nil
    }

    /// Ends every session of a person, but `keeping` (the one they are using), if given.
    public static func endAll(of userID: UUID, keeping: UUID? = nil, on db: any Database) async throws {
        let query = (db as! any SQLDatabase).delete(from: BrowserSessionRecord.schema).where("user_id", .equal, SQLBind(userID))
        if let keeping { query.where("id", .notEqual, SQLBind(keeping)) }
        try await query.run()
    }

    /// A person's live sessions, newest first, for the page where they end them.
    public static func sessions(of userID: UUID, policy: SessionPolicy, now: Date, on db: any Database) async throws -> [BrowserSessionRecord] {
        // A fixed statement (`PlainModelRead`): the security page is read often.
        try await (db as! any SQLDatabase).models(BrowserSessionRecord.self, """
            SELECT * FROM browser_sessions WHERE user_id = \(bind: userID)
            AND created_at > \(bind: policy.oldestLiveStart(now: now)) AND last_seen_at > \(bind: policy.oldestLiveSighting(now: now))
            ORDER BY last_seen_at DESC
            """)
    }

    /// Deletes every session that has ended; returns how many.
    @discardableResult
    public static func prune(policy: SessionPolicy, now: Date, on db: any Database) async throws -> Int {
        func ended() -> QueryBuilder<BrowserSessionRecord> {
            BrowserSessionRecord.query(on: db).group(.or) { ended in
                ended.filter(\.$createdAt <= policy.oldestLiveStart(now: now)).filter(\.$lastSeenAt <= policy.oldestLiveSighting(now: now))
            }
        }
        let count = try await ended().count()
        if count > 0 { try await ended().delete() }
        return count
    }

    static func encode(_ data: [String: String]) -> String {
        (try? String(decoding: JSONEncoder().encode(data), as: UTF8.self)) ?? "{}"
    }
}
