import Foundation
import PrepRoomServices
@testable import PrepRoomWeb
import Testing

/// Settings read once at start-up: found, named, switched off, or refused with the
/// variable's name.
@Suite("Configuration")
struct ConfigurationTests {
    @Test func theCertificateProgramsAreFoundOnThePathNamedOrSwitchedOff() throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let found = try AppConfiguration.fromEnvironment(["PATH": path]).documentTools
        #expect(found == DocumentTools.find(searchPath: path))
        let qrencode = try #require(found.qrencode, "qrencode is installed by scripts/document-tools")
        #expect(try AppConfiguration.fromEnvironment(["PATH": "/nowhere"]).documentTools == .none)
        let off = try AppConfiguration.fromEnvironment(["PATH": path, "PREPROOM_WEASYPRINT": "off"]).documentTools
        #expect(off.weasyprint == nil && off.qrencode == qrencode)
        let named = try AppConfiguration.fromEnvironment(["PATH": "/nowhere", "PREPROOM_QRENCODE": qrencode]).documentTools
        #expect(named == DocumentTools(qrencode: qrencode, weasyprint: nil))
        let notAProgram = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-program-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: notAProgram, contents: Data("text".utf8), attributes: [.posixPermissions: 0o644]))
        defer { try? FileManager.default.removeItem(atPath: notAProgram) }
        for wrong in ["qrencode", notAProgram, "/no/such/program", "/usr/bin"] {
            #expect(throws: AppConfiguration.Problem.self, "\(wrong)") { try AppConfiguration.fromEnvironment(["PREPROOM_QRENCODE": wrong]) }
        }
        do {
            _ = try AppConfiguration.fromEnvironment(["PREPROOM_WEASYPRINT": "weasyprint"])
            Issue.record("a relative path was accepted")
        } catch let problem as AppConfiguration.Problem {
            #expect(problem.description.hasPrefix("PREPROOM_WEASYPRINT=\"weasyprint\" cannot be used"))
        }
    }

    @Test func databaseConnectionsAreABoundedWholeNumberForBothEngines() throws {
        let defaults = try AppConfiguration.fromEnvironment([:])
        #expect(defaults.sqliteConnectionsPerEventLoop == 1 && defaults.connectionsPerEventLoop == 4)
        let three = try AppConfiguration.fromEnvironment(["PREPROOM_DB_CONNECTIONS": "3"])
        #expect(three.sqliteConnectionsPerEventLoop == 3 && three.connectionsPerEventLoop == 3)
        for wrong in ["0", "65", "-1", "two", "99999999999999999999"] {
            #expect(throws: AppConfiguration.Problem.self, "\(wrong)") { try AppConfiguration.fromEnvironment(["PREPROOM_DB_CONNECTIONS": wrong]) }
        }
    }
}
