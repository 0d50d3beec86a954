import Fluent
import Foundation
import PrepRoomCore

/// Settings staff change at run time (one text value a key), read by every instance.
public final class Setting: Model, @unchecked Sendable {
    public static let schema = "settings"

    @ID(custom: "key", generatedBy: .user) public var id: String?
    @Field(key: "value") public var value: String
    @Field(key: "updated_at") public var updatedAt: Date
    @OptionalField(key: "updated_by") public var updatedBy: UUID?

    public init() {}
}

extension Setting {
    /// The stored value of a setting, if staff have set it.
    public static func value(_ key: String, on db: any Database) async throws -> String? {
        try await find(key, on: db)?.value
    }

    /// Sets a setting, creating it the first time.
    public static func store(_ key: String, _ value: String, by user: UUID?, on db: any Database) async throws {
        let setting = try await find(key, on: db) ?? Setting()
        setting.id = key
        setting.value = value
        setting.updatedAt = Date()
        setting.updatedBy = user
        try await setting.save(on: db)
    }
}
