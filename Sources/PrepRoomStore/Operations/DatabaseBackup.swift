import Fluent
import FluentSQLiteDriver
import Foundation

/// Backup and restore of the embedded database, inside SQLite itself: no second copy of
/// the SQLite library opens the file (two copies in one process break each other's locks).
public enum SQLiteBackup {
    /// Why a restore was refused; nothing was changed.
    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    /// Writes a consistent copy of the database to `path` (which must not exist) while
    /// other connections keep reading and writing: `VACUUM INTO` reads in one transaction,
    /// so the copy holds exactly what was committed when it began, compacted.
    public static func write(to path: String, on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("VACUUM INTO \(bind: path)").run()
    }

    /// Copies every table, index, view and trigger of the backup at `path` into this
    /// database, which must hold no tables, in one transaction: it is all there or none
    /// of it. Triggers come last, so copying the rows does not fire them (the runs'
    /// counters would count twice). Returns the number of tables copied.
    public static func restore(from path: String, on db: any Database) async throws -> Int {
        guard let sqlite = db as? any SQLiteDatabase else { throw Refusal(description: "This database is not SQLite.") }
        return try await sqlite.withConnection { connection in
            let existing = try await connection.query("SELECT count(*) AS n FROM main.sqlite_master WHERE name NOT LIKE 'sqlite_%'")
            guard existing.first?.column("n")?.integer == 0 else {
                throw Refusal(description: "The database already holds tables; a backup is restored only into an empty one. Point PREPROOM_DATA_DIR at an empty folder, or move the database file away first.")
            }
            do {
                _ = try await connection.query("ATTACH DATABASE ? AS backup", [.text(path)])
            } catch {
                throw Refusal(description: "\(path) could not be opened as an SQLite database: \(error)")
            }
            do {
                let count = try await copy(on: connection)
                _ = try await connection.query("DETACH DATABASE backup")
                return count
            } catch {
                _ = try? await connection.query("DETACH DATABASE backup")
                throw error
            }
        }
    }

    private struct SchemaItem { var type: String; var name: String; var sql: String }

    private static func copy(on connection: SQLiteConnection) async throws -> Int {
        let check = try await connection.query("PRAGMA backup.quick_check")
        guard check.count == 1, check.first?.columns.first?.data.string == "ok" else {
            throw Refusal(description: "The backup file is damaged (SQLite's quick_check did not answer ok).")
        }
        let items = try await connection.query("""
            SELECT type, name, sql FROM backup.sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid
            """).compactMap { row -> SchemaItem? in
            guard let type = row.column("type")?.string, let name = row.column("name")?.string, let sql = row.column("sql")?.string else { return nil }
            return SchemaItem(type: type, name: name, sql: sql)
        }
        guard items.contains(where: { $0.type == "table" && $0.name == "_fluent_migrations" }) else {
            throw Refusal(description: "The file is an SQLite database but not a PrepRoom backup (it has no migration history).")
        }
        _ = try await connection.query("BEGIN IMMEDIATE")
        do {
            // Rows arrive table by table, not in the order their foreign keys need; the
            // keys are checked once, at the commit.
            _ = try await connection.query("PRAGMA defer_foreign_keys = ON")
            // A full-text index (a virtual table) makes its own shadow tables when created, and
            // is rebuilt from the table it indexes once that is copied, rather than copied.
            let shadows = try await connection.query("SELECT name FROM pragma_table_list WHERE schema = 'backup' AND type = 'shadow'")
                .compactMap { $0.column("name")?.string }
            let virtual = items.filter { $0.type == "table" && $0.sql.uppercased().hasPrefix("CREATE VIRTUAL TABLE") }
            let virtualNames = Set(virtual.map(\.name))
            let tables = items.filter { $0.type == "table" && !shadows.contains($0.name) && !virtualNames.contains($0.name) }
            for table in tables {
                _ = try await connection.query(table.sql)
                _ = try await connection.query("INSERT INTO main.\(quoted(table.name)) SELECT * FROM backup.\(quoted(table.name))")
            }
            for index in virtual {
                _ = try await connection.query(index.sql)
                _ = try await connection.query("INSERT INTO main.\(quoted(index.name)) (\(quoted(index.name))) VALUES ('rebuild')")
            }
            let hasSequence = try await connection.query("SELECT 1 FROM backup.sqlite_master WHERE name = 'sqlite_sequence'")
            if !hasSequence.isEmpty {
                _ = try await connection.query("INSERT INTO main.sqlite_sequence SELECT * FROM backup.sqlite_sequence")
            }
            for kind in ["index", "view", "trigger"] {
                for item in items where item.type == kind { _ = try await connection.query(item.sql) }
            }
            _ = try await connection.query("COMMIT")
            return tables.count
        } catch {
            _ = try? await connection.query("ROLLBACK")
            throw error
        }
    }

    /// An identifier as SQLite reads it, whatever it holds.
    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// What a restore must find before it writes: nothing.
public enum DatabaseContents {
    /// The tables of PostgreSQL outside its own catalogues, in every schema.
    public static func postgresTableCount(on db: any Database) async throws -> Int {
        struct Count: Decodable { var n: Int }
        return try await (db as! any SQLDatabase).raw("""
            SELECT count(*) AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
            """).first(decoding: Count.self)?.n ?? 0
    }
}
