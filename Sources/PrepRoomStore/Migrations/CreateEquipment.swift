import Fluent
import PrepRoomCore
import SQLKit

/// The equipment register: categories (with the default intervals, which every database
/// needs, demo or not), each school's items and their checks.
struct CreateEquipment: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EquipmentCategory.schema)
            .id()
            .field("key", .string, .required)
            .field("name", .string, .required)
            .field("check_type", .string, .required)
            .field("interval_months", .int, .required)
            .field("task", .string)
            .field("readings", .string, .required)
            .field("basis", .string, .required)
            .field("position", .int, .required)
            .unique(on: "key")
            .create()
        try await database.schema(EquipmentItem.schema)
            .id()
            .field("school_id", .uuid, .required, .references(School.schema, "id"))
            .field("category_id", .uuid, .required, .references(EquipmentCategory.schema, "id"))
            .field("description", .string, .required)
            .field("location", .string, .required)
            .field("asset_tag", .string)
            .field("serial_number", .string)
            .field("isotope", .string)
            .field("activity", .string)
            .field("reference_date", .datetime)
            .field("status", .string, .required)
            .field("added_at", .datetime, .required)
            .field("last_checked_on", .datetime)
            .field("next_due_on", .datetime, .required)
            // One asset tag once in a school; items without a tag are many (NULLs differ).
            .unique(on: "school_id", "asset_tag")
            .create()
        try await database.schema(EquipmentCheck.schema)
            .id()
            .field("item_id", .uuid, .required, .references(EquipmentItem.schema, "id", onDelete: .cascade))
            .field("checked_on", .datetime, .required)
            .field("checked_by", .uuid, .references(User.schema, "id", onDelete: .setNull))
            .field("checked_by_name", .string, .required)
            .field("result", .string, .required)
            .field("readings", .string, .required)
            .field("notes", .string)
            .field("certificate_number", .string)
            .field("recorded_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        // A school's register (its dashboard); and, covering every column they read, the
        // counts per school and kind of equipment of an authority's overview, which then
        // never reads the items' rows. The reminders find items by due date; an item's
        // history by item; the checks a person recorded (their data download) by person.
        try await sql.raw("CREATE INDEX equipment_items_school_kind ON equipment_items (school_id, category_id, status, next_due_on)").run()
        try await sql.raw("CREATE INDEX equipment_items_due ON equipment_items (next_due_on)").run()
        try await sql.raw("CREATE INDEX equipment_checks_item ON equipment_checks (item_id, checked_on)").run()
        try await sql.raw("CREATE INDEX equipment_checks_person ON equipment_checks (checked_by)").run()
        for (position, facts) in EquipmentRules.defaultCategories.enumerated() {
            try await EquipmentCategory(facts, position: position).create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EquipmentCheck.schema).delete()
        try await database.schema(EquipmentItem.schema).delete()
        try await database.schema(EquipmentCategory.schema).delete()
    }
}
