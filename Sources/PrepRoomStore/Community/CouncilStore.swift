import Fluent
import FluentSQL
import Foundation
import PrepRoomCore
import SQLKit

/// One seat: its organisation, and its holder (nil for a vacancy).
public struct SeatLine: Sendable, Equatable {
    public var organisationID: UUID
    public var organisation: String
    public var kind: OrganisationKind
    public var holderID: UUID?
    public var holder: String?
    public var since: Date?
}

/// The council as plain reads.
public enum CouncilStore {
    /// Every organisation's seat, local authorities first, by name, with its holder.
    public static func seats(on db: any Database) async throws -> [SeatLine] {
        try await (db as! any SQLDatabase).raw("""
            SELECT o.id, o.name, o.kind, s.user_id, s.since, u.name AS holder
            FROM organisations o LEFT JOIN council_seats s ON s.organisation_id = o.id LEFT JOIN users u ON u.id = s.user_id
            ORDER BY CASE WHEN o.kind = \(bind: OrganisationKind.localAuthority.rawValue) THEN 0 ELSE 1 END, o.name
            """).all().map { row in
                SeatLine(organisationID: try row.decode(column: "id", as: UUID.self), organisation: try row.decode(column: "name", as: String.self),
                         kind: OrganisationKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .memberBody,
                         holderID: try row.optional("user_id", as: UUID.self), holder: try row.optional("holder", as: String.self),
                         since: try row.optional("since", as: Date.self))
            }
    }

    public static func seat(of organisationID: UUID, on db: any Database) async throws -> CouncilSeat? {
        try await (db as! any SQLDatabase).model(CouncilSeat.self, "SELECT * FROM council_seats WHERE organisation_id = \(bind: organisationID)")
    }

    /// The meetings newest first; drafts only when asked.
    public static func meetings(includingDrafts: Bool, on db: any Database) async throws -> [CouncilMeeting] {
        try await (db as! any SQLDatabase).models(CouncilMeeting.self, includingDrafts
            ? "SELECT * FROM council_meetings ORDER BY held_on DESC, id"
            : "SELECT * FROM council_meetings WHERE published_at IS NOT NULL ORDER BY held_on DESC, id")
    }

    public static func meeting(_ id: UUID, on db: any Database) async throws -> CouncilMeeting? {
        try await (db as! any SQLDatabase).model(CouncilMeeting.self, "SELECT * FROM council_meetings WHERE id = \(bind: id)")
    }
}
