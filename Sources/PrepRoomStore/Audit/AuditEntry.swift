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
        let query = AuditEntry.query(on: db)
        if let actionPrefix = filter.actionPrefix, !actionPrefix.isEmpty { query.filter(\.$action, .contains(inverse: false, .prefix), actionPrefix) }
        if let from = filter.from { query.filter(\.$at >= from) }
        if let before = filter.before { query.filter(\.$at < before) }
        if let person = filter.personID {
            query.group(.or) { $0.filter(\.$actorID == person).filter(\.$subject == "user:\(person.uuidString)") }
        }
        let total = try await query.count()
        return (try await query.sort(\.$at, .descending).range(page.offset..<(page.offset + page.limit)).all(), total)
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
