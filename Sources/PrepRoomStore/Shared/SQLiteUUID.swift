import FluentSQLiteDriver
import Foundation
import PrepRoomCore

/// SQLite keeps ids as text (what `UUID`'s `Codable` writes: `uuidString`). Without this,
/// SQLiteKit read each id through a nested Codable decoder and Foundation's `sscanf`; as a
/// conversion it reads directly (`UUIDText`). What is written is unchanged: the same
/// upper-case text, so existing databases read as before.
extension UUID: @retroactive SQLiteDataConvertible {
    public init?(sqliteData: SQLiteData) {
        guard case .text(let text) = sqliteData, let id = UUIDText.parse(text) else { return nil }
        self = id
    }

    public var sqliteData: SQLiteData? { .text(UUIDText.string(self)) }
}
