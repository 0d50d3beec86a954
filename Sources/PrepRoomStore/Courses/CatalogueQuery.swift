import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// The catalogue's filters, shared by the course list page and `GET /api/v1/courses`.
public struct CatalogueFilter: Sendable, Equatable {
    public var text: String?
    public var subject: Subject?
    public var audience: Audience?
    public var format: CourseFormat?
    public var scqfLevel: Int?
    public var certificatedOnly: Bool

    public init(text: String? = nil, subject: Subject? = nil, audience: Audience? = nil, format: CourseFormat? = nil,
                scqfLevel: Int? = nil, certificatedOnly: Bool = false) {
        self.text = text; self.subject = subject; self.audience = audience; self.format = format
        self.scqfLevel = scqfLevel; self.certificatedOnly = certificatedOnly
    }

    public var isEmpty: Bool {
        (text ?? "").isEmpty && subject == nil && audience == nil && format == nil && scqfLevel == nil && !certificatedOnly
    }
}

public enum CatalogueQuery {
    /// One page of the catalogue as plain values. Read through SQLKit rather than Fluent
    /// models: the list is the busiest page, and Fluent's reflective model loading cost
    /// ~150 µs a row there (see Benchmarks/README.md).
    public static func page(_ filter: CatalogueFilter, _ page: Pagination, on db: any Database) async throws -> (items: [CourseFacts], total: Int) {
        let sql = db as! any SQLDatabase
        let count = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "total").from(Course.schema)
            .where { applying(filter, to: $0) }.first()
        let total = try count?.decode(column: "total", as: Int.self) ?? 0
        let rows = try await sql.select()
            .columns("code", "title", "summary", "covers", "subject", "audiences", "format", "duration_days", "assessed",
                     "certificated", "scqf_level", "scqf_credits", "validity_months", "refresher_of", "competence", "centre_deliverable")
            .from(Course.schema)
            .where { applying(filter, to: $0) }
            .orderBy("title").limit(page.limit).offset(page.offset)
            .all(decoding: CourseRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        return (rows.map(\.facts), total)
    }

    /// The catalogue filters as SQL conditions. Every word of the text must appear in the
    /// lower-cased title, summary or code; audiences are a comma-separated list of known
    /// words, none a prefix of another.
    private static func applying<W: SQLPredicateBuilder>(_ filter: CatalogueFilter, to builder: W) -> W {
        if let text = filter.text?.trimmed.lowercased(), !text.isEmpty {
            for word in text.split(separator: " ").prefix(8) {
                builder.where("search_text", .like, "%\(word)%")
            }
        }
        if let subject = filter.subject { builder.where("subject", .equal, subject.rawValue) }
        if let format = filter.format { builder.where("format", .equal, format.rawValue) }
        if let level = filter.scqfLevel { builder.where("scqf_level", .equal, level) }
        if filter.certificatedOnly { builder.where("certificated", .equal, true) }
        if let audience = filter.audience { builder.where("audiences", .like, "%\(audience.rawValue)%") }
        return builder
    }

    /// Changes whenever a course is added or edited, on every instance alike: caches of
    /// catalogue pages are keyed by it.
    public static func version(on db: any Database) async throws -> String {
        let row = try await (db as! any SQLDatabase).select()
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .column(SQLFunction("MAX", args: SQLColumn("updated_at")), as: "u")
            .from(Course.schema).first()
        let count = try row?.decode(column: "n", as: Int.self) ?? 0
        let updated = try row?.optional("u", as: Date.self)
        return "\(count)-\(updated?.timeIntervalSince1970 ?? 0)"
    }

    /// Changes whenever a course or a run changes in a way its public pages show (a run
    /// added or removed, or its details, places or status: each such write adds one to the
    /// run's `revision`), on every instance alike, in one query that reads the courses and
    /// sixteen counters, never the runs (`CreateScheduleRevisions`). The home, course, run
    /// and calendar pages are cached by it.
    public static func scheduleVersion(on db: any Database) async throws -> String {
        struct Row: Decodable { var courses: Int; var updated: Date?; var revisions: Int? }
        let row = try await (db as! any SQLDatabase).raw("""
            SELECT (SELECT COUNT(*) FROM courses) AS courses, (SELECT MAX(updated_at) FROM courses) AS updated,
                   (SELECT CAST(SUM(revision) AS BIGINT) FROM schedule_revisions) AS revisions
            """).first(decoding: Row.self)
        return "\(row?.courses ?? 0)-\(row?.updated?.timeIntervalSince1970 ?? 0)-\(row?.revisions ?? 0)"
    }

    /// How many courses lead to a certificate (the home page says so).
    public static func certificatedCount(on db: any Database) async throws -> Int {
        try await Course.query(on: db).filter(\.$certificated == true).count()
    }

    /// Every course by title (the choice of what a refresher renews).
    public static func allByTitle(on db: any Database) async throws -> [Course] {
        try await Course.query(on: db).sort(\.$title).all()
    }

    public static func course(code: String, on db: any Database) async throws -> Course? {
        try await Course.query(on: db).filter(\.$code == code).first()
    }

    public static func allCodes(on db: any Database) async throws -> Set<String> {
        Set(try await Course.query(on: db).field(\.$code).all().map(\.code))
    }

    /// SCQF levels in use, for the filter's choices.
    public static func levelsInUse(on db: any Database) async throws -> [Int] {
        let rows = try await (db as! any SQLDatabase).select().distinct().column("scqf_level").from(Course.schema)
            .where("scqf_level", .isNot, SQLLiteral.null).all()
        return try rows.map { try $0.decode(column: "scqf_level", as: Int.self) }.sorted()
    }

    /// Courses that refresh the given course.
    public static func refreshers(of code: String, on db: any Database) async throws -> [Course] {
        try await Course.query(on: db).filter(\.$refresherOf == code).sort(\.$title).all()
    }

    /// For each of `codes`, its first refresher by title, in one statement.
    public static func firstRefreshers(of codes: Set<String>, on db: any Database) async throws -> [String: Course] {
        guard !codes.isEmpty else { return [:] }
        var first: [String: Course] = [:]
        // A fixed statement (`PlainModelRead`): My page and My certificates ask this on every visit.
        for course in try await (db as! any SQLDatabase).models(Course.self, """
            SELECT * FROM courses WHERE refresher_of IN (\(binds: Array(codes))) ORDER BY title
            """) {
            if let parent = course.refresherOf, first[parent] == nil { first[parent] = course }
        }
        return first
    }
}

/// A `courses` row as SQLKit reads it.
struct CourseRow: Decodable {
    var code: String
    var title: String
    var summary: String
    var covers: String
    var subject: Subject
    var audiences: String
    var format: CourseFormat
    var durationDays: Double
    var assessed: Bool
    var certificated: Bool
    var scqfLevel: Int?
    var scqfCredits: Int?
    var validityMonths: Int?
    var refresherOf: String?
    var competence: String?
    var centreDeliverable: Bool

    var facts: CourseFacts {
        CourseFacts(code: code, title: title, summary: summary, covers: covers.split(separator: "\n").map(String.init),
                    subject: subject, audiences: audiences.split(separator: ",").compactMap { Audience(rawValue: String($0)) },
                    format: format, durationDays: durationDays, assessed: assessed, certificated: certificated,
                    scqfLevel: scqfLevel, scqfCredits: scqfCredits, validityMonths: validityMonths, refresherOf: refresherOf,
                    competence: competence, centreDeliverable: centreDeliverable)
    }
}
