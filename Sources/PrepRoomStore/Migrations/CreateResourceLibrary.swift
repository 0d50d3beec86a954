import Fluent
import SQLKit

/// Techné's resource library: resources, every version of each, and the courses they are
/// linked to; and the search's triggers for them (as `CreateSearch` has for posts).
struct CreateResourceLibrary: AsyncMigration {
    private static let columns = "kind, ref_id, ref_key, topic_id, position, category_id, subject, members_only, hidden, title, body"

    private static func entry(_ r: String) -> String {
        "SELECT 'resource', \(r).id, NULL, NULL, NULL, NULL, REPLACE(\(r).subject, '_', '-'), \(r).members_only, \(false), \(r).title, \(r).search_text"
    }

    func prepare(on database: any Database) async throws {
        try await database.schema("resources")
            .id()
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("kind", .string, .required)
            .field("subject", .string, .required)
            .field("audiences", .string, .required)
            .field("tags", .string, .required)
            .field("members_only", .bool, .required)
            .field("version", .int, .required)
            .field("downloads", .int, .required)
            .field("search_text", .string, .required)
            .field("published_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("published_by", .uuid, .references("users", "id", onDelete: .setNull))
            .create()
        try await database.schema("resource_versions")
            .id()
            .field("resource_id", .uuid, .required, .references("resources", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("note", .string, .required)
            .field("url", .string)
            .field("transcript", .string)
            .field("filename", .string)
            .field("content_type", .string)
            .field("size", .int, .required)
            .field("content", .data)
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid, .references("users", "id", onDelete: .setNull))
            .unique(on: "resource_id", "number")
            .create()
        try await database.schema("resource_courses")
            .id()
            .field("resource_id", .uuid, .required, .references("resources", "id", onDelete: .cascade))
            .field("course_id", .uuid, .required, .references("courses", "id", onDelete: .cascade))
            .unique(on: "resource_id", "course_id")
            .create()
        let sql = database as! any SQLDatabase
        // The library's list, newest first; a course's page lists its resources.
        try await sql.raw("CREATE INDEX resources_updated ON resources (updated_at)").run()
        try await sql.raw("CREATE INDEX resource_courses_course ON resource_courses (course_id)").run()
        if PortableSQL.isPostgreSQL(sql) {
            try await sql.raw(SQLQueryString("""
                CREATE FUNCTION search_sync_resource() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
                BEGIN
                IF TG_OP = 'DELETE' THEN DELETE FROM search_entries WHERE ref_id = OLD.id; RETURN OLD; END IF;
                IF TG_OP = 'INSERT' THEN INSERT INTO search_entries (\(Self.columns)) \(Self.entry("NEW"));
                ELSE UPDATE search_entries SET title = NEW.title, body = NEW.search_text, subject = REPLACE(NEW.subject, '_', '-'),
                    members_only = NEW.members_only WHERE ref_id = NEW.id; END IF;
                RETURN NEW;
                END $$
                """)).run()
            try await sql.raw("""
                CREATE TRIGGER resources_search AFTER INSERT OR UPDATE OF title, search_text, subject, members_only OR DELETE ON resources
                FOR EACH ROW EXECUTE FUNCTION search_sync_resource()
                """).run()
        } else {
            try await sql.raw(SQLQueryString("CREATE TRIGGER resources_search_ai AFTER INSERT ON resources BEGIN INSERT INTO search_entries (\(Self.columns)) \(Self.entry("new")); END")).run()
            try await sql.raw("""
                CREATE TRIGGER resources_search_au AFTER UPDATE OF title, search_text, subject, members_only ON resources BEGIN
                    UPDATE search_entries SET title = new.title, body = new.search_text, subject = REPLACE(new.subject, '_', '-'),
                        members_only = new.members_only WHERE ref_id = new.id; END
                """).run()
            try await sql.raw("CREATE TRIGGER resources_search_ad AFTER DELETE ON resources BEGIN DELETE FROM search_entries WHERE ref_id = old.id; END").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if PortableSQL.isPostgreSQL(sql) {
            try await sql.raw("DROP TRIGGER resources_search ON resources").run()
            try await sql.raw("DROP FUNCTION search_sync_resource()").run()
        } else {
            for trigger in ["resources_search_ai", "resources_search_au", "resources_search_ad"] { try await sql.raw("DROP TRIGGER \(unsafeRaw: trigger)").run() }
        }
        try await database.schema("resource_courses").delete()
        try await database.schema("resource_versions").delete()
        try await database.schema("resources").delete()
    }
}
