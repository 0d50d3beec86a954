import Fluent
import Foundation
import SQLKit

/// The live database's own description of itself, on either engine: which tables exist,
/// their columns, which columns point at which table, and where a piece of text still
/// appears. The privacy registry is checked against it (`PrivacyRegistryTests`), and an
/// operator can check an erasure with `preproom privacy find`.
public enum DatabaseCatalogue {
    public struct Column: Sendable, Equatable {
        public var table: String
        public var name: String
        /// The engine's type name, lower-case ("text", "character varying", "uuid", …).
        public var type: String
        /// The table a foreign key on this column points at, if any.
        public var references: String?

        public var holdsText: Bool { ["text", "character varying", "varchar"].contains(type) }
    }

    public static func tables(on db: any Database) async throws -> [String] {
        struct Row: Decodable { var name: String }
        let sql = db as! any SQLDatabase
        let query: SQLQueryString = PortableSQL.isPostgreSQL(sql)
            ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
            // Ordinary tables only: a full-text index (virtual, with its shadow tables) is
            // an index of another table, not data of its own.
            : "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1"
        return try await sql.raw(query).all(decoding: Row.self).map(\.name)
    }

    public static func columns(of table: String, on db: any Database) async throws -> [Column] {
        struct Row: Decodable { var name: String; var type: String }
        struct Key: Decodable { var column: String; var target: String }
        let sql = db as! any SQLDatabase
        let rows: [Row], keys: [Key]
        if PortableSQL.isPostgreSQL(sql) {
            rows = try await sql.raw("""
                SELECT column_name AS name, data_type AS type FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = \(bind: table) ORDER BY ordinal_position
                """).all(decoding: Row.self)
            keys = try await sql.raw("""
                SELECT a.attname AS "column", t.relname AS target FROM pg_constraint c
                JOIN pg_class s ON s.oid = c.conrelid JOIN pg_class t ON t.oid = c.confrelid
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
                WHERE c.contype = 'f' AND s.relname = \(bind: table) AND s.relnamespace = current_schema()::regnamespace
                """).all(decoding: Key.self)
        } else {
            rows = try await sql.raw("SELECT name, type FROM pragma_table_info(\(bind: table))").all(decoding: Row.self)
            keys = try await sql.raw("SELECT \"from\" AS \"column\", \"table\" AS target FROM pragma_foreign_key_list(\(bind: table))")
                .all(decoding: Key.self)
        }
        let targets = Dictionary(keys.map { ($0.column, $0.target) }, uniquingKeysWith: { a, _ in a })
        return rows.map { Column(table: table, name: $0.name, type: $0.type.lowercased(), references: targets[$0.name]) }
    }

    /// Every text column, in every table, that holds `text` anywhere (in any case), with how
    /// many rows do. Names come from the catalogue, never from a request.
    public static func places(holding text: String, on db: any Database) async throws -> [(column: Column, rows: Int)] {
        struct Count: Decodable { var n: Int }
        let sql = db as! any SQLDatabase
        let pattern = "%" + PortableSQL.likeEscaped(text.lowercased()) + "%"
        var found: [(Column, Int)] = []
        for table in try await tables(on: db) {
            for column in try await columns(of: table, on: db) where column.holdsText {
                let n = try await sql.raw("""
                    SELECT count(*) AS n FROM "\(unsafeRaw: table)" WHERE lower("\(unsafeRaw: column.name)") LIKE \(bind: pattern) ESCAPE '!'
                    """).first(decoding: Count.self)?.n ?? 0
                if n > 0 { found.append((column, n)) }
            }
        }
        return found
    }
}
