import Fluent
import SQLKit

/// The reminders sent about items falling due, one row per item, kind and due date;
/// people's secret calendar addresses for the checks due at their schools; and the people
/// a school names for its controlled tasks; the documents kept with checks.
struct CreateEquipmentReminders: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EquipmentReminderRecord.schema)
            .id()
            .field("item_id", .uuid, .required, .references(EquipmentItem.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("due_on", .datetime, .required)
            .field("sent_at", .datetime, .required)
            .unique(on: "item_id", "kind", "due_on")
            .create()
        try await database.schema(EquipmentFeed.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("digest", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "user_id")
            .unique(on: "digest")
            .create()
        try await database.schema(EquipmentTaskHolder.schema)
            .id()
            .field("school_id", .uuid, .required, .references(School.schema, "id", onDelete: .cascade))
            .field("task", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("named_at", .datetime, .required)
            .field("named_by", .uuid)
            .unique(on: "school_id", "task", "user_id")
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX equipment_task_holders_user ON equipment_task_holders (user_id)").run()
        try await database.schema(EquipmentCheckDocument.schema)
            .id()
            .field("check_id", .uuid, .required, .references(EquipmentCheck.schema, "id", onDelete: .cascade))
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("content", .data, .required)
            .unique(on: "check_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EquipmentCheckDocument.schema).delete()
        try await database.schema(EquipmentTaskHolder.schema).delete()
        try await database.schema(EquipmentFeed.schema).delete()
        try await database.schema(EquipmentReminderRecord.schema).delete()
    }
}
