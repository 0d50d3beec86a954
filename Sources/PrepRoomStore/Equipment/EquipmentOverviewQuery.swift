import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// A school's place in an overview: how many items, how many overdue, how many due soon.
public struct SchoolEquipmentSummary: Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var seedCode: String
    public var items: Int
    public var overdue: Int
    public var dueSoon: Int
}

/// A person whose authorisation for a task at one of an authority's schools lapses soon.
public struct LapsingAuthorisation: Sendable, Equatable {
    public var name: String
    public var school: String
    public var courseTitle: String
    public var expiresAt: Date
    /// Already holds a place (or is waiting) on a coming run of the course or its refresher.
    public var booked: Bool
}

/// The overviews across schools (a technician's few, or a local authority's all), each in
/// one statement, grouped in the database rather than read item by item.
public enum EquipmentOverviewQuery {
    /// Schools of an organisation (or the given schools), by name, with their counts, and
    /// the kinds of equipment each has in use: one pass over the items, grouped in the
    /// database by school and category and read from one covering index
    /// (`equipment_items_school_kind`), never the item rows themselves.
    public static func schools(organisationID: UUID?, schoolIDs: [UUID] = [], now: Date, on db: any Database) async throws
        -> (schools: [SchoolEquipmentSummary], categoriesInUse: [UUID: Set<UUID>]) {
        struct Row: Decodable { var id: UUID; var name: String; var seedCode: String; var categoryId: UUID?; var items: Int; var overdue: Int?; var dueSoon: Int? }
        let window = DueWindow(now: now)
        let which: SQLQueryString = organisationID.map { "s.organisation_id = \(bind: $0)" }
            ?? (schoolIDs.isEmpty ? "1 = 0" : "s.id IN (\(binds: schoolIDs))")
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT s.id, s.name, s.seed_code, i.category_id, COUNT(i.next_due_on) AS items,
                   SUM(CASE WHEN i.next_due_on < \(bind: window.today) THEN 1 ELSE 0 END) AS overdue,
                   SUM(CASE WHEN i.next_due_on >= \(bind: window.today) AND i.next_due_on <= \(bind: window.soonUntil) THEN 1 ELSE 0 END) AS due_soon
            FROM schools s LEFT JOIN equipment_items i ON i.school_id = s.id AND i.status <> 'disposed'
            WHERE \(which)
            GROUP BY s.id, s.name, s.seed_code, i.category_id
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        var summaries: [UUID: SchoolEquipmentSummary] = [:]
        var inUse: [UUID: Set<UUID>] = [:]
        for row in rows {
            var summary = summaries[row.id] ?? SchoolEquipmentSummary(id: row.id, name: row.name, seedCode: row.seedCode, items: 0, overdue: 0, dueSoon: 0)
            summary.items += row.items; summary.overdue += row.overdue ?? 0; summary.dueSoon += row.dueSoon ?? 0
            summaries[row.id] = summary
            if let category = row.categoryId, row.items > 0 { inUse[row.id, default: []].insert(category) }
        }
        return (summaries.values.sorted { ($0.name, $0.seedCode) < ($1.name, $1.seedCode) }, inUse)
    }

    /// Certificates of the authorising courses, held by people of the authority's schools,
    /// expiring within the window and not renewed (`CertificateRules.isRenewed` in SQL),
    /// soonest first, with whether the person is booked on a coming run of the course or
    /// its refresher.
    public static func lapsing(organisationID: UUID, courses: [String], now: Date, limit: Int = 100, on db: any Database) async throws -> [LapsingAuthorisation] {
        struct Row: Decodable { var name: String; var school: String; var courseTitle: String; var expiresAt: Date; var booked: Int }
        let window = now.addingTimeInterval(Double(CertificateRules.expiringWindowDays) * 86_400)
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT u.name, s.name AS school, ce.course_title, ce.expires_at,
                   CASE WHEN EXISTS (SELECT 1 FROM bookings b JOIN runs r ON r.id = b.run_id JOIN courses c ON c.id = r.course_id
                                     WHERE b.user_id = u.id AND b.status <> 'cancelled' AND r.status = 'scheduled' AND r.starts_at >= \(bind: now)
                                       AND (c.code = ce.course_code OR c.refresher_of = ce.course_code)) THEN 1 ELSE 0 END AS booked
            FROM certificates ce JOIN users u ON u.id = ce.user_id
            JOIN school_members m ON m.user_id = u.id JOIN schools s ON s.id = m.school_id
            WHERE s.organisation_id = \(bind: organisationID) AND u.status = 'approved' AND ce.revoked_at IS NULL
              AND ce.course_code IN (\(binds: courses)) AND ce.expires_at > \(bind: now) AND ce.expires_at <= \(bind: window)
              AND NOT EXISTS (SELECT 1 FROM certificates later WHERE later.user_id = ce.user_id AND later.course_code = ce.course_code
                              AND later.revoked_at IS NULL AND (later.expires_at IS NULL OR later.expires_at > ce.expires_at))
            ORDER BY ce.expires_at, u.name LIMIT \(bind: limit)
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        return rows.map { LapsingAuthorisation(name: $0.name, school: $0.school, courseTitle: $0.courseTitle, expiresAt: $0.expiresAt, booked: $0.booked == 1) }
    }

    /// Of the tasks each school's equipment needs (`needed`), those nobody working there
    /// holds a current certificate for.
    public static func uncovered(organisationID: UUID, needed: [UUID: (school: String, tasks: Set<ControlledTask>)], now: Date,
                                 on db: any Database) async throws -> [(school: String, schoolID: UUID, task: ControlledTask)] {
        guard needed.values.contains(where: { !$0.tasks.isEmpty }) else { return [] }
        struct Held: Decodable { var schoolId: UUID; var courseCode: String }
        let held = try await (db as! any SQLDatabase).raw("""
            SELECT DISTINCT m.school_id, ce.course_code
            FROM school_members m JOIN schools s ON s.id = m.school_id JOIN users u ON u.id = m.user_id
            JOIN certificates ce ON ce.user_id = u.id
            WHERE s.organisation_id = \(bind: organisationID) AND u.status = 'approved' AND ce.revoked_at IS NULL
              AND (ce.expires_at IS NULL OR ce.expires_at > \(bind: now))
            """).all(decoding: Held.self, keyDecodingStrategy: .convertFromSnakeCase)
        let current = Dictionary(grouping: held, by: \.schoolId).mapValues { Set($0.map(\.courseCode)) }
        return needed.flatMap { schoolID, entry in
            entry.tasks.filter { task in current[schoolID].map { $0.isDisjoint(with: task.authorisingCourses) } ?? true }
                .map { (entry.school, schoolID, $0) }
        }
        .sorted { ($0.school, $0.task.rawValue) < ($1.school, $1.task.rawValue) }
    }
}
