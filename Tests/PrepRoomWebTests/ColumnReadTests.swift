import FluentKit
import Foundation
@testable import PrepRoomStore
import SQLKit
import Testing

/// The direct column reads that replaced SQLKit's Codable path for ids and NULL-able
/// columns read what it read, on both engines, and ids are still stored as before.
@Suite("Reading columns directly")
struct ColumnReadTests {
    @Test func nullableColumnsReadAsBeforeAndAMisspeltOneStillFails() async throws {
        try await withPrepRoom { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let id = UUID()
            let row = try #require(try await sql.raw("""
                SELECT CAST(NULL AS TEXT) AS empty, 'x' AS letter, \(bind: id) AS id, CAST(NULL AS \(unsafeRaw: TestDatabase.engine == "sqlite" ? "TEXT" : "UUID")) AS no_id
                """).first())
            #expect(try row.optional("empty", as: String.self) == nil)
            #expect(try row.optional("letter", as: String.self) == "x")
            #expect(try row.optional("id", as: UUID.self) == id)
            #expect(try row.decode(column: "id", as: UUID.self) == id)
            #expect(try row.optional("no_id", as: UUID.self) == nil)
            #expect(throws: (any Error).self) { try row.optional("lettre", as: String.self) }
        }
    }

    /// SQLite keeps an id as the text `UUID`'s Codable wrote (upper case), and reads
    /// lower case too (rows written by hand); a value that is not an id is an error.
    @Test func idsAreStoredAsTheSameTextAndReadBack() async throws {
        try await withPrepRoom(seed: true) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let course = try #require(try await Course.query(on: app.db).first())
            let id = try course.requireID()
            #expect(try await Course.find(id, on: app.db)?.code == course.code)
            guard TestDatabase.engine == "sqlite" else { return }
            let stored = try #require(try await sql.raw("SELECT id FROM courses WHERE code = \(bind: course.code)").first())
            #expect(try stored.decode(column: "id", as: String.self) == id.uuidString)
            let lower = try #require(try await sql.raw("SELECT \(bind: id.uuidString.lowercased()) AS id, 'not-an-id' AS bad").first())
            #expect(try lower.decode(column: "id", as: UUID.self) == id)
            #expect(throws: (any Error).self) { try lower.decode(column: "bad", as: UUID.self) }
        }
    }
}
