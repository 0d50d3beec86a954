import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// What a local authority manager sees of their authority's people: how many are
/// registered, who is booked on what is coming up, and whose certificate lapses soon (the
/// refreshers to budget for). Plain values in four statements.
public struct AuthorityOverview: Sendable {
    public struct Place: Sendable { public var name: String; public var courseTitle: String; public var runID: UUID; public var startsAt: Date; public var waiting: Bool }
    public struct Lapsing: Sendable { public var name: String; public var courseTitle: String; public var number: String; public var expiresAt: Date }

    public var authority: String
    public var people: Int
    public var places: [Place]
    public var lapsing: [Lapsing]
}

public enum AuthorityOverviewQuery {
    /// The most places and lapsing certificates listed, soonest first; the page says so when
    /// there are more.
    public static let listLimit = 50

    public static func overview(of organisationID: UUID, now: Date = Date(), limit: Int = listLimit, on db: any Database) async throws -> AuthorityOverview {
        struct Count: Decodable { var n: Int }
        struct Name: Decodable { var name: String }
        struct PlaceRow: Decodable { var name: String; var title: String; var runId: UUID; var startsAt: Date; var status: BookingStatus }
        struct LapsingRow: Decodable { var name: String; var courseTitle: String; var number: String; var expiresAt: Date }
        let sql = db as! any SQLDatabase
        let authority = try await sql.raw("SELECT name FROM organisations WHERE id = \(bind: organisationID)").first(decoding: Name.self)?.name ?? ""
        let people = try await sql.raw("""
            SELECT COUNT(*) AS n FROM users WHERE organisation_id = \(bind: organisationID) AND status = 'approved'
            """).first(decoding: Count.self)?.n ?? 0
        let places = try await sql.raw("""
            SELECT u.name, c.title, r.id AS run_id, r.starts_at, b.status
            FROM bookings b JOIN users u ON u.id = b.user_id JOIN runs r ON r.id = b.run_id JOIN courses c ON c.id = r.course_id
            WHERE u.organisation_id = \(bind: organisationID) AND b.status <> 'cancelled' AND r.status = 'scheduled' AND r.starts_at >= \(bind: now)
            ORDER BY r.starts_at, u.name LIMIT \(bind: limit)
            """).all(decoding: PlaceRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        // A certificate renewed already is not lapsing: CertificateRules.isRenewed, in SQL
        // (another of the same course, not revoked, lasting longer or never expiring).
        let window = now.addingTimeInterval(Double(CertificateRules.expiringWindowDays) * 86_400)
        let lapsing = try await sql.raw("""
            SELECT u.name, ce.course_title, ce.number, ce.expires_at
            FROM certificates ce JOIN users u ON u.id = ce.user_id
            WHERE u.organisation_id = \(bind: organisationID) AND ce.revoked_at IS NULL
              AND ce.expires_at > \(bind: now) AND ce.expires_at <= \(bind: window)
              AND NOT EXISTS (SELECT 1 FROM certificates later WHERE later.user_id = ce.user_id AND later.course_code = ce.course_code
                              AND later.revoked_at IS NULL AND (later.expires_at IS NULL OR later.expires_at > ce.expires_at))
            ORDER BY ce.expires_at, u.name LIMIT \(bind: limit)
            """).all(decoding: LapsingRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        return AuthorityOverview(
            authority: authority, people: people,
            places: places.map { .init(name: $0.name, courseTitle: $0.title, runID: $0.runId, startsAt: $0.startsAt, waiting: $0.status == .waitlisted) },
            lapsing: lapsing.map { .init(name: $0.name, courseTitle: $0.courseTitle, number: $0.number, expiresAt: $0.expiresAt) })
    }
}
