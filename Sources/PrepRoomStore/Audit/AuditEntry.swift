import Fluent
import PrepRoomCore
import Foundation
import SQLKit

/// Who did what, when, to which record: every write that matters lands here.
public final class AuditEntry: Model, @unchecked Sendable {
    public static let schema = "audit_entries"

    @ID(key: .id) public var id: UUID?
    @Field(key: "at") public var at: Date
    @OptionalField(key: "actor_id") public var actorID: UUID?
    /// A dotted verb such as "account.approved" or "run.created".
    @Field(key: "action") public var action: String
    /// The record acted on, e.g. "run:4F3…" or "user:…".
    @Field(key: "subject") public var subject: String
    @Field(key: "details") public var details: String

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $at, $actorID, $action, $subject, $details] }

    public init() {}
    public init(at: Date, actorID: UUID?, action: String, subject: String, details: String = "") {
        self.at = at; self.actorID = actorID; self.action = action; self.subject = subject; self.details = details
    }
}

extension AuditEntry {
    /// One page of the log, newest first, optionally of the actions starting with a prefix.
    /// What the log is narrowed to: a kind of action, a time range, a person (what they did,
    /// and what was done to their account).
    public struct Filter: Sendable, Equatable {
        public var actionPrefix: String?
        public var from: Date?
        public var before: Date?
        public var personID: UUID?
        public init(actionPrefix: String? = nil, from: Date? = nil, before: Date? = nil, personID: UUID? = nil) {
            self.actionPrefix = actionPrefix; self.from = from; self.before = before; self.personID = personID
        }
    }

    public static func page(_ filter: Filter, _ page: Pagination, on db: any Database) async throws -> (items: [AuditEntry], total: Int) {
        // Fixed statements (`PlainModelRead`) rather than a Fluent query written out twice
        // (count and page) on every visit to the log.
        var conditions: [SQLQueryString] = []
        if let actionPrefix = filter.actionPrefix, !actionPrefix.isEmpty {
            // The typed prefix is matched as written: its % and _ are not wildcards.
            conditions.append("action LIKE \(bind: PortableSQL.likeEscaped(actionPrefix) + "%") ESCAPE '!'")
        }
        if let from = filter.from { conditions.append("\"at\" >= \(bind: from)") }
        if let before = filter.before { conditions.append("\"at\" < \(bind: before)") }
        if let person = filter.personID { conditions.append("(actor_id = \(bind: person) OR subject = \(bind: "user:\(person.uuidString)"))") }
        var filtered: SQLQueryString = ""
        for (index, condition) in conditions.enumerated() {
            filtered.appendInterpolation(unsafeRaw: index == 0 ? "WHERE " : " AND ")
            filtered.appendInterpolation(condition)
        }
        let sql = db as! any SQLDatabase
        let total = try await sql.raw("SELECT COUNT(*) AS total FROM audit_entries \(filtered)").first()?.decode(column: "total", as: Int.self) ?? 0
        let items = total <= page.offset ? [] : try await sql.models(AuditEntry.self, """
            SELECT * FROM audit_entries \(filtered) ORDER BY "at" DESC LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)
            """)
        return (items, total)
    }

    /// Records an entry on the given database (pass the transaction's database so the
    /// entry commits or rolls back with the change it describes).
    /// A plain insert rather than a Fluent model save: entries are written inside the
    /// short transactions that hold a run's lock.
    public static func record(_ action: String, subject: String, actor: UUID?, details: String = "",
                              on database: any Database) async throws {
        try await (database as! any SQLDatabase).insert(into: schema)
            .columns("id", "at", "actor_id", "action", "subject", "details")
            .values(SQLBind(UUID()), SQLBind(Date()), SQLBind(actor), SQLBind(action), SQLBind(subject), SQLBind(details))
            .run()
    }
}
