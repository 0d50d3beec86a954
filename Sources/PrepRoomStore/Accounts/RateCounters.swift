import Fluent
import Foundation
import SQLKit

/// Fixed-window request counters in the database, so every instance counts the same
/// hits: registrations and sign-ins per address. One statement a hit (an upsert that
/// starts the window afresh when it has moved on), the same on SQLite and PostgreSQL.
public enum RateCounters {
    /// Counts one hit for `bucket` in the window of `seconds` holding `now`; returns the
    /// hits so far in that window, this one included, and when the window ends.
    public static func hit(_ bucket: String, windowSeconds seconds: Int, now: Date = Date(), on db: any Database)
        async throws -> (hits: Int, windowEnds: Date) {
        let start = Int64(now.timeIntervalSince1970) / Int64(seconds) * Int64(seconds)
        struct Row: Decodable { var hits: Int }
        let row = try await (db as! any SQLDatabase).raw("""
            INSERT INTO rate_counters (bucket, window_start, hits) VALUES (\(bind: bucket), \(bind: start), 1)
            ON CONFLICT (bucket) DO UPDATE SET
                hits = CASE WHEN rate_counters.window_start = excluded.window_start THEN rate_counters.hits + 1 ELSE 1 END,
                window_start = excluded.window_start
            RETURNING hits
            """).first(decoding: Row.self)
        return (row?.hits ?? 1, Date(timeIntervalSince1970: TimeInterval(start + Int64(seconds))))
    }

    /// Drops counters whose window ended before `now` (housekeeping).
    public static func prune(before now: Date, on db: any Database) async throws {
        try await (db as! any SQLDatabase).delete(from: "rate_counters")
            .where("window_start", .lessThan, SQLBind(Int64(now.timeIntervalSince1970) - 86_400)).run()
    }
}
