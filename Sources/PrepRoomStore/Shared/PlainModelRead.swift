import Fluent
import FluentSQL
import Foundation
import SQLKit

/// Fluent models read by a hand-written statement (`SELECT t.* …`) instead of a Fluent
/// query. Fluent writes each query out anew, naming every column twice with an alias and
/// escaping each name (a fifth of a signed-in page's CPU in `Benchmarks/profile`); a
/// fixed statement skips that, and the rows still fill the same models, through each
/// model's listed `properties`.
extension SQLDatabase {
    func models<M: Model>(_ type: M.Type, _ query: SQLQueryString) async throws -> [M] {
        try await raw(query).all().map { try $0.decode(fluentModel: M.self) }
    }

    func model<M: Model>(_ type: M.Type, _ query: SQLQueryString) async throws -> M? {
        try await raw(query).first().map { try $0.decode(fluentModel: M.self) }
    }

    /// The rows of these ids by id, in one statement (what Fluent's eager load of a parent
    /// reads); none asked, none read.
    func models<M: Model>(_ type: M.Type, ids: some Sequence<UUID>) async throws -> [UUID: M] where M.IDValue == UUID {
        let ids = Array(Set(ids))
        guard !ids.isEmpty else { return [:] }
        let rows = try await models(M.self, "SELECT * FROM \(ident: M.schema) WHERE id IN (\(binds: ids))")
        return Dictionary(rows.compactMap { model in model.id.map { ($0, model) } }, uniquingKeysWith: { first, _ in first })
    }
}

/// A model and its parent from one row, one statement fewer than reading the parent after:
/// `SELECT r.*, \(parent: Course.self, as: "c") FROM runs r JOIN courses c ON …`, then
/// `row.decode(fluentModel: Course.self, prefix: "c")`.
extension SQLQueryString.StringInterpolation {
    /// The parent's columns, each named `<alias>_<column>` so they cannot clash with the child's.
    mutating func appendInterpolation<M: Model>(parent type: M.Type, as alias: String) {
        // Quoted as both engines quote identifiers, so a column named like a keyword still reads.
        appendInterpolation(unsafeRaw: M.keys.map { "\"\(alias)\".\"\($0.description)\" AS \"\(alias)_\($0.description)\"" }.joined(separator: ", "))
    }
}

extension SQLRow {
    func decode<M: Model>(fluentModel type: M.Type, prefix: String) throws -> M {
        let model = M()
        try model.output(from: PrefixedOutput(row: self, prefix: prefix + "_"))
        return model
    }
}

/// A row's columns `<prefix><field>` as one model's fields.
private struct PrefixedOutput: DatabaseOutput {
    let row: any SQLRow
    let prefix: String

    var description: String { String(describing: row) }
    func schema(_ schema: String) -> any DatabaseOutput { self }
    func contains(_ key: FieldKey) -> Bool { row.contains(column: prefix + key.description) }
    func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: prefix + key.description) }
    func decode<T: Decodable>(_ key: FieldKey, as type: T.Type) throws -> T { try row.decode(column: prefix + key.description, as: T.self) }
}
