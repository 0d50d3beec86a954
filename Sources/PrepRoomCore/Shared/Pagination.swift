/// Page arithmetic shared by HTML lists (`?page=`) and the API (`?limit=&offset=`).
public struct Pagination: Equatable, Sendable {
    public static let defaultPerPage = 20
    public static let maxPerPage = 100

    public let offset: Int
    public let limit: Int

    public init(offset: Int?, limit: Int?) {
        self.limit = min(max(limit ?? Self.defaultPerPage, 1), Self.maxPerPage)
        self.offset = max(offset ?? 0, 0)
    }

    /// `page` is 1-based, as shown to people.
    public init(page: Int?, perPage: Int = Pagination.defaultPerPage) {
        let page = max(page ?? 1, 1)
        self.init(offset: (page - 1) * perPage, limit: perPage)
    }

    public var page: Int { offset / limit + 1 }

    public func pageCount(total: Int) -> Int { max(1, (total + limit - 1) / limit) }
    public func hasNext(total: Int) -> Bool { offset + limit < total }
    public var hasPrevious: Bool { offset > 0 }
}
