import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import SQLKit
import PrepRoomCore
import PrepRoomStore
import Vapor

/// Where the data lives. `DATABASE_URL` selects PostgreSQL; otherwise an SQLite file in
/// `PREPROOM_DATA_DIR` (default `./data`).
public enum DatabaseChoice: Sendable, Equatable {
    case sqlite(path: String)
    /// `searchPath` puts the tables in a schema of their own (tests use one per test).
    case postgres(url: String, searchPath: [String]? = nil)

    public static func fromEnvironment() -> DatabaseChoice {
        if let url = Environment.get("DATABASE_URL"), !url.isEmpty { return .postgres(url: url) }
        let directory = Environment.get("PREPROOM_DATA_DIR") ?? "./data"
        return .sqlite(path: directory + "/preproom.sqlite")
    }
}

public struct AppOptions: Sendable {
    public var database: DatabaseChoice
    /// Bcrypt cost: 12 in service; tests lower it to stay fast.
    public var bcryptCost: Int
    /// PostgreSQL connections per event loop. Tests run dozens of apps at once against one
    /// server, so they take fewer than a serving instance does.
    public var connectionsPerEventLoop: Int
    /// When browser sessions end (2 hours idle, 12 hours in all by default).
    public var sessionPolicy: SessionPolicy
    /// Registration, sign-in and API request limits; off only for load tests that sign in
    /// thousands of people from one address (`PREPROOM_RATE_LIMITS=off`).
    public var rateLimits: Bool

    public init(database: DatabaseChoice = .fromEnvironment(),
                bcryptCost: Int = Int(Environment.get("PREPROOM_BCRYPT_COST") ?? "") ?? 12,
                connectionsPerEventLoop: Int = 4,
                sessionPolicy: SessionPolicy = SessionPolicy(),
                rateLimits: Bool = Environment.get("PREPROOM_RATE_LIMITS") != "off") {
        self.database = database
        self.bcryptCost = bcryptCost
        self.connectionsPerEventLoop = connectionsPerEventLoop
        self.sessionPolicy = sessionPolicy
        self.rateLimits = rateLimits
    }
}

extension Application {
    private struct DatabaseChoiceKey: StorageKey { typealias Value = DatabaseChoice }

    /// The database this app was configured with (a second instance can join the same one).
    public var databaseChoice: DatabaseChoice? {
        get { storage[DatabaseChoiceKey.self] }
        set { storage[DatabaseChoiceKey.self] = newValue }
    }
}

public func configure(_ app: Application, _ options: AppOptions = AppOptions()) async throws {
    app.databaseChoice = options.database
    // A pool of the app's own, not NIO's process-wide two-thread singleton: SQLite statements
    // and password hashing run here, and two app instances in one process (tests) must not
    // starve each other.
    app.threadPool = NIOThreadPool(numberOfThreads: max(8, System.coreCount * 4))
    switch options.database {
    case .sqlite(let path):
        try DataFolder.prepare(databasePath: path)
        app.databases.use(.sqlite(.file(path), sqlLogLevel: .debug), as: .sqlite)
    case .postgres(let url, let searchPath):
        var config = try SQLPostgresConfiguration(url: url)
        config.searchPath = searchPath
        app.databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: options.connectionsPerEventLoop, sqlLogLevel: .debug), as: .psql)
    }
    for migration in PrepRoomMigrations.all { app.migrations.add(migration) }
    if case .sqlite = options.database {
        // Write-ahead logging: readers no longer wait for a committing writer (nor it for
        // them), which is where concurrent bookings spent their time. It is a property of
        // the file, so setting it once here covers every connection.
        try await (app.db as! any SQLDatabase).raw("PRAGMA journal_mode=WAL").run()
    }

    app.passwords.use(.bcrypt(cost: options.bcryptCost))
    ContentConfiguration.global.use(encoder: JSONCoding.encoder, for: .json)
    ContentConfiguration.global.use(decoder: JSONCoding.decoder, for: .json)

    let secureCookies = Environment.get("PREPROOM_SECURE_COOKIES") == "1"
    app.security = SecuritySettings(sessionPolicy: options.sessionPolicy, secureCookies: secureCookies,
                                    trustProxy: Environment.get("PREPROOM_TRUST_PROXY") == "1", rateLimits: options.rateLimits,
                                    dummyPasswordHash: try app.password.hash(Tokens.random()))

    // Order matters: headers go on everything, errors too; bad input is refused before
    // anything reads it; files short-circuit before sessions.
    app.middleware = .init()
    app.middleware.use(app.inFlightRequests)
    app.middleware.use(SecurityHeaders(strictTransport: secureCookies))
    app.middleware.use(ErrorResponder())
    app.middleware.use(InputScreening())
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory, defaultFile: nil))
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
    app.asyncCommands.use(HousekeepingCommand(), as: "housekeeping")

    try routes(app)
}

/// How large a request body may be: any form or JSON body, unless its route allows more
/// (the evidence upload, `VerificationDesk.maxUploadBytes`).
enum BodyLimits {
    static let form = 1024 * 1024

    /// "5 MB", for messages.
    static func megabytes(_ bytes: Int) -> String { "\(bytes / (1024 * 1024)) MB" }
}
