import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// Queries about centres: finding and listing them, their status history, and their
/// output for reports (their approvals are `ApprovalStore`, their verification
/// `ExternalVerificationStore`).
public enum CentreStore {
    private static func sql(_ db: any Database) -> any SQLDatabase { db as! any SQLDatabase }

    public static func find(_ id: UUID, on db: any Database) async throws -> Centre? {
        // Fixed statements (`PlainModelRead`), the authority in the centre's row: the
        // centre's page reads it on every visit.
        guard let row = try await sql(db).raw("""
            SELECT t.*, \(parent: Organisation.self, as: "o") FROM centres t JOIN organisations o ON o.id = t.local_authority_id WHERE t.id = \(bind: id)
            """).first() else { return nil }
        let centre = try row.decode(fluentModel: Centre.self), authority = try row.decode(fluentModel: Organisation.self, prefix: "o")
        centre.$localAuthority.value = authority
        centre.$venues.value = try await sql(db).models(CentreVenue.self, "SELECT * FROM centre_venues WHERE centre_id = \(bind: id)")
        return centre
    }

    /// Every centre (or those of one status) by name, with its local authority.
    public static func list(status: CentreStatus? = nil, on db: any Database) async throws -> [Centre] {
        let query = Centre.query(on: db).with(\.$localAuthority).sort(\.$name)
        if let status { query.filter(\.$status == status) }
        return try await query.all()
    }

    /// A centre as the public list of centres shows it.
    public struct Listing: Sendable {
        public var id: UUID, name: String, kind: CentreKind, status: CentreStatus, venue: String, localAuthority: String
    }

    /// Every centre by name with its authority's name, in one plain statement read column
    /// by column: the public list is read on every visit, and loading the models with
    /// their authorities (two statements, reflection per row) was most of its cost.
    public static func listing(on db: any Database) async throws -> [Listing] {
        try await sql(db).raw("""
            SELECT c.id, c.name, c.kind, c.status, c.venue, o.name AS authority
            FROM centres c JOIN organisations o ON o.id = c.local_authority_id ORDER BY c.name
            """).all().map { row in
                Listing(id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                        kind: try row.decode(column: "kind", as: CentreKind.self), status: try row.decode(column: "status", as: CentreStatus.self),
                        venue: try row.decode(column: "venue", as: String.self),
                        localAuthority: try row.decode(column: "authority", as: String.self))
            }
    }

    /// The centre of exactly this name (operators type names on the command line).
    public static func named(_ name: String, on db: any Database) async throws -> Centre? {
        try await Centre.query(on: db).filter(\.$name == name).first()
    }

    public static func history(of centreID: UUID, on db: any Database) async throws -> [CentreStatusChange] {
        try await sql(db).models(CentreStatusChange.self, """
            SELECT * FROM centre_status_changes WHERE centre_id = \(bind: centreID) ORDER BY changed_at
            """)
    }

    // MARK: Output, for reports

    public struct OutputRow: Sendable {
        /// nil: the service's own base.
        public var centreID: UUID?
        public var output: DeliveryOutput
    }

    /// Runs closed, delegates completed, CPD units and training hours (defined in
    /// `DeliveryOutput`) per provider, for runs starting in `from..<to`: SQL aggregates.
    public static func output(from: Date, to: Date, on db: any Database) async throws -> [OutputRow] {
        struct Count: Decodable { var centreId: UUID?; var n: Int }
        struct Units: Decodable { var centreId: UUID?; var completed: Int; var n: Int; var seconds: Double? }
        let sql = sql(db)
        let runs = try await sql.raw("""
            SELECT centre_id, COUNT(*) AS n FROM runs
            WHERE status = 'closed' AND starts_at >= \(bind: from) AND starts_at < \(bind: to) GROUP BY centre_id
            """).all(decoding: Count.self, keyDecodingStrategy: .convertFromSnakeCase)
        // Closed runs only: their totals hold the completions and attended days.
        let units = try await sql.raw("""
            SELECT r.centre_id, CAST(SUM(t.completions) AS BIGINT) AS completed, CAST(SUM(t.training_days) AS BIGINT) AS n,
                   CAST(SUM(t.training_seconds) AS DOUBLE PRECISION) AS seconds
            FROM run_totals t JOIN runs r ON r.id = t.run_id
            WHERE r.starts_at >= \(bind: from) AND r.starts_at < \(bind: to)
            GROUP BY r.centre_id
            """).all(decoding: Units.self, keyDecodingStrategy: .convertFromSnakeCase)
        var rows: [UUID?: DeliveryOutput] = [:]
        for row in runs { rows[row.centreId, default: DeliveryOutput()].runs = row.n }
        for row in units {
            rows[row.centreId, default: DeliveryOutput()].delegatesCompleted = row.completed
            rows[row.centreId, default: DeliveryOutput()].cpdUnits = row.n
            rows[row.centreId, default: DeliveryOutput()].trainingHours = DeliveryOutput.roundedHours(row.seconds ?? 0)
        }
        return rows.map { OutputRow(centreID: $0.key, output: $0.value) }
    }

}
