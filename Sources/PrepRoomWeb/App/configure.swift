import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import SQLKit
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

extension Application {
    /// The database this app was configured with (a second instance can join the same one).
    public var databaseChoice: DatabaseChoice? { configuration?.database }
}

public func configure(_ app: Application, _ options: AppConfiguration) async throws {
    ServiceMetrics.install()
    app.configuration = options
    // A pool of the app's own, not NIO's process-wide two-thread singleton: SQLite statements
    // and password hashing run here, and two app instances in one process (tests) must not
    // starve each other.
    app.threadPool = NIOThreadPool(numberOfThreads: max(8, System.coreCount * 4))
    switch options.database {
    case .sqlite(let path):
        try DataFolder.prepare(databasePath: path)
        app.databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: options.sqliteConnectionsPerEventLoop, sqlLogLevel: .debug), as: .sqlite)
    case .postgres(let url, let searchPath):
        var config = try SQLPostgresConfiguration(url: url)
        config.searchPath = searchPath
        app.databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: options.connectionsPerEventLoop, sqlLogLevel: .debug), as: .psql)
    }
    for migration in PrepRoomMigrations.all { app.migrations.add(migration) }
    if case .sqlite = options.database { try await SQLiteFile.useWriteAheadLog(on: app.db) }

    app.passwords.use(.bcrypt(cost: options.bcryptCost))
    ContentConfiguration.global.use(encoder: JSONCoding.encoder, for: .json)
    ContentConfiguration.global.use(decoder: JSONCoding.decoder, for: .json)

    let secureCookies = options.secureCookies
    app.security = SecuritySettings(sessionPolicy: options.sessionPolicy, secureCookies: secureCookies,
                                    trustProxy: options.trustProxy, rateLimits: options.rateLimits,
                                    dummyPasswordHash: try app.password.hash(Tokens.random()))

    // Order matters: headers go on everything, errors too; bad input is refused before
    // anything reads it; files short-circuit before sessions.
    app.middleware = .init()
    // Made before the first request: `Application.storage` is not locked.
    _ = app.responseCache
    _ = app.communityCache
    _ = app.reportCache
    app.middleware.use(app.inFlightRequests)
    app.middleware.use(SecurityHeaders(strictTransport: secureCookies))
    app.middleware.use(ErrorResponder())
    app.middleware.use(InputScreening())
    app.middleware.use(PublicFiles(files: FileMiddleware(publicDirectory: app.directory.publicDirectory, defaultFile: nil)))
    app.middleware.use(APIRateLimits())
    app.middleware.use(BrowserSessions(policy: options.sessionPolicy, secureCookies: secureCookies))
    app.middleware.use(Authentication())
    app.middleware.use(CSRFProtection(secureCookies: secureCookies))
    app.routes.defaultMaxBodySize = ByteCount(value: BodyLimits.form)

    app.asyncCommands.use(SeedCommand(), as: "seed")
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(RemindersCommand(), as: "reminders")
    app.asyncCommands.use(MailCommand(), as: "mail")
    app.asyncCommands.use(ReportsCommand(), as: "reports")
    app.asyncCommands.use(SchoolsCommand(), as: "schools")
    app.asyncCommands.use(HousekeepingCommand(), as: "housekeeping")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.asyncCommands.use(PrivacyCommand(), as: "privacy")

    try routes(app)
}

/// How large a request body may be: any form or JSON body, unless its route allows more
/// (the evidence upload, `ExternalVerificationDesk.maxUploadBytes`).
enum BodyLimits {
    static let form = 1024 * 1024

    /// "5 MB", for messages.
    static func megabytes(_ bytes: Int) -> String { Upload.megabytes(bytes) }
}
