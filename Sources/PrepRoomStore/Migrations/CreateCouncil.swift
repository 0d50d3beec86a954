import Fluent
import SQLKit

/// STAC: who holds each organisation's seat, and the meetings (with the search's triggers,
/// as `CreateSearch` has for posts: a meeting is found once published, by members only).
struct CreateCouncil: AsyncMigration {
    private static let columns = "kind, ref_id, ref_key, topic_id, position, category_id, subject, members_only, hidden, title, body"

    private static func entry(_ m: String) -> String {
        // Only a published meeting is found, and only by members.
        "SELECT 'minutes', \(m).id, NULL, NULL, NULL, NULL, 'council', \(true), \(false), \(m).title, \(m).agenda || ' ' || \(m).minutes WHERE \(m).published_at IS NOT NULL"
    }

    func prepare(on database: any Database) async throws {
        try await database.schema("council_seats")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("since", .datetime, .required)
            .unique(on: "organisation_id")
            .create()
        try await database.schema("council_meetings")
            .id()
            .field("title", .string, .required)
            .field("held_on", .datetime, .required)
            .field("agenda", .string, .required)
            .field("minutes", .string, .required)
            .field("published_at", .datetime)
            .field("updated_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("updated_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX council_seats_user ON council_seats (user_id)").run()
        if PortableSQL.isPostgreSQL(sql) {
            try await sql.raw(SQLQueryString("""
                CREATE FUNCTION search_sync_meeting() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
                BEGIN
                IF TG_OP = 'DELETE' THEN DELETE FROM search_entries WHERE ref_id = OLD.id; RETURN OLD; END IF;
                DELETE FROM search_entries WHERE ref_id = NEW.id;
                INSERT INTO search_entries (\(Self.columns)) \(Self.entry("NEW"));
                RETURN NEW;
                END $$
                """)).run()
            try await sql.raw("""
                CREATE TRIGGER council_meetings_search AFTER INSERT OR UPDATE OF title, agenda, minutes, published_at OR DELETE ON council_meetings
                FOR EACH ROW EXECUTE FUNCTION search_sync_meeting()
                """).run()
        } else {
            try await sql.raw(SQLQueryString("CREATE TRIGGER council_meetings_search_ai AFTER INSERT ON council_meetings BEGIN INSERT INTO search_entries (\(Self.columns)) \(Self.entry("new")); END")).run()
            try await sql.raw(SQLQueryString("""
                CREATE TRIGGER council_meetings_search_au AFTER UPDATE OF title, agenda, minutes, published_at ON council_meetings BEGIN
                    DELETE FROM search_entries WHERE ref_id = new.id;
                    INSERT INTO search_entries (\(Self.columns)) \(Self.entry("new")); END
                """)).run()
            try await sql.raw("CREATE TRIGGER council_meetings_search_ad AFTER DELETE ON council_meetings BEGIN DELETE FROM search_entries WHERE ref_id = old.id; END").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if PortableSQL.isPostgreSQL(sql) {
            try await sql.raw("DROP TRIGGER council_meetings_search ON council_meetings").run()
            try await sql.raw("DROP FUNCTION search_sync_meeting()").run()
        } else {
            for trigger in ["council_meetings_search_ai", "council_meetings_search_au", "council_meetings_search_ad"] {
                try await sql.raw("DROP TRIGGER \(unsafeRaw: trigger)").run()
            }
        }
        try await database.schema("council_meetings").delete()
        try await database.schema("council_seats").delete()
    }
}
