import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

struct SearchHitDTO: Content {
    var kind: String; var title: String; var snippet: String
    /// The words of the title and passage that matched, as the search marked them.
    var matches: [String]
    var subject: String; var url: String
    init(_ hit: SearchHit) {
        kind = hit.kind; title = SearchMarks.plain(hit.title); snippet = SearchMarks.plain(hit.snippet)
        var seen = Set<String>()
        matches = (SearchMarks.runs(hit.title) + SearchMarks.runs(hit.snippet)).filter(\.match).map { $0.text.lowercased() }.filter { seen.insert($0).inserted }
        subject = hit.subject; url = SearchPage.link(hit)
    }
}

struct SearchResultsDTO: Content {
    var items: [SearchHitDTO]; var hasMore: Bool
}

/// The search as JSON: the same use case as the page.
struct SearchAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("search", use: search)
    }

    func search(req: Request) async throws -> SearchResultsDTO {
        guard let text = try req.queryText("q") else { throw ServiceError.invalid([FieldError("q", "Give something to search for")]) }
        let results = try await SearchDesk(db: req.db).search(text, kind: try req.queryValue("kind"), subject: try req.queryValue("subject"),
                                                              page: try req.listPage(), for: req.currentUser)
        return SearchResultsDTO(items: results.hits.map(SearchHitDTO.init), hasMore: results.hasMore)
    }
}
