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
