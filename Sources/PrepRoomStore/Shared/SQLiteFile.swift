import Fluent
import SQLKit

/// Settings of the embedded database file.
public enum SQLiteFile {
    /// Write-ahead logging: readers no longer wait for a committing writer (nor it for
    /// them), which is where concurrent bookings spent their time. It is a property of the
    /// file, so setting it once covers every connection.
    public static func useWriteAheadLog(on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("PRAGMA journal_mode=WAL").run()
    }
}
