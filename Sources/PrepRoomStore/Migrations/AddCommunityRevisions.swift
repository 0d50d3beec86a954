import Fluent
import SQLKit

/// A revision on every topic and category, raised by triggers whenever anything a visitor's
/// page of it shows changes, so those pages can be served from the response cache
/// (`CommunityPageCache`) and a change through any instance is never served stale:
/// - a post added, edited, hidden, held, approved, rewritten by an erasure or deleted
///   raises its topic's revision;
/// - a topic added, changed (a reply's count, locked, pinned, solved, moved, its own
///   revision raised) or deleted raises its category's (both, when it moves);
/// - a category's own name, key, description or visibility raises its own;
/// - a person's new name raises the topics where it shows (as an author or an editor).
///
/// Triggers rather than code in each writer, as for the search index: no writer can forget.
/// On PostgreSQL the category's is a deferred constraint trigger: every reply in a category
/// locks its row only for the instant of commit, not for the whole transaction.
struct AddCommunityRevisions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema("community_topics").field("revision", .int64, .required, .sql(.default(0))).update()
        try await database.schema("community_categories").field("revision", .int64, .required, .sql(.default(0))).update()
        let touchNamed = """
            UPDATE community_topics SET revision = revision + 1 WHERE id IN (
                SELECT topic_id FROM community_posts WHERE author_id = NEW.id
                UNION SELECT p.topic_id FROM community_post_edits e JOIN community_posts p ON p.id = e.post_id WHERE e.edited_by = NEW.id)
            """
        if PortableSQL.isPostgreSQL(sql) {
            try await sql.raw("""
                CREATE FUNCTION community_touch_topic() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        UPDATE community_topics SET revision = revision + 1 WHERE id = OLD.topic_id;
                    ELSE
                        UPDATE community_topics SET revision = revision + 1 WHERE id = NEW.topic_id;
                    END IF;
                    RETURN NULL;
                END $$
                """).run()
            try await sql.raw("""
                CREATE TRIGGER community_posts_touch AFTER INSERT OR UPDATE OR DELETE ON community_posts
                FOR EACH ROW EXECUTE FUNCTION community_touch_topic()
                """).run()
            try await sql.raw("""
                CREATE FUNCTION community_touch_category() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
                BEGIN
                    IF TG_OP <> 'INSERT' THEN
                        UPDATE community_categories SET revision = revision + 1 WHERE id = OLD.category_id;
                    END IF;
                    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.category_id <> OLD.category_id) THEN
                        UPDATE community_categories SET revision = revision + 1 WHERE id = NEW.category_id;
                    END IF;
                    RETURN NULL;
                END $$
                """).run()
            try await sql.raw("""
                CREATE CONSTRAINT TRIGGER community_topics_touch AFTER INSERT OR UPDATE OR DELETE ON community_topics
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION community_touch_category()
                """).run()
            try await sql.raw("""
                CREATE FUNCTION community_category_revised() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.revision := OLD.revision + 1;
                    RETURN NEW;
                END $$
                """).run()
            try await sql.raw("""
                CREATE TRIGGER community_categories_revised BEFORE UPDATE OF key, name, description, members_only, position
                ON community_categories FOR EACH ROW EXECUTE FUNCTION community_category_revised()
                """).run()
            try await sql.raw("""
                CREATE FUNCTION community_touch_named() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
                BEGIN
                    \(unsafeRaw: touchNamed);
                    RETURN NULL;
                END $$
                """).run()
            try await sql.raw("""
                CREATE TRIGGER users_community_touch AFTER UPDATE OF name ON users
                FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION community_touch_named()
                """).run()
        } else {
            let triggers: [(String, String)] = [
                ("community_posts_touch_insert", "AFTER INSERT ON community_posts BEGIN UPDATE community_topics SET revision = revision + 1 WHERE id = NEW.topic_id; END"),
                ("community_posts_touch_update", "AFTER UPDATE ON community_posts BEGIN UPDATE community_topics SET revision = revision + 1 WHERE id = NEW.topic_id; END"),
                ("community_posts_touch_delete", "AFTER DELETE ON community_posts BEGIN UPDATE community_topics SET revision = revision + 1 WHERE id = OLD.topic_id; END"),
                ("community_topics_touch_insert", "AFTER INSERT ON community_topics BEGIN UPDATE community_categories SET revision = revision + 1 WHERE id = NEW.category_id; END"),
                ("community_topics_touch_update", "AFTER UPDATE ON community_topics BEGIN UPDATE community_categories SET revision = revision + 1 WHERE id IN (OLD.category_id, NEW.category_id); END"),
                ("community_topics_touch_delete", "AFTER DELETE ON community_topics BEGIN UPDATE community_categories SET revision = revision + 1 WHERE id = OLD.category_id; END"),
                // Its own revision is not among the columns named, so this does not fire itself.
                ("community_categories_revised", "AFTER UPDATE OF key, name, description, members_only, position ON community_categories BEGIN UPDATE community_categories SET revision = revision + 1 WHERE id = NEW.id; END"),
                ("users_community_touch", "AFTER UPDATE OF name ON users WHEN OLD.name IS NOT NEW.name BEGIN \(touchNamed); END"),
            ]
            for (name, body) in triggers { try await sql.raw("CREATE TRIGGER \(unsafeRaw: name) \(unsafeRaw: body)").run() }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if PortableSQL.isPostgreSQL(sql) {
            try await sql.raw("DROP TRIGGER users_community_touch ON users").run()
            try await sql.raw("DROP TRIGGER community_categories_revised ON community_categories").run()
            try await sql.raw("DROP TRIGGER community_topics_touch ON community_topics").run()
            try await sql.raw("DROP TRIGGER community_posts_touch ON community_posts").run()
            for function in ["community_touch_named", "community_category_revised", "community_touch_category", "community_touch_topic"] {
                try await sql.raw("DROP FUNCTION \(unsafeRaw: function)()").run()
            }
        } else {
            for name in ["community_posts_touch_insert", "community_posts_touch_update", "community_posts_touch_delete", "community_topics_touch_insert",
                         "community_topics_touch_update", "community_topics_touch_delete", "community_categories_revised", "users_community_touch"] {
                try await sql.raw("DROP TRIGGER \(unsafeRaw: name)").run()
            }
        }
        try await database.schema("community_categories").deleteField("revision").update()
        try await database.schema("community_topics").deleteField("revision").update()
    }
}
