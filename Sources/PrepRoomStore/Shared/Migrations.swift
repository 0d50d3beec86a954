import Fluent
import SQLKit

/// Every migration, in the order it runs. Append only: a released migration never changes.
public enum PrepRoomMigrations {
    public static let all: [any Migration] = [
        CreateOrganisations(),
        CreateAccounts(),
        CreateCatalogue(),
        CreateObjectives(),
        CreateAuditEntries(),
        SessionRecord.migration,
        CreateBookings(),
        AddPlacementOutcome(),
        CreateCentreQuality(),
        CreateObjectiveHistory(),
        CreateEqualityDeclarations(),
        CreateEvaluation(),
        AddReportIndexes(),
        CreateRunTotals(),
        CreateSignInSecurity(),
    ]
}

/// Settings of the embedded database file.
public enum SQLiteFile {
    /// Write-ahead logging: readers no longer wait for a committing writer (nor it for
    /// them), which is where concurrent bookings spent their time. It is a property of the
    /// file, so setting it once covers every connection.
    public static func useWriteAheadLog(on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("PRAGMA journal_mode=WAL").run()
    }
}
