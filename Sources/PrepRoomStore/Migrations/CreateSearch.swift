import Fluent
import SQLKit

/// One search across Techné's posts and the catalogue's courses (`SearchStore`).
///
/// `search_entries` holds one row per thing to find, with what decides who may see it.
/// Triggers on the tables it copies keep it right in the same transaction as every write,
/// whichever code makes it (a post, a moderator hiding it, an erasure rewriting it, a
/// course edited), so no writer can forget. Its integer key stays the same through
/// `VACUUM INTO` (the SQLite backup), which the full-text index relies on.
/// - SQLite: an FTS5 index over it (`search_fts`, Porter stemming), kept by triggers.
/// - PostgreSQL: a stored `tsvector` (the title weighted above the text) with a GIN index.
struct CreateSearch: AsyncMigration {
    /// What an entry copies from a post, its topic and its category (`p` the post's row).
    private static func postEntry(_ p: String) -> String {
        """
        SELECT CASE WHEN \(p).position = 1 THEN 'topic' ELSE 'reply' END, \(p).id, NULL, \(p).topic_id, \(p).position, t.category_id, c.key,
               c.members_only, \(p).hidden_at IS NOT NULL, t.title, \(p).body
        FROM community_topics t JOIN community_categories c ON c.id = t.category_id WHERE t.id = \(p).topic_id
        """
    }

    /// What an entry copies from a course (`c` the course's row); its subject in the
    /// categories' spelling (`general_safety` → `general-safety`).
    private static func courseEntry(_ c: String) -> String {
        """
        SELECT 'course', \(c).id, \(c).code, NULL, NULL, NULL, REPLACE(\(c).subject, '_', '-'), \(false), \(false), \(c).title,
               \(c).summary || ' ' || \(c).covers
        """
    }

    private static let columns = "kind, ref_id, ref_key, topic_id, position, category_id, subject, members_only, hidden, title, body"

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let postgres = PortableSQL.isPostgreSQL(sql)
        let uuid = postgres ? "UUID" : "TEXT"
        try await sql.raw("""
            CREATE TABLE search_entries (
                id \(unsafeRaw: postgres ? "BIGSERIAL" : "INTEGER") PRIMARY KEY,
                kind TEXT NOT NULL,
                ref_id \(unsafeRaw: uuid) NOT NULL UNIQUE,
                ref_key TEXT,
                topic_id \(unsafeRaw: uuid),
                position INTEGER,
                category_id \(unsafeRaw: uuid),
                subject TEXT NOT NULL,
                members_only BOOLEAN NOT NULL,
                hidden BOOLEAN NOT NULL,
                title TEXT NOT NULL,
                body TEXT NOT NULL
                \(unsafeRaw: postgres ? """
                    , document tsvector GENERATED ALWAYS AS
                        (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')) STORED
                    """ : "")
            )
            """).run()
        try await sql.raw("CREATE INDEX search_entries_topic ON search_entries (topic_id)").run()
        try await sql.raw("CREATE INDEX search_entries_category ON search_entries (category_id)").run()
        if postgres {
            try await sql.raw("CREATE INDEX search_entries_document ON search_entries USING GIN (document)").run()
            try await Self.postgresTriggers(sql)
        } else {
            try await sql.raw("""
                CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_entries', content_rowid='id',
                                                           tokenize='porter unicode61 remove_diacritics 2')
                """).run()
            try await sql.raw("""
                CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN
                    INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body); END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN
                    INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER search_entries_au AFTER UPDATE OF title, body ON search_entries BEGIN
                    INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
                    INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body); END
                """).run()
            try await Self.sqliteTriggers(sql)
        }
        // What is already there.
        try await sql.raw("INSERT INTO search_entries (\(unsafeRaw: Self.columns)) \(unsafeRaw: Self.postEntry("p").replacingOccurrences(of: "WHERE t.id = p.topic_id", with: "JOIN community_posts p ON p.topic_id = t.id"))").run()
        try await sql.raw("INSERT INTO search_entries (\(unsafeRaw: Self.columns)) \(unsafeRaw: Self.courseEntry("c")) FROM courses c").run()
    }

    private static func sqliteTriggers(_ sql: any SQLDatabase) async throws {
        let statements = [
            "CREATE TRIGGER community_posts_search_ai AFTER INSERT ON community_posts BEGIN INSERT INTO search_entries (\(columns)) \(postEntry("new")); END",
            """
            CREATE TRIGGER community_posts_search_au AFTER UPDATE OF body, hidden_at ON community_posts BEGIN
                UPDATE search_entries SET body = new.body, hidden = new.hidden_at IS NOT NULL WHERE ref_id = new.id; END
            """,
            "CREATE TRIGGER community_posts_search_ad AFTER DELETE ON community_posts BEGIN DELETE FROM search_entries WHERE ref_id = old.id; END",
            """
            CREATE TRIGGER community_topics_search_au AFTER UPDATE OF title, category_id ON community_topics BEGIN
                UPDATE search_entries SET title = new.title, category_id = new.category_id,
                    subject = (SELECT key FROM community_categories WHERE id = new.category_id),
                    members_only = (SELECT members_only FROM community_categories WHERE id = new.category_id)
                WHERE topic_id = new.id; END
            """,
            """
            CREATE TRIGGER community_categories_search_au AFTER UPDATE OF key, members_only ON community_categories BEGIN
                UPDATE search_entries SET subject = new.key, members_only = new.members_only WHERE category_id = new.id; END
            """,
            "CREATE TRIGGER courses_search_ai AFTER INSERT ON courses BEGIN INSERT INTO search_entries (\(columns)) \(courseEntry("new")); END",
            """
            CREATE TRIGGER courses_search_au AFTER UPDATE OF code, title, summary, covers, subject ON courses BEGIN
                UPDATE search_entries SET ref_key = new.code, title = new.title, body = new.summary || ' ' || new.covers,
                    subject = REPLACE(new.subject, '_', '-') WHERE ref_id = new.id; END
            """,
            "CREATE TRIGGER courses_search_ad AFTER DELETE ON courses BEGIN DELETE FROM search_entries WHERE ref_id = old.id; END",
        ]
        for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
    }

    private static func postgresTriggers(_ sql: any SQLDatabase) async throws {
        let functions: [(name: String, table: String, events: String, body: String)] = [
            ("search_sync_post", "community_posts", "INSERT OR UPDATE OF body, hidden_at OR DELETE", """
                IF TG_OP = 'DELETE' THEN DELETE FROM search_entries WHERE ref_id = OLD.id; RETURN OLD; END IF;
                IF TG_OP = 'INSERT' THEN INSERT INTO search_entries (\(columns)) \(postEntry("NEW"));
                ELSE UPDATE search_entries SET body = NEW.body, hidden = NEW.hidden_at IS NOT NULL WHERE ref_id = NEW.id; END IF;
                RETURN NEW;
                """),
            ("search_sync_topic", "community_topics", "UPDATE OF title, category_id", """
                UPDATE search_entries SET title = NEW.title, category_id = NEW.category_id,
                    subject = (SELECT key FROM community_categories WHERE id = NEW.category_id),
                    members_only = (SELECT members_only FROM community_categories WHERE id = NEW.category_id)
                WHERE topic_id = NEW.id;
                RETURN NEW;
                """),
            ("search_sync_category", "community_categories", "UPDATE OF key, members_only", """
                UPDATE search_entries SET subject = NEW.key, members_only = NEW.members_only WHERE category_id = NEW.id;
                RETURN NEW;
                """),
            ("search_sync_course", "courses", "INSERT OR UPDATE OF code, title, summary, covers, subject OR DELETE", """
                IF TG_OP = 'DELETE' THEN DELETE FROM search_entries WHERE ref_id = OLD.id; RETURN OLD; END IF;
                IF TG_OP = 'INSERT' THEN INSERT INTO search_entries (\(columns)) \(courseEntry("NEW"));
                ELSE UPDATE search_entries SET ref_key = NEW.code, title = NEW.title, body = NEW.summary || ' ' || NEW.covers,
                    subject = REPLACE(NEW.subject, '_', '-') WHERE ref_id = NEW.id; END IF;
                RETURN NEW;
                """),
        ]
        for function in functions {
            try await sql.raw(SQLQueryString("""
                CREATE FUNCTION \(function.name)() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
                BEGIN
                \(function.body)
                END $$
                """)).run()
            try await sql.raw(SQLQueryString("""
                CREATE TRIGGER \(function.table)_search AFTER \(function.events) ON \(function.table)
                FOR EACH ROW EXECUTE FUNCTION \(function.name)()
                """)).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if PortableSQL.isPostgreSQL(sql) {
            for (table, function) in [("community_posts", "search_sync_post"), ("community_topics", "search_sync_topic"),
                                      ("community_categories", "search_sync_category"), ("courses", "search_sync_course")] {
                try await sql.raw("DROP TRIGGER \(unsafeRaw: table)_search ON \(unsafeRaw: table)").run()
                try await sql.raw("DROP FUNCTION \(unsafeRaw: function)()").run()
            }
        } else {
            for trigger in ["community_posts_search_ai", "community_posts_search_au", "community_posts_search_ad", "community_topics_search_au",
                            "community_categories_search_au", "courses_search_ai", "courses_search_au", "courses_search_ad"] {
                try await sql.raw("DROP TRIGGER \(unsafeRaw: trigger)").run()
            }
            try await sql.raw("DROP TABLE search_fts").run()
        }
        try await sql.raw("DROP TABLE search_entries").run()
    }
}
