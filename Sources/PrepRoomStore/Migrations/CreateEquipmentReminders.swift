import Fluent
import SQLKit

/// The reminders sent about items falling due, one row per item, kind and due date; and
/// people's secret calendar addresses for the checks due at their schools.
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
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EquipmentFeed.schema).delete()
        try await database.schema(EquipmentReminderRecord.schema).delete()
    }
}
