import Fluent
import Foundation
import SQLKit

/// Reading the strategy tracker's objectives.
public enum StrategyStore {
    /// The objectives by workstream and position; `publicOnly` leaves out those staff keep
    /// to themselves. A fixed statement (`PlainModelRead`): the public strategy page and
    /// every manager's home read it.
    public static func objectives(publicOnly: Bool, on db: any Database) async throws -> [Objective] {
        let filter: SQLQueryString = publicOnly ? "WHERE is_public = \(bind: true)" : ""
        return try await (db as! any SQLDatabase).models(Objective.self, "SELECT * FROM objectives \(filter) ORDER BY workstream, position")
    }
}
