/// Page arithmetic shared by HTML lists (`?page=`) and the API (`?limit=&offset=`).
/// Whatever numbers it is given, it never overflows: they are clamped to `maxOffset`.
public struct Pagination: Equatable, Sendable {
    public static let defaultPerPage = 20
    public static let maxPerPage = 100
    /// Further than anyone pages; a larger offset or page is refused by the request's parser
    /// (422), and clamped here so arithmetic on it can never trap.
    public static let maxOffset = 1_000_000

    public let offset: Int
    public let limit: Int

    public init(offset: Int?, limit: Int?) {
        self.limit = min(max(limit ?? Self.defaultPerPage, 1), Self.maxPerPage)
        self.offset = min(max(offset ?? 0, 0), Self.maxOffset)
    }

    /// `page` is 1-based, as shown to people.
    public init(page: Int?, perPage: Int = Pagination.defaultPerPage) {
        let perPage = min(max(perPage, 1), Self.maxPerPage)
        let page = min(max(page ?? 1, 1), Self.maxPage(perPage: perPage))
        self.init(offset: (page - 1) * perPage, limit: perPage)
    }

    /// The last page number a request may ask for.
    public static func maxPage(perPage: Int) -> Int { maxOffset / max(perPage, 1) + 1 }

    public var page: Int { offset / limit + 1 }

    public func pageCount(total: Int) -> Int { max(1, (total + limit - 1) / limit) }
    public func hasNext(total: Int) -> Bool { offset + limit < total }
    public var hasPrevious: Bool { offset > 0 }
}
