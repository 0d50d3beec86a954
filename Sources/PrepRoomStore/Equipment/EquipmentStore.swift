import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// One line of a school's register as its pages, CSV and API list it: plain values in one
/// statement, not models.
public struct RegisterLine: Sendable, Equatable {
    public var id: UUID
    public var assetTag: String?
    public var description: String
    public var location: String
    public var serialNumber: String?
    public var isotope: String?
    public var activity: String?
    public var referenceDate: Date?
    public var status: EquipmentStatus
    public var lastCheckedOn: Date?
    public var nextDueOn: Date
    public var categoryKey: String
    public var categoryName: String
    public var checkType: String
    public var task: ControlledTask?

    /// Read column by column: SQLKit's Codable row decoder with snake-case keys cost more
    /// than everything else a school's dashboard does (58% of its CPU in a profile).
    init(_ row: any SQLRow) throws {
        id = try row.decode(column: "id", as: UUID.self)
        assetTag = try row.optional("asset_tag", as: String.self)
        description = try row.decode(column: "description", as: String.self)
        location = try row.decode(column: "location", as: String.self)
        serialNumber = try row.optional("serial_number", as: String.self)
        isotope = try row.optional("isotope", as: String.self)
        activity = try row.optional("activity", as: String.self)
        referenceDate = try row.optional("reference_date", as: Date.self)
        status = EquipmentStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .outOfUse
        lastCheckedOn = try row.optional("last_checked_on", as: Date.self)
        nextDueOn = try row.decode(column: "next_due_on", as: Date.self)
        categoryKey = try row.decode(column: "category_key", as: String.self)
        categoryName = try row.decode(column: "category_name", as: String.self)
        checkType = try row.decode(column: "check_type", as: String.self)
        task = try row.optional("task", as: String.self).flatMap(ControlledTask.init(rawValue:))
    }
}

/// A certificate of someone who works at a school, as the authorisation gate reads it.
public struct SchoolCertificate: Sendable, Equatable {
    public var userID: UUID
    public var name: String
    public var held: Authorisation.Held
}

public enum EquipmentStore {
    public static func categories(on db: any Database) async throws -> [EquipmentCategory] {
        // A fixed statement (`PlainModelRead`): every school's dashboard reads them.
        try await (db as! any SQLDatabase).models(EquipmentCategory.self, "SELECT * FROM equipment_categories ORDER BY position")
    }

    public static func category(_ id: UUID, on db: any Database) async throws -> EquipmentCategory? {
        try await EquipmentCategory.find(id, on: db)
    }

    public static func category(idOrKey text: String, on db: any Database) async throws -> EquipmentCategory? {
        guard !text.isEmpty else { return nil }
        if let id = UUID(uuidString: text) { return try await EquipmentCategory.find(id, on: db) }
        return try await EquipmentCategory.query(on: db).filter(\.$key == text).first()
    }

    /// A school's register, soonest due first (disposed items last).
    public static func register(of schoolID: UUID, on db: any Database) async throws -> [RegisterLine] {
        let sql = db as! any SQLDatabase
        return try await sql.raw("""
            SELECT i.id, i.asset_tag, i.description, i.location, i.serial_number, i.isotope, i.activity, i.reference_date,
                   i.status, i.last_checked_on, i.next_due_on, c.key AS category_key, c.name AS category_name, c.check_type, c.task
            FROM equipment_items i JOIN equipment_categories c ON c.id = i.category_id
            WHERE i.school_id = \(bind: schoolID)
            ORDER BY CASE WHEN i.status = 'disposed' THEN 1 ELSE 0 END, i.next_due_on, i.description
            """).all().map(RegisterLine.init)
    }

    /// Every item of a school, for an import to match rows by asset tag.
    public static func items(of schoolID: UUID, on db: any Database) async throws -> [EquipmentItem] {
        try await EquipmentItem.query(on: db).filter(\.$schoolID == schoolID).all()
    }

    public static func item(_ id: UUID, on db: any Database) async throws -> EquipmentItem? {
        try await EquipmentItem.find(id, on: db)
    }

    public static func assetTagTaken(_ tag: String, school schoolID: UUID, on db: any Database) async throws -> Bool {
        try await EquipmentItem.query(on: db).filter(\.$schoolID == schoolID).filter(\.$assetTag == tag).count() > 0
    }

    /// An item's checks, newest first.
    public static func checks(of itemID: UUID, on db: any Database) async throws -> [EquipmentCheck] {
        try await EquipmentCheck.query(on: db).filter(\.$itemID == itemID)
            .sort(\.$checkedOn, .descending).sort(\.$recordedAt, .descending).all()
    }

    /// A person's certificates of the given courses.
    public static func held(by userID: UUID, courses: [String], on db: any Database) async throws -> [Authorisation.Held] {
        try await Certificate.query(on: db).filter(\.$user.$id == userID).filter(\.$courseCode ~~ courses).all()
            .map { Authorisation.Held(number: $0.number, courseCode: $0.courseCode, expiresAt: $0.expiresAt, revoked: $0.revokedAt != nil) }
    }

    /// A school and whether the person named it as theirs, in one statement: every visit
    /// to a school's register asks both.
    public static func school(_ schoolID: UUID, worker userID: UUID, on db: any Database) async throws -> (school: School, worksThere: Bool)? {
        guard let row = try await (db as! any SQLDatabase).raw("""
            SELECT s.*, CASE WHEN EXISTS (SELECT 1 FROM school_members m WHERE m.school_id = s.id AND m.user_id = \(bind: userID))
                             THEN 1 ELSE 0 END AS works_there
            FROM schools s WHERE s.id = \(bind: schoolID)
            """).first() else { return nil }
        return (try row.decode(fluentModel: School.self), try row.decode(column: "works_there", as: Int.self) == 1)
    }

    /// Whether the person named the school as theirs.
    public static func worksAt(_ schoolID: UUID, userID: UUID, on db: any Database) async throws -> Bool {
        try await (db as! any SQLDatabase).raw("""
            SELECT 1 AS found FROM school_members WHERE school_id = \(bind: schoolID) AND user_id = \(bind: userID) LIMIT 1
            """).first() != nil
    }

    /// The people of a school (approved accounts) with their certificates of the given
    /// courses, in one statement; people with none come with no certificate, so the
    /// dashboard can say who is not authorised.
    public static func people(of schoolID: UUID, courses: [String], on db: any Database) async throws -> [(userID: UUID, name: String, held: Authorisation.Held?)] {
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw("""
            SELECT u.id AS user_id, u.name, ce.number, ce.course_code, ce.expires_at, ce.revoked_at
            FROM school_members m JOIN users u ON u.id = m.user_id
            LEFT JOIN certificates ce ON ce.user_id = u.id AND ce.course_code IN (\(binds: courses.isEmpty ? [""] : courses))
            WHERE m.school_id = \(bind: schoolID) AND u.status = 'approved'
            ORDER BY u.name, u.id
            """).all()
        // Column by column: SQLKit's Codable decoding with snake-case keys cost more than the statement.
        return try rows.map { row in
            let held = try row.optional("number", as: String.self).map { number in
                Authorisation.Held(number: number, courseCode: try row.optional("course_code", as: String.self) ?? "",
                                   expiresAt: try row.optional("expires_at", as: Date.self),
                                   revoked: try row.optional("revoked_at", as: Date.self) != nil)
            }
            return (try row.decode(column: "user_id", as: UUID.self), try row.decode(column: "name", as: String.self), held)
        }
    }

    /// The people a school named for its tasks, by task.
    public static func holders(of schoolID: UUID, on db: any Database) async throws -> [EquipmentTaskHolder] {
        try await (db as! any SQLDatabase).models(EquipmentTaskHolder.self, "SELECT * FROM equipment_task_holders WHERE school_id = \(bind: schoolID)")
    }

    public static func holder(_ task: ControlledTask, userID: UUID, school schoolID: UUID, on db: any Database) async throws -> EquipmentTaskHolder? {
        try await EquipmentTaskHolder.query(on: db).filter(\.$schoolID == schoolID).filter(\.$task == task).filter(\.$userID == userID).first()
    }

    /// Which of an item's checks have a document (their ids), without reading the files.
    public static func checksWithDocuments(_ checkIDs: [UUID], on db: any Database) async throws -> Set<UUID> {
        guard !checkIDs.isEmpty else { return [] }
        return Set(try await (db as! any SQLDatabase).raw("""
            SELECT check_id FROM equipment_check_documents WHERE check_id IN (\(binds: checkIDs))
            """).all().map { try $0.decode(column: "check_id", as: UUID.self) })
    }

    public static func document(ofCheck checkID: UUID, on db: any Database) async throws -> EquipmentCheckDocument? {
        try await EquipmentCheckDocument.query(on: db).filter(\.$checkID == checkID).first()
    }

    public static func check(_ id: UUID, on db: any Database) async throws -> EquipmentCheck? {
        try await EquipmentCheck.find(id, on: db)
    }
}
