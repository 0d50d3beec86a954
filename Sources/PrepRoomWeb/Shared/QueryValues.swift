import PrepRoomCore
import PrepRoomServices
import Vapor

/// Values read from the query string with bounds. Vapor's `req.query["page"] as Int?`
/// turns "abc" into nil and lets 461168601842738791 through to arithmetic that traps;
/// here a value that is not a whole number, or is out of range, is a 422 naming it.
extension Request {
    /// The run named by the route's `:runID`; 404 when it is not an id.
    func runID() throws -> UUID { try uuid("runID", "run") }

    /// The id in the route's parameter `name`; a 404 for `what` when it is not an id.
    func uuid(_ name: String, _ what: String) throws -> UUID {
        guard let id = parameters.get(name, as: UUID.self) else { throw ServiceError.notFound(what) }
        return id
    }

    /// An empty value (`?limit=`) is absent on a page, whose forms send empty fields, and
    /// a 422 in the API, whose document says the value is a number.
    func queryInt(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        let given: String? = query[name]
        if url.path.hasPrefix(SiteURL.apiDocumentation.path), let given, given.isBlank {
            throw ServiceError.invalid([FieldError(name, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")])
        }
        guard let text = try queryText(name, maxLength: 20) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw ServiceError.invalid([FieldError(name, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")])
        }
        return value
    }

    /// A query value, trimmed; nil when absent or blank. Longer than `maxLength` is a 422.
    func queryText(_ name: String, maxLength: Int = TextLimit.searchText) throws -> String? {
        guard let raw: String = query[name] else { return nil }
        let text = raw.trimmed
        guard !text.isEmpty else { return nil }
        guard text.count <= maxLength else {
            throw ServiceError.invalid([FieldError(name, "\(name) must be at most \(maxLength) characters")])
        }
        return text
    }

    /// A query value as given; nil when absent. Present but empty is absent on a page (a
    /// form's blank field) and a 422 in the API, whose document gives each value a type.
    func queryValue(_ name: String, maxLength: Int = TextLimit.token) throws -> String? {
        guard let given: String = query[name] else { return nil }
        if given.isBlank {
            if url.path.hasPrefix(SiteURL.apiDocumentation.path) { throw ServiceError.invalid([FieldError(name, "\(name) is empty: leave it out, or give a value")]) }
            return nil
        }
        return try queryText(name, maxLength: maxLength)
    }

    /// One of a set of values (`?subject=chemistry`); another is a 422 naming it.
    func queryChoice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws -> T? where T.RawValue == String {
        guard let text = try queryValue(name) else { return nil }
        guard let value = T(rawValue: text) else {
            throw ServiceError.invalid([FieldError(name, "\(name) must be one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")])
        }
        return value
    }

    /// A day, `?from=2024-08-01` (London); 2024-02-30 is a 422.
    func queryDay(_ name: String) throws -> Date? {
        guard let text = try queryValue(name) else { return nil }
        guard let date = ServiceTime.parseDay(text) else {
            throw ServiceError.invalid([FieldError(name, "\(name) must be a real date like 2024-08-01, from \(ServiceTime.years.lowerBound) to \(ServiceTime.years.upperBound)")])
        }
        return date
    }

    /// A time, `?from=2027-03-10T09:30:00Z`.
    func queryTime(_ name: String) throws -> Date? {
        guard let text = try queryValue(name) else { return nil }
        guard let date = ServiceTime.parseISO8601(text) else {
            throw ServiceError.invalid([FieldError(name, "\(name) must be an ISO 8601 time such as 2027-03-10T09:30:00Z")])
        }
        return date
    }

    /// A course code, `?course=chemical-handling`: one that cannot be a code is a 422.
    func queryCode(_ name: String) throws -> String? {
        guard let text = try queryValue(name, maxLength: TextLimit.code) else { return nil }
        guard Slug.isValid(text) else {
            throw ServiceError.invalid([FieldError(name, "\(name) must be a course code: lower-case letters, digits and hyphens")])
        }
        return text
    }

    /// An id, `?run=…`.
    func queryID(_ name: String) throws -> UUID? {
        guard let text = try queryValue(name) else { return nil }
        guard let id = UUID(uuidString: text) else { throw ServiceError.invalid([FieldError(name, "\(name) is not a valid id")]) }
        return id
    }

    /// `true` or `false`; absent is false.
    func queryFlag(_ name: String) throws -> Bool {
        guard let text = try queryValue(name) else { return false }
        switch text {
        case "true": return true
        case "false": return false
        default: throw ServiceError.invalid([FieldError(name, "\(name) must be true or false")])
        }
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
