import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// One search across Techné's discussion and the catalogue, showing each person only what
/// they may read.
package struct SearchDesk {
    package let db: any Database

    package init(db: any Database) { self.db = db }

    package struct Results: Sendable {
        /// Nil when nothing searchable was typed.
        package var terms: SearchTerms?
        package var kind: SearchKind?
        package var subject: String?
        package var hits: [SearchHit]
        package var page: Pagination
        package var hasMore: Bool
        package var subjects: [String]
    }

    /// `kind` and `subject` as a form or the API sends them: an unknown kind, or a subject
    /// that is not a slug, is a mistake (422), not an empty answer.
    /// `withSubjects` reads the subjects for a form's filter (a scan of the index): the
    /// page wants them, the API does not.
    package func search(_ text: String?, kind: String?, subject: String?, page: Pagination, for user: User?,
                        withSubjects: Bool = false) async throws -> Results {
        let kind = try Self.kind(kind)
        let subject = subject.flatMap { $0.isEmpty ? nil : $0 }
        if let subject, !Slug.isValid(subject) { throw ServiceError.invalid([FieldError("subject", "Choose a subject from the list")]) }
        let terms = SearchTerms(text)
        var hits: [SearchHit] = []
        if let terms {
            let reader = SearchReader(signedIn: user != nil, moderator: user.map { CommunityRules.mayModerate($0.permissions) } ?? false)
            hits = try await SearchStore.search(terms, SearchStore.Filter(kind: kind, subject: subject), for: reader, page, on: db)
        }
        let hasMore = hits.count > page.limit
        if hasMore { hits.removeLast() }
        return Results(terms: terms, kind: kind, subject: subject, hits: hits, page: page, hasMore: hasMore,
                       subjects: withSubjects ? try await SearchStore.subjects(on: db) : [])
    }

    private static func kind(_ value: String?) throws -> SearchKind? {
        guard let value, !value.isEmpty else { return nil }
        guard let kind = SearchKind(rawValue: value) else {
            throw ServiceError.invalid([FieldError("kind", "Choose \(SearchKind.allCases.map(\.rawValue).joined(separator: " or "))")])
        }
        return kind
    }
}
