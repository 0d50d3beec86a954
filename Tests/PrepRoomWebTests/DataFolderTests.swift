import Foundation
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// The SQLite file holds a workforce's records: only the service's own user reads it.
@Suite("The data folder")
struct DataFolderTests {
    @Test func theFolderIs0700AndTheDatabase0600() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("preproom-perm-\(UUID().uuidString)/data")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let path = folder.appendingPathComponent("preproom.sqlite").path
        try DataFolder.prepare(databasePath: path)
        func mode(_ path: String) throws -> Int {
            try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        }
        #expect(try mode(folder.path) == 0o700)
        #expect(try mode(path) == 0o600)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        try DataFolder.prepare(databasePath: path)
        #expect(try mode(path) == 0o600, "an existing database is narrowed too")
    }
}
