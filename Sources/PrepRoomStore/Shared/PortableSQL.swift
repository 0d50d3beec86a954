import SQLKit

/// The few expressions SQLite and PostgreSQL write differently, each in one place (and
/// tested on both engines through the reports that use them).
public enum PortableSQL {
    /// Whether `db` is PostgreSQL (else SQLite, the only other engine PrepRoom runs on).
    public static func isPostgreSQL(_ db: any SQLDatabase) -> Bool { db.dialect.name == "postgresql" }

    /// Text to find with `LIKE … ESCAPE '!'`: a typed %, _ or ! is a character to find, not
    /// a wildcard. `!` escapes, not a backslash, which the two engines read differently in a
    /// string literal.
    public static func likeEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "!" || character == "%" || character == "_" { escaped.append("!") }
            escaped.append(character)
        }
        return escaped
    }

    /// Seconds from `start` to `end`, two datetime columns. SQLite keeps datetimes as
    /// seconds since 1970 (REAL); PostgreSQL as timestamps, whose difference is an interval.
    public static func secondsBetween(_ start: String, _ end: String, on db: any SQLDatabase) -> String {
        isPostgreSQL(db) ? "EXTRACT(EPOCH FROM (\(end) - \(start)))" : "(\(end) - \(start))"
    }
}
