import PrepRoomCore
import Vapor

/// Values read from the query string with bounds. Vapor's `req.query["page"] as Int?`
/// turns "abc" into nil and lets 461168601842738791 through to arithmetic that traps;
/// here a value that is not a whole number, or is out of range, is a 422 naming it.
extension Request {
    func queryInt(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = try queryText(name, maxLength: 20) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw ServiceError.invalid([FieldError(name, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")])
        }
        return value
    }

    /// A query value, trimmed; nil when absent or blank. Longer than `maxLength` is a 422.
    func queryText(_ name: String, maxLength: Int = TextLimit.searchText) throws -> String? {
        guard let raw: String = query[name] else { return nil }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        guard text.count <= maxLength else {
            throw ServiceError.invalid([FieldError(name, "\(name) must be at most \(maxLength) characters")])
        }
        return text
    }

    /// `?limit=&offset=` of an API list (API.md).
    func listPage() throws -> Pagination {
        Pagination(offset: try queryInt("offset", in: 0...Pagination.maxOffset),
                   limit: try queryInt("limit", in: 1...Pagination.maxPerPage))
    }

    /// `?page=` of an HTML list.
    func pageNumber(perPage: Int = Pagination.defaultPerPage) throws -> Pagination {
        Pagination(page: try queryInt("page", in: 1...Pagination.maxPage(perPage: perPage)), perPage: perPage)
    }
}
