import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// An item a reminder is now due for, with its school.
public struct ReminderCandidate: Sendable, Equatable, Decodable {
    public var itemId: UUID
    public var schoolId: UUID
    public var schoolName: String
    public var organisationId: UUID
    public var description: String
    public var assetTag: String?
    public var checkType: String
    public var nextDueOn: Date
}

/// Someone a school's reminder goes to.
public struct ReminderRecipient: Sendable, Equatable, Decodable {
    public var id: UUID
    public var name: String
    public var email: String
    /// The school (for its people) or the authority (for its managers).
    public var key: UUID
}

public enum EquipmentReminderQuery {
    /// Items in use or out of use whose due date falls in the reminder's range and which
    /// have not had it for that date, by school: one statement over the due-date index.
    public static func candidates(_ kind: EquipmentReminder, now: Date, on db: any Database) async throws -> [ReminderCandidate] {
        let range = kind.dueDates(now: now)
        let from: SQLQueryString = range.from.map { "AND i.next_due_on >= \(bind: $0)" } ?? ""
        return try await (db as! any SQLDatabase).raw("""
            SELECT i.id AS item_id, i.school_id, s.name AS school_name, s.organisation_id, i.description, i.asset_tag,
                   c.check_type, i.next_due_on
            FROM equipment_items i JOIN schools s ON s.id = i.school_id JOIN equipment_categories c ON c.id = i.category_id
            WHERE i.status <> 'disposed' AND i.next_due_on <= \(bind: range.through) \(from)
              AND NOT EXISTS (SELECT 1 FROM equipment_reminders r
                              WHERE r.item_id = i.id AND r.kind = \(bind: kind.rawValue) AND r.due_on = i.next_due_on)
            ORDER BY i.school_id, i.next_due_on
            """).all(decoding: ReminderCandidate.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// The technicians and teachers (approved) of each school.
    public static func people(ofSchools ids: [UUID], on db: any Database) async throws -> [ReminderRecipient] {
        guard !ids.isEmpty else { return [] }
        var found: [ReminderRecipient] = []
        // In slices, so a first run over every school stays within each engine's bind limit.
        for start in stride(from: 0, to: ids.count, by: 500) {
            let slice = Array(ids[start..<min(start + 500, ids.count)])
            found += try await (db as! any SQLDatabase).raw("""
                SELECT u.id, u.name, u.email, m.school_id AS key FROM school_members m JOIN users u ON u.id = m.user_id
                WHERE m.school_id IN (\(binds: slice)) AND u.status = 'approved'
                  AND (u.roles LIKE '%technician%' OR u.roles LIKE '%teacher%')
                """).all(decoding: ReminderRecipient.self)
        }
        return found
    }

    /// The local authority managers (approved) of each organisation.
    public static func managers(of organisations: [UUID], on db: any Database) async throws -> [ReminderRecipient] {
        guard !organisations.isEmpty else { return [] }
        return try await (db as! any SQLDatabase).raw("""
            SELECT id, name, email, organisation_id AS key FROM users
            WHERE organisation_id IN (\(binds: organisations)) AND status = 'approved' AND roles LIKE '%la_manager%'
            """).all(decoding: ReminderRecipient.self)
    }

    /// Claims the reminder for each item (call in the transaction that queues the emails):
    /// a second claim for the same item, kind and date fails on the unique index.
    public static func claim(_ kind: EquipmentReminder, items: [ReminderCandidate], now: Date, on db: any Database) async throws {
        for start in stride(from: 0, to: items.count, by: 200) {
            let slice = items[start..<min(start + 200, items.count)]
            let insert = (db as! any SQLDatabase).insert(into: EquipmentReminderRecord.schema).columns("id", "item_id", "kind", "due_on", "sent_at")
            for item in slice {
                _ = insert.values(SQLBind(UUID()), SQLBind(item.itemId), SQLBind(kind.rawValue), SQLBind(item.nextDueOn), SQLBind(now))
            }
            try await insert.run()
        }
    }
}
