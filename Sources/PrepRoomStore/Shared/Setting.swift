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
        // A fixed statement: pages that depend on a setting read it on every visit.
        try await (db as! any SQLDatabase).raw("SELECT value FROM settings WHERE key = \(bind: key)").first()?
            .decode(column: "value", as: String.self)
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

public enum SettingStore {
    /// The value stored under `key`, storing `initial` first when there is none. Instances
    /// that race to create it all read the one that won, so every instance agrees (a
    /// secret that signs links made by one instance and checked by another).
    public static func value(_ key: String, storingIfMissing initial: String, now: Date = Date(), on db: any Database) async throws -> String {
        struct Row: Decodable { var value: String }
        @Sendable func stored(_ db: any Database) async throws -> String? {
            try await (db as! any SQLDatabase).raw("SELECT value FROM settings WHERE key = \(bind: key)").first(decoding: Row.self)?.value
        }
        // Read first: after the first time this is a plain read, which on SQLite must not
        // queue behind bookings for the file's one writer.
        if let value = try await stored(db) { return value }
        return try await db.writeTransaction { db in
            try await (db as! any SQLDatabase).raw("""
                INSERT INTO settings (key, value, updated_at) VALUES (\(bind: key), \(bind: initial), \(bind: now))
                ON CONFLICT (key) DO NOTHING
                """).run()
            guard let value = try await stored(db) else { throw FluentError.noResults }
            return value
        }
    }
}
