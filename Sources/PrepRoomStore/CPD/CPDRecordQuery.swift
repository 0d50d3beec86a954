import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// A person's CPD record as its page lists it: their own entries and their unrevoked
/// certificates (which enter the record by themselves), newest first, in one statement
/// read column by column.
public enum CPDRecordQuery {
    public struct Line: Sendable {
        public var item: CPDItem
        /// Set for an entry the person added (they may remove it), nil for a certificate.
        public var entryID: UUID?

        public init(item: CPDItem, entryID: UUID? = nil) {
            self.item = item; self.entryID = entryID
        }
    }

    public static func lines(of userID: UUID, on db: any Database) async throws -> [Line] {
        try await (db as! any SQLDatabase).raw("""
            SELECT e.id AS entry_id, e.date AS date, e.kind AS kind, e.title AS title, e.hours AS hours, 0 AS scqf_credits,
                   e.reflection AS reflection, e.evidence_url AS evidence_url, NULL AS certificate_number
            FROM cpd_entries e WHERE e.user_id = \(bind: userID)
            UNION ALL
            SELECT NULL, c.issued_at, \(bind: CPDKind.courseOrWorkshop.rawValue), c.course_title, c.hours, COALESCE(c.scqf_credits, 0),
                   NULL, NULL, c.number
            FROM certificates c WHERE c.user_id = \(bind: userID) AND c.revoked_at IS NULL
            ORDER BY date DESC
            """).all().map { row in
                Line(item: CPDItem(date: try row.decode(column: "date", as: Date.self), kind: try row.decode(column: "kind", as: CPDKind.self),
                                          title: try row.decode(column: "title", as: String.self),
                                          hours: try row.decode(column: "hours", as: Double.self),
                                          scqfCredits: try row.decode(column: "scqf_credits", as: Int.self),
                                          reflection: try row.optional("reflection", as: String.self),
                                          evidenceURL: try row.optional("evidence_url", as: String.self),
                                          certificateNumber: try row.optional("certificate_number", as: String.self)),
                            entryID: try row.optional("entry_id", as: UUID.self))
            }
    }
}
