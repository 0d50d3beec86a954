import Fluent
import Foundation
import PrepRoomCore

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
    static func filtered(_ filter: CatalogueFilter, on db: any Database) -> QueryBuilder<Course> {
        let query = Course.query(on: db)
        if let text = filter.text?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), !text.isEmpty {
            // Every word must appear somewhere in the title, summary or code.
            for word in text.split(separator: " ").prefix(8) {
                query.filter(\.$searchText, .contains(inverse: false, .anywhere), String(word))
            }
        }
        if let subject = filter.subject { query.filter(\.$subject == subject) }
        if let format = filter.format { query.filter(\.$format == format) }
        if let level = filter.scqfLevel { query.filter(\.$scqfLevel == level) }
        if filter.certificatedOnly { query.filter(\.$certificated == true) }
        if let audience = filter.audience {
            // Audiences are a comma-separated list of known words, none a prefix of another.
            query.filter(\.$audienceList, .contains(inverse: false, .anywhere), audience.rawValue)
        }
        return query
    }

    public static func page(_ filter: CatalogueFilter, _ page: Pagination, on db: any Database) async throws -> (items: [Course], total: Int) {
        let total = try await filtered(filter, on: db).count()
        let items = try await filtered(filter, on: db)
            .sort(\.$title)
            .range(page.offset..<(page.offset + page.limit))
            .all()
        return (items, total)
    }

    public static func course(code: String, on db: any Database) async throws -> Course? {
        try await Course.query(on: db).filter(\.$code == code).first()
    }

    public static func allCodes(on db: any Database) async throws -> Set<String> {
        Set(try await Course.query(on: db).field(\.$code).all().map(\.code))
    }

    /// SCQF levels in use, for the filter's choices.
    public static func levelsInUse(on db: any Database) async throws -> [Int] {
        Set(try await Course.query(on: db).field(\.$scqfLevel).all().compactMap(\.scqfLevel)).sorted()
    }

    /// Courses that refresh the given course.
    public static func refreshers(of code: String, on db: any Database) async throws -> [Course] {
        try await Course.query(on: db).filter(\.$refresherOf == code).sort(\.$title).all()
    }
}
