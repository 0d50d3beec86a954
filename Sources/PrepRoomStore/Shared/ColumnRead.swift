import SQLKit

extension SQLRow {
    /// A column that may be NULL. Asking SQLKit for `T?` goes through a nested Codable
    /// decoder on SQLite (an object and several dynamic casts per column); asking whether
    /// the column is NULL first and then for `T` converts the value directly. A school's
    /// register of 200 lines reads 1,200 such columns.
    func optional<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T? {
        // SQLite's row says NULL for a column it does not have; a misspelt name must fail
        // as it did through `T?`, not read as NULL.
        guard contains(column: column) else { throw MissingColumn(column: column) }
        return try decodeNil(column: column) ? nil : decode(column: column, as: T.self)
    }
}

struct MissingColumn: Error, CustomStringConvertible {
    let column: String
    var description: String { "The statement has no column \(column)" }
}
