import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// Which database a backup is taken of or restored into.
package enum BackupEngine: Sendable, Equatable {
    case sqlite
    /// `schema` limits the backup to one schema (the tests keep each test's tables in one);
    /// nil takes the whole database.
    case postgres(url: String, schema: String?)
}

/// `preproom backup` and `preproom restore`: a consistent copy while the service serves,
/// named by time and pruned by `BackupRetention`; restored only into an empty database.
package struct Backups {
    let db: any Database
    let engine: BackupEngine
    let searchPath: String?

    package init(db: any Database, engine: BackupEngine, searchPath: String?) {
        self.db = db; self.engine = engine; self.searchPath = searchPath
    }

    package struct Written: Sendable {
        package let file: URL
        package let bytes: Int64
        package let deleted: [String]
    }

    /// Writes a backup into `folder` (made if missing), then deletes the backups there that
    /// `retention` does not keep. The copy is written under a `.partial` name and renamed
    /// when complete, so a backup with its final name is always whole.
    package func write(into folder: URL, retention: BackupRetention, now: Date = Date()) async throws -> Written {
        try Self.prepare(folder)
        let name = BackupName(takenAt: now, fileExtension: fileExtension)
        let final = folder.appendingPathComponent(name.fileName)
        let partial = folder.appendingPathComponent(name.fileName + ".partial")
        guard !FileManager.default.fileExists(atPath: final.path) else {
            throw ServiceError(.conflict, "backup_exists", "\(final.path) exists already: one backup a second.")
        }
        try? FileManager.default.removeItem(at: partial)
        do {
            switch engine {
            case .sqlite:
                try await SQLiteBackup.write(to: partial.path, on: db)
            case .postgres(let url, let schema):
                let connection = try PostgresConnectionArguments(url: url)
                var arguments = ["--format=custom", "--no-owner", "--no-privileges", "--file=\(partial.path)"]
                if let schema { arguments.append("--schema=\(schema)") }
                arguments.append("--dbname=\(connection.url)")
                try await ExternalProgram.run(try tool("pg_dump"), arguments: arguments, environment: connection.environment,
                                              timeout: .seconds(6 * 3_600))
            }
            // A backup holds everyone's records: readable by the service's own user only.
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: partial.path)
            try FileManager.default.moveItem(at: partial, to: final)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            if let failure = error as? ExternalProgram.Failure {
                throw ServiceError(.internalServerError, "backup_failed", "The backup failed: \(failure)")
            }
            throw error
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: final.path)[.size] as? NSNumber)?.int64Value ?? 0
        return Written(file: final, bytes: bytes, deleted: try prune(folder, retention: retention))
    }

    /// Loads `file` into this database, which must be empty. Returns what was restored,
    /// in words for the operator.
    package func restore(from file: URL) async throws -> String {
        guard FileManager.default.isReadableFile(atPath: file.path), let handle = try? FileHandle(forReadingFrom: file) else {
            throw ServiceError(.notFound, "backup_missing", "\(file.path) cannot be read.")
        }
        let magic = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        switch engine {
        case .sqlite:
            guard magic.starts(with: Data("SQLite format 3".utf8)) else {
                throw ServiceError(.unprocessableEntity, "backup_wrong_kind", "\(file.lastPathComponent) is not an SQLite backup (PostgreSQL backups end in .pgdump and are restored with DATABASE_URL set).")
            }
            do {
                let tables = try await SQLiteBackup.restore(from: file.path, on: db)
                return "Restored \(tables) tables from \(file.lastPathComponent)."
            } catch let refusal as SQLiteBackup.Refusal {
                throw ServiceError(.conflict, "restore_refused", refusal.description)
            }
        case .postgres(let url, _):
            guard magic.starts(with: Data("PGDMP".utf8)) else {
                throw ServiceError(.unprocessableEntity, "backup_wrong_kind", "\(file.lastPathComponent) is not a PostgreSQL backup in pg_dump's custom format (SQLite backups end in .sqlite).")
            }
            let existing = try await DatabaseContents.postgresTableCount(on: db)
            guard existing == 0 else {
                throw ServiceError(.conflict, "restore_refused", "The database already holds \(existing) tables; a backup is restored only into an empty one (createdb a new database and point DATABASE_URL at it).")
            }
            let connection = try PostgresConnectionArguments(url: url)
            do {
                // One transaction: if any statement fails, nothing of the backup stays.
                try await ExternalProgram.run(try tool("pg_restore"), arguments: [
                    "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                    "--dbname=\(connection.url)", file.path,
                ], environment: connection.environment, timeout: .seconds(6 * 3_600))
            } catch let failure as ExternalProgram.Failure {
                throw ServiceError(.internalServerError, "restore_failed", "The restore failed and changed nothing: \(failure)")
            }
            return "Restored \(file.lastPathComponent)."
        }
    }

    private var fileExtension: String {
        switch engine {
        case .sqlite: "sqlite"
        case .postgres: "pgdump"
        }
    }

    /// Deletes the backups of this engine in `folder` that `retention` does not keep, and
    /// no other file.
    private func prune(_ folder: URL, retention: BackupRetention) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .compactMap(BackupName.init(fileName:)).filter { $0.fileExtension == fileExtension }
        let doomed = retention.toDelete(names)
        for backup in doomed { try FileManager.default.removeItem(at: folder.appendingPathComponent(backup.fileName)) }
        return doomed.map(\.fileName)
    }

    /// The folder exists (made if missing) and a file can be written in it, or a message
    /// that names it.
    private static func prepare(_ folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let probe = folder.appendingPathComponent(".preproom-write-test-\(UUID().uuidString)")
            try Data().write(to: probe)
            try FileManager.default.removeItem(at: probe)
        } catch {
            throw ServiceError(.forbidden, "backup_folder", "Cannot write backups to \(folder.path): \((error as NSError).localizedDescription)")
        }
    }

    /// PostgreSQL's client programs: on the search path, or in Debian's versioned folders
    /// (the newest, which can dump any older server).
    private func tool(_ name: String) throws -> String {
        if let found = ExternalProgram.find(name, searchPath: searchPath) { return found }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in versions.compactMap(Int.init).sorted(by: >) {
            let candidate = "/usr/lib/postgresql/\(version)/bin/\(name)"
            if ExternalProgram.isProgram(atPath: candidate) { return candidate }
        }
        throw ServiceError(.unavailable, "postgres_client_missing", "\(name) was not found on PATH or in /usr/lib/postgresql: install PostgreSQL's client programs (apt-get install postgresql-client), of the server's version or newer.")
    }
}

/// A `DATABASE_URL` as libpq's programs take it: the password moves to `PGPASSWORD`, out
/// of the arguments every user of the machine can see, and only the query settings libpq
/// knows stay (PostgresNIO's `tlsmode` becomes libpq's `sslmode`).
struct PostgresConnectionArguments {
    let url: String
    let environment: [String: String]

    init(url text: String) throws {
        guard var components = URLComponents(string: text), components.host != nil else {
            throw ServiceError(.badRequest, "database_url", "DATABASE_URL is not a URL that PostgreSQL's programs can use.")
        }
        var environment: [String: String] = [:]
        if let password = components.password { environment["PGPASSWORD"] = password }
        components.password = nil
        let items = components.queryItems ?? []
        let sslmode = items.first { $0.name == "sslmode" }?.value ?? items.first { $0.name == "tlsmode" }?.value
        components.queryItems = sslmode.map { [URLQueryItem(name: "sslmode", value: $0)] }
        guard let url = components.string else {
            throw ServiceError(.badRequest, "database_url", "DATABASE_URL is not a URL that PostgreSQL's programs can use.")
        }
        self.url = url
        self.environment = environment
    }
}
