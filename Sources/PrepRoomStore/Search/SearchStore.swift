import Fluent
import FluentSQL
import Foundation
import PrepRoomCore
import SQLKit

/// One thing found, with its title and a passage around the matches marked (`SearchMarks`).
public struct SearchHit: Sendable, Equatable {
    /// "topic", "reply" or "course".
    public var kind: String
    public var refID: UUID
    /// A course's code.
    public var refKey: String?
    public var topicID: UUID?
    public var position: Int?
    public var subject: String
    public var title: String
    public var snippet: String
}

/// The search over `search_entries` (`CreateSearch`): FTS5 with BM25 on SQLite, a
/// `tsvector` with `ts_rank_cd` on PostgreSQL; what the reader may not see is left out in
/// the same statement.
public enum SearchStore {
    public struct Filter: Sendable {
        public var kind: SearchKind?
        public var subject: String?
        public init(kind: SearchKind? = nil, subject: String? = nil) { self.kind = kind; self.subject = subject }
    }

    /// The best matches first, a page at a time (one more than asked, so the page knows
    /// whether another follows).
    public static func search(_ terms: SearchTerms, _ filter: Filter, for reader: SearchReader, _ page: Pagination,
                              on db: any Database) async throws -> [SearchHit] {
        let sql = db as! any SQLDatabase
        let start = String(SearchMarks.start), end = String(SearchMarks.end)
        var conditions: SQLQueryString = ""
        if !reader.signedIn { conditions.appendInterpolation(unsafeRaw: " AND e.members_only = "); conditions.appendInterpolation(bind: false) }
        if !reader.moderator { conditions.appendInterpolation(unsafeRaw: " AND e.hidden = "); conditions.appendInterpolation(bind: false) }
        if let kind = filter.kind {
            conditions.appendInterpolation(unsafeRaw: " AND e.kind IN (")
            conditions.appendInterpolation(binds: kind.entryKinds)
            conditions.appendInterpolation(unsafeRaw: ")")
        }
        if let subject = filter.subject { conditions.appendInterpolation(unsafeRaw: " AND e.subject = "); conditions.appendInterpolation(bind: subject) }
        let query: SQLQueryString
        if PortableSQL.isPostgreSQL(sql) {
            // Ranked and cut to the page first; the passages are made for that page only.
            query = """
                SELECT e.kind, e.ref_id, e.ref_key, e.topic_id, e.position, e.subject,
                       ts_headline('english', e.title, q, \(bind: "StartSel=\(start), StopSel=\(end), HighlightAll=true")) AS title,
                       ts_headline('english', e.body, q, \(bind: "StartSel=\(start), StopSel=\(end), MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"")) AS snippet
                FROM (SELECT e.*, ts_rank_cd(e.document, q) AS rank FROM search_entries e, websearch_to_tsquery('english', \(bind: terms.query)) q
                      WHERE e.document @@ q
                """ + conditions + """
                       ORDER BY rank DESC, e.id LIMIT \(bind: page.limit + 1) OFFSET \(bind: page.offset)) e,
                     websearch_to_tsquery('english', \(bind: terms.query)) q
                ORDER BY e.rank DESC, e.id
                """
        } else {
            query = """
                SELECT e.kind, e.ref_id, e.ref_key, e.topic_id, e.position, e.subject,
                       highlight(search_fts, 0, \(bind: start), \(bind: end)) AS title,
                       snippet(search_fts, 1, \(bind: start), \(bind: end), '…', 24) AS snippet
                FROM search_fts JOIN search_entries e ON e.id = search_fts.rowid
                WHERE search_fts MATCH \(bind: terms.query)
                """ + conditions + """
                 ORDER BY bm25(search_fts, 4.0, 1.0), e.id LIMIT \(bind: page.limit + 1) OFFSET \(bind: page.offset)
                """
        }
        return try await sql.raw(query).all().map { row in
            SearchHit(kind: try row.decode(column: "kind", as: String.self), refID: try row.decode(column: "ref_id", as: UUID.self),
                      refKey: try row.optional("ref_key", as: String.self), topicID: try row.optional("topic_id", as: UUID.self),
                      position: try row.optional("position", as: Int.self), subject: try row.decode(column: "subject", as: String.self),
                      title: try row.decode(column: "title", as: String.self), snippet: try row.decode(column: "snippet", as: String.self))
        }
    }

    /// The subjects there are to filter by, for the form.
    public static func subjects(on db: any Database) async throws -> [String] {
        try await (db as! any SQLDatabase).raw("SELECT DISTINCT subject FROM search_entries ORDER BY subject").all()
            .map { try $0.decode(column: "subject", as: String.self) }
    }
}
