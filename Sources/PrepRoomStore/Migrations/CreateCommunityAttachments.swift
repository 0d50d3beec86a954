import Fluent
import SQLKit

/// Files attached to posts and to council meetings (`CommunityAttachment`). Adding or
/// removing one on a post raises its topic's revision, so visitors' cached page of the
/// topic shows it at once (`AddCommunityRevisions`).
struct CreateCommunityAttachments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema("community_attachments")
            .id()
            .field("post_id", .uuid, .references("community_posts", "id", onDelete: .cascade))
            .field("meeting_id", .uuid, .references("council_meetings", "id", onDelete: .cascade))
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("description", .string, .required)
            .field("content", .data, .required)
            .field("uploaded_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("uploaded_at", .datetime, .required)
            .create()
        try await sql.raw("CREATE INDEX community_attachments_post ON community_attachments (post_id)").run()
        try await sql.raw("CREATE INDEX community_attachments_meeting ON community_attachments (meeting_id)").run()
        try await sql.raw("CREATE INDEX community_attachments_person ON community_attachments (uploaded_by)").run()
        let touch = "UPDATE community_topics SET revision = revision + 1 WHERE id = (SELECT topic_id FROM community_posts WHERE id = %@.post_id)"
        if PortableSQL.isPostgreSQL(sql) {
            try await sql.raw("""
                CREATE FUNCTION community_touch_attachment() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN \(unsafeRaw: touch.replacingOccurrences(of: "%@", with: "OLD"));
                    ELSE \(unsafeRaw: touch.replacingOccurrences(of: "%@", with: "NEW"));
                    END IF;
                    RETURN NULL;
                END $$
                """).run()
            try await sql.raw("""
                CREATE TRIGGER community_attachments_touch AFTER INSERT OR UPDATE OR DELETE ON community_attachments
                FOR EACH ROW EXECUTE FUNCTION community_touch_attachment()
                """).run()
        } else {
            for (name, event, row) in Self.sqliteTriggers {
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: name) AFTER \(unsafeRaw: event) ON community_attachments
                    BEGIN \(unsafeRaw: touch.replacingOccurrences(of: "%@", with: row)); END
                    """).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if PortableSQL.isPostgreSQL(sql) {
            try await sql.raw("DROP TRIGGER community_attachments_touch ON community_attachments").run()
            try await sql.raw("DROP FUNCTION community_touch_attachment()").run()
        } else {
            for (name, _, _) in Self.sqliteTriggers { try await sql.raw("DROP TRIGGER \(unsafeRaw: name)").run() }
        }
        try await database.schema("community_attachments").delete()
    }

    private static let sqliteTriggers = [
        ("community_attachments_touch_insert", "INSERT", "NEW"),
        ("community_attachments_touch_update", "UPDATE", "NEW"),
        ("community_attachments_touch_delete", "DELETE", "OLD"),
    ]
}
