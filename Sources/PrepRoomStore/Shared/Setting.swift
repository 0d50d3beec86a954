import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// Settings staff change at run time (one text value a key), read by every instance.
public final class Setting: Model, @unchecked Sendable {
    public static let schema = "settings"

    @ID(custom: "key", generatedBy: .user) public var id: String?
    @Field(key: "value") public var value: String
    @Field(key: "updated_at") public var updatedAt: Date
    @OptionalField(key: "updated_by") public var updatedBy: UUID?

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $value, $updatedAt, $updatedBy] }

    public init() {}
}

extension Setting {
    /// The stored value of a setting, if staff have set it.
    public static func value(_ key: String, on db: any Database) async throws -> String? {
        try await find(key, on: db)?.value
    }

    /// Sets a setting, creating it the first time: one upsert, so two staff saving the
    /// same setting for the first time at once both succeed (a read then an insert gave
    /// one of them a duplicate key on PostgreSQL).
    public static func store(_ key: String, _ value: String, by user: UUID?, on db: any Database) async throws {
        try await (db as! any SQLDatabase).insert(into: schema)
            .columns("key", "value", "updated_at", "updated_by")
            .values(SQLBind(key), SQLBind(value), SQLBind(Date()), SQLBind(user))
            .onConflict(with: ["key"]) { conflict in
                try conflict.set(excludedValueOf: "value").set(excludedValueOf: "updated_at").set(excludedValueOf: "updated_by")
            }
            .run()
    }
}
