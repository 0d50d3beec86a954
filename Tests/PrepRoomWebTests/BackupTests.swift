import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import SQLKit
import Testing
import VaporTesting

/// `preproom backup` and `preproom restore` on the engine under test: a backup taken while
/// people book, restored into a new database.
@Suite("Backup and restore")
struct BackupTests {
    @Test func aBackupTakenWhilePeopleBookHoldsEverythingCommittedBeforeItAndNothingHalfWritten() async throws {
        try await withPrepRoom(seed: true) { app in
            let run = try await makeRun(app, capacity: 200, sessions: 1)
            let members = try await makeMembers(app, count: 61)
            for member in members.prefix(20) { #expect(try await book(app, run: run, token: member.token).status == .created) }
            let before = Set(try await Booking.query(on: app.db).all().compactMap(\.id))
            #expect(before.count == 20)

            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let backups = Backups(db: app.db, engine: try engine(app), searchPath: ProcessInfo.processInfo.environment["PATH"])
            // Forty more people book while the backup is written.
            let written = try await withThrowingTaskGroup(of: Backups.Written?.self) { group in
                for member in members.dropFirst(20).dropLast() {
                    group.addTask { _ = try await book(app, run: run, token: member.token); return nil }
                }
                group.addTask { try await backups.write(into: folder, retention: BackupRetention()) }
                var written: Backups.Written?
                for try await result in group { if let result { written = result } }
                return try #require(written)
            }
            #expect(written.file.lastPathComponent.hasPrefix("preproom-") && written.bytes > 0)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [written.file.lastPathComponent], "no partial file left")
            let mode = try FileManager.default.attributesOfItem(atPath: written.file.path)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600, "the service's user alone reads a backup")

            try await withEmptyDatabase(beside: app) { restored in
                let restorer = Backups(db: restored.db, engine: try engine(restored), searchPath: ProcessInfo.processInfo.environment["PATH"])
                _ = try await restorer.restore(from: written.file)
                let bookings = try await Booking.query(on: restored.db).all()
                #expect(before.isSubset(of: Set(bookings.compactMap(\.id))), "every booking committed before the backup")
                // The search's full-text index is rebuilt with the rest (on SQLite it is not copied but made again).
                let found = try await SearchStore.search(try #require(SearchTerms("soldering")), SearchStore.Filter(kind: .course),
                                                         for: SearchReader(signedIn: false, moderator: false), Pagination(offset: 0, limit: 5), on: restored.db)
                #expect(!found.isEmpty, "the restored search finds the catalogue")
                // Nothing half-written: the run's counters, and each booking's confirmation
                // email, match the bookings the backup holds.
                let copy = try #require(try await Run.find(run.requireID(), on: restored.db))
                #expect(copy.confirmedCount + copy.waitlistCount == bookings.count)
                #expect(try await OutboxMessage.query(on: restored.db).filter(\.$subject ~~ "Your place is confirmed").count() == bookings.count)
                // The restored database is current and serves: no migration is pending.
                let pending = try await restored.migrator.previewPrepareBatch().get()
                #expect(pending.isEmpty)
                #expect(try await User.query(on: restored.db).count() == (try await User.query(on: app.db).count()))
                // It takes bookings: its sessions, tokens, indexes and triggers came too.
                let last = try #require(members.last)
                #expect(try await book(restored, run: run, token: last.token).status == .created)
                #expect(try await Run.find(run.requireID(), on: restored.db)?.confirmedCount == copy.confirmedCount + 1)

                // A second restore finds it full, says so and changes nothing.
                await #expect(throws: ServiceError.self) { _ = try await restorer.restore(from: written.file) }
                do { _ = try await restorer.restore(from: written.file) } catch let error as ServiceError {
                    #expect(error.kind == .conflict && error.message.contains("empty"))
                }
                #expect(try await Booking.query(on: restored.db).count() == bookings.count + 1)
            }
        }
    }

    @Test func aFileThatIsNotABackupIsRefusedAndTheDatabaseStaysEmpty() async throws {
        try await withPrepRoom { app in
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let notes = folder.appendingPathComponent("preproom-20261205T120000Z.sqlite")
            try Data("these are not the rows you are looking for".utf8).write(to: notes)
            try await withEmptyDatabase(beside: app) { empty in
                let restorer = Backups(db: empty.db, engine: try engine(empty), searchPath: nil)
                do {
                    _ = try await restorer.restore(from: notes)
                    Issue.record("restored a text file")
                } catch let error as ServiceError {
                    #expect(error.kind == .unprocessableEntity && error.message.contains("not a"))
                }
                do {
                    _ = try await restorer.restore(from: folder.appendingPathComponent("missing.sqlite"))
                    Issue.record("restored a missing file")
                } catch let error as ServiceError {
                    #expect(error.kind == .notFound && error.message.contains("missing.sqlite"))
                }
                await #expect(throws: (any Error).self, "still empty: there is no users table") { _ = try await User.query(on: empty.db).count() }
            }
        }
    }

    @Test func backupsAreNamedByTimeAndTheOldOnesPrunedButNoOtherFile() async throws {
        try await withPrepRoom(seed: true) { app in
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            try Data("keep me".utf8).write(to: folder.appendingPathComponent("notes.txt"))
            let backups = Backups(db: app.db, engine: try engine(app), searchPath: ProcessInfo.processInfo.environment["PATH"])
            let today = Date()
            var deleted: [String] = []
            for day in (0..<6).reversed() {
                deleted += try await backups.write(into: folder, retention: BackupRetention(daily: 3, weekly: 0),
                                                   now: today.addingTimeInterval(Double(-day) * 86_400)).deleted
            }
            let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            #expect(left.count == 4 && left.contains("notes.txt"))
            let names = left.compactMap(BackupName.init(fileName:)).sorted { $0.takenAt < $1.takenAt }
            #expect(names.count == 3 && deleted.count == 3)
            #expect(names.last?.fileName == BackupName(takenAt: today, fileExtension: names.last?.fileExtension ?? "").fileName)
        }
    }

    @Test func aFolderThatCannotBeWrittenIsNamedAndNothingIsWritten() async throws {
        try await withPrepRoom { app in
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            // A folder inside a plain file cannot be made, even by root.
            let file = folder.appendingPathComponent("a-file")
            try Data().write(to: file)
            let target = file.appendingPathComponent("backups")
            let backups = Backups(db: app.db, engine: try engine(app), searchPath: ProcessInfo.processInfo.environment["PATH"])
            do {
                _ = try await backups.write(into: target, retention: BackupRetention())
                Issue.record("wrote into a file")
            } catch let error as ServiceError {
                #expect(error.message.contains(target.path))
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a-file"])
        }
    }

    @Test func retentionIsReadFromTheEnvironmentWithinBounds() throws {
        let configuration = try AppConfiguration.fromEnvironment(["PREPROOM_BACKUP_KEEP_DAILY": "14", "PREPROOM_BACKUP_DIR": "/srv/backups"])
        #expect(configuration.backupRetention == BackupRetention(daily: 14, weekly: 4) && configuration.backupFolder == "/srv/backups")
        #expect(throws: AppConfiguration.Problem.self) { try AppConfiguration.fromEnvironment(["PREPROOM_BACKUP_KEEP_WEEKLY": "-1"]) }
        #expect(throws: AppConfiguration.Problem.self) { try AppConfiguration.fromEnvironment(["PREPROOM_BACKUP_KEEP_DAILY": "lots"]) }
        #expect(DatabaseChoice.sqlite(path: "/var/lib/preproom/preproom.sqlite").defaultBackupFolder == "/var/lib/preproom/backups")
    }

    // MARK: - Helpers

    private func engine(_ app: Application) throws -> BackupEngine {
        try #require(app.configuration?.database.backupEngine)
    }

    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("preproom-backup-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A second app on a new, empty database of the same engine (a new SQLite file, or a
    /// new PostgreSQL database with the same schema name on its search path), dropped after.
    private func withEmptyDatabase(beside app: Application, _ body: (Application) async throws -> Void) async throws {
        let restored = try await Application.make(.testing)
        let folder = try temporaryFolder()
        var dropDatabase: String?
        do {
            let database: DatabaseChoice
            switch app.configuration?.database {
            case .postgres(let url, let searchPath):
                let name = "restore_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
                try await (app.db as! any SQLDatabase).raw("CREATE DATABASE \(unsafeRaw: String(name))").run()
                dropDatabase = String(name)
                var components = try #require(URLComponents(string: url))
                components.path = "/" + name
                database = .postgres(url: try #require(components.string), searchPath: searchPath)
            default:
                database = .sqlite(path: folder.appendingPathComponent("restored.sqlite").path)
            }
            try await configure(restored, AppConfiguration(database: database, bcryptCost: 4, connectionsPerEventLoop: 1))
            restored.logger.logLevel = .warning
            try await body(restored)
        } catch {
            try? await restored.asyncShutdown()
            if let dropDatabase { _ = try? await (app.db as! any SQLDatabase).raw("DROP DATABASE \(unsafeRaw: dropDatabase) WITH (FORCE)").run() }
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        try? await restored.asyncShutdown()
        if let dropDatabase { _ = try? await (app.db as! any SQLDatabase).raw("DROP DATABASE \(unsafeRaw: dropDatabase) WITH (FORCE)").run() }
        try? FileManager.default.removeItem(at: folder)
    }
}
