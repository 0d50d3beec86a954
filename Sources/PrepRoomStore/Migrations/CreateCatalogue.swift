import Fluent
import SQLKit

struct CreateCatalogue: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Course.schema)
            .id()
            .field("code", .string, .required)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("covers", .string, .required)
            .field("subject", .string, .required)
            .field("audiences", .string, .required)
            .field("format", .string, .required)
            .field("duration_days", .double, .required)
            .field("assessed", .bool, .required)
            .field("certificated", .bool, .required)
            .field("scqf_level", .int)
            .field("scqf_credits", .int)
            .field("validity_months", .int)
            .field("refresher_of", .string, .references(Course.schema, "code"))
            .field("competence", .string)
            .field("centre_deliverable", .bool, .required)
            .field("search_text", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        try await database.schema(Run.schema)
            .id()
            .field("course_id", .uuid, .required, .references(Course.schema, "id"))
            .field("centre_id", .uuid, .references(Centre.schema, "id"))
            .field("venue", .string)
            .field("online_link", .string)
            .field("capacity", .int, .required)
            .field("confirmed_count", .int, .required)
            .field("waitlist_count", .int, .required)
            .field("booking_opens_at", .datetime)
            .field("booking_closes_at", .datetime)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("cohort", .string)
            .field("notes", .string)
            .field("status", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(RunSession.schema)
            .id()
            .field("run_id", .uuid, .required, .references(Run.schema, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .unique(on: "run_id", "position")
            .create()
        // Plain CREATE INDEX is the same statement on both engines.
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX runs_course_starts ON runs (course_id, starts_at)").run()
            try await sql.raw("CREATE INDEX runs_starts ON runs (starts_at)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RunSession.schema).delete()
        try await database.schema(Run.schema).delete()
        try await database.schema(Course.schema).delete()
    }
}
