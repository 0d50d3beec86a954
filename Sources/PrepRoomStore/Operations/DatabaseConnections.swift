import Fluent
import SQLKit

/// What the database server says about its connections to this database, by state
/// (`active`, `idle`, `idle in transaction`…), for every instance together. Fluent's pool
/// keeps its counts private (async-kit's `EventLoopConnectionPool`), so this is the
/// pool's use as PostgreSQL sees it. SQLite has no server: nil.
public enum DatabaseConnections {
    public static func byState(on db: any Database) async throws -> [String: Int]? {
        guard let sql = db as? any SQLDatabase, PortableSQL.isPostgreSQL(sql) else { return nil }
        struct Row: Decodable { var state: String?; var n: Int }
        let rows = try await sql.raw("""
            SELECT state, count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND backend_type = 'client backend' GROUP BY state
            """).all(decoding: Row.self)
        return Dictionary(rows.map { ($0.state ?? "unknown", $0.n) }, uniquingKeysWith: +)
    }
}
