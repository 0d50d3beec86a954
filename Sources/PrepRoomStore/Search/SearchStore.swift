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

    /// How many of the newest matches are ranked. A search with more matches than this
    /// (among what the reader may see, after their filters) is ranked among its newest
    /// five hundred: in a discussion the newest are the likeliest wanted, and ranking every
    /// post that has a common word is what made such a search slow. Fewer matches are
    /// ranked whole. Pages reach only this far.
    public static let rankedWindow = 500

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
            // The same three steps (see below): the newest `rankedWindow` matches (by the
            // GIN index for a rare word, walking the newest entries back for a common one,
            // as the planner judges), ranked and cut to the page, then the passages.
            query = """
                WITH candidates AS MATERIALIZED (
                    SELECT e.id, e.document FROM search_entries e WHERE e.document @@ websearch_to_tsquery('english', \(bind: terms.query))
                """ + conditions + """
                     ORDER BY e.id DESC LIMIT \(bind: Self.rankedWindow)),
                ranked AS MATERIALIZED (
                    SELECT c.id, ts_rank_cd(c.document, websearch_to_tsquery('english', \(bind: terms.query))) AS rank FROM candidates c
                    ORDER BY rank DESC, c.id LIMIT \(bind: page.limit + 1) OFFSET \(bind: page.offset))
                SELECT e.kind, e.ref_id, e.ref_key, e.topic_id, e.position, e.subject,
                       ts_headline('english', e.title, q, \(bind: "StartSel=\(start), StopSel=\(end), HighlightAll=true")) AS title,
                       ts_headline('english', e.body, q, \(bind: "StartSel=\(start), StopSel=\(end), MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"")) AS snippet
                FROM ranked r JOIN search_entries e ON e.id = r.id, websearch_to_tsquery('english', \(bind: terms.query)) q
                ORDER BY r.rank DESC, r.id
                """
        } else {
            // Three steps, so that a common word costs milliseconds, not the ranking and
            // passages of every entry that has it (a word in 40,000 of 600,000 posts took
            // 55 ms ranked whole):
            // 1. the newest `rankedWindow` entries the reader may see (the index walks its
            //    list newest first and stops there; seeing needs the entry's row);
            // 2. those ranked (title four times the text), cut to the page;
            // 3. the title highlighted and the passage made for that page only.
            // Steps 2 and 3 read the word's list only from the oldest entry they need
            // (`rowid >=`, which FTS5 seeks to), not all of it; the CROSS JOINs keep SQLite
            // from looking up every entry of the word in the tables before the small ones
            // (it would, by its own estimate).
            query = """
                WITH candidates AS MATERIALIZED (
                    SELECT f.rowid AS id FROM search_fts f JOIN search_entries e ON e.id = f.rowid
                    WHERE f.search_fts MATCH \(bind: terms.query)
                """ + conditions + """
                     ORDER BY f.rowid DESC LIMIT \(bind: Self.rankedWindow)),
                ranked AS MATERIALIZED (
                    SELECT c.id, bm25(search_fts, 4.0, 1.0) AS score FROM search_fts CROSS JOIN candidates c ON c.id = search_fts.rowid
                    WHERE search_fts MATCH \(bind: terms.query) AND search_fts.rowid >= (SELECT min(id) FROM candidates)
                    ORDER BY score, c.id LIMIT \(bind: page.limit + 1) OFFSET \(bind: page.offset))
                SELECT e.kind, e.ref_id, e.ref_key, e.topic_id, e.position, e.subject,
                       highlight(search_fts, 0, \(bind: start), \(bind: end)) AS title,
                       snippet(search_fts, 1, \(bind: start), \(bind: end), '…', 24) AS snippet
                FROM search_fts CROSS JOIN ranked r ON r.id = search_fts.rowid CROSS JOIN search_entries e ON e.id = r.id
                WHERE search_fts MATCH \(bind: terms.query) AND search_fts.rowid >= (SELECT min(id) FROM ranked) ORDER BY r.score, r.id
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
