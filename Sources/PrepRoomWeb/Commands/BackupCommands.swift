import Foundation
import PrepRoomCore
import PrepRoomServices
import Vapor

/// `preproom backup [--to FOLDER] [--keep-daily N] [--keep-weekly M]`: a consistent copy
/// of the database while the service keeps serving, then the old ones pruned. Schedule it
/// daily (README, Operations).
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "to", help: "folder to write into (PREPROOM_BACKUP_DIR; default: backups beside the SQLite file, or ./backups)")
        var folder: String?
        @Option(name: "keep-daily", help: "keep the newest backup of each of the last N days (PREPROOM_BACKUP_KEEP_DAILY, 7)")
        var keepDaily: String?
        @Option(name: "keep-weekly", help: "keep the newest backup of each of the last M weeks (PREPROOM_BACKUP_KEEP_WEEKLY, 4)")
        var keepWeekly: String?
    }

    var help: String { "Writes a backup of the database (SQLite: VACUUM INTO; PostgreSQL: pg_dump) and prunes old ones: backup [--to FOLDER]" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let configuration = app.configuration else { throw CommandError("The service is not configured.") }
        var retention = configuration.backupRetention
        if let text = signature.keepDaily { retention.daily = try Self.count(text, option: "--keep-daily") }
        if let text = signature.keepWeekly { retention.weekly = try Self.count(text, option: "--keep-weekly") }
        let folder = URL(fileURLWithPath: signature.folder ?? configuration.backupFolder ?? configuration.database.defaultBackupFolder)
        let started = ContinuousClock.now
        let backups = Backups(db: app.db, engine: configuration.database.backupEngine, searchPath: configuration.searchPath)
        do {
            let written = try await backups.write(into: folder, retention: retention)
            let seconds = (ContinuousClock.now - started).components.seconds
            context.console.print("Wrote \(written.file.path) (\(ByteCountFormatter.string(fromByteCount: written.bytes, countStyle: .file)), \(seconds) s).")
            for name in written.deleted { context.console.print("Deleted \(name) (keeping \(retention.daily) daily, \(retention.weekly) weekly).") }
        } catch let error as ServiceError {
            throw CommandError(error.message)
        }
    }

    static func count(_ text: String, option: String) throws -> Int {
        guard let number = Int(text), BackupRetention.allowed.contains(number) else {
            throw CommandError("\(option) takes a whole number from \(BackupRetention.allowed.lowerBound) to \(BackupRetention.allowed.upperBound)")
        }
        return number
    }
}

/// `preproom restore FILE`: loads a backup into an empty database (a new SQLite folder, or
/// a new PostgreSQL database in DATABASE_URL). A non-empty one is refused and left as it
/// was. `serve` afterwards applies any migrations newer than the backup.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "a backup written by preproom backup") var file: String
    }

    var help: String { "Loads a backup into an empty database: restore FILE" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let configuration = app.configuration else { throw CommandError("The service is not configured.") }
        let backups = Backups(db: app.db, engine: configuration.database.backupEngine, searchPath: configuration.searchPath)
        do {
            context.console.print(try await backups.restore(from: URL(fileURLWithPath: signature.file)))
            context.console.print("Start the service (preproom serve) to apply any newer migrations.")
        } catch let error as ServiceError {
            throw CommandError(error.message)
        }
    }
}
