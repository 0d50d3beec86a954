import Foundation
import PrepRoomCore
import PrepRoomServices
import Vapor

/// Where the data lives. `DATABASE_URL` selects PostgreSQL; otherwise an SQLite file in
/// `PREPROOM_DATA_DIR` (default `./data`).
public enum DatabaseChoice: Sendable, Equatable {
    case sqlite(path: String)
    /// `searchPath` puts the tables in a schema of their own (tests use one per test).
    case postgres(url: String, searchPath: [String]? = nil)

    public var isEmbedded: Bool { if case .sqlite = self { true } else { false } }

    /// What a backup copies: the whole database, or the one schema on the search path.
    var backupEngine: BackupEngine {
        switch self {
        case .sqlite: .sqlite
        case .postgres(let url, let searchPath): .postgres(url: url, schema: searchPath?.first)
        }
    }

    /// Where backups go unless `PREPROOM_BACKUP_DIR` says: beside the SQLite file, on the
    /// same disk (copy them off it), or `./backups`.
    var defaultBackupFolder: String {
        switch self {
        case .sqlite(let path): URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("backups").path
        case .postgres: "./backups"
        }
    }
}

/// Every setting of a running service, read once at start-up (`fromEnvironment`) and
/// passed where it is needed. Nothing else reads the environment.
public struct AppConfiguration: Sendable {
    public var database: DatabaseChoice
    /// Bcrypt cost: 12 in service; tests lower it to stay fast.
    public var bcryptCost: Int
    /// PostgreSQL connections per event loop. Tests run dozens of apps at once against one
    /// server, so they take fewer than a serving instance does.
    public var connectionsPerEventLoop: Int
    /// SQLite connections per event loop (`PREPROOM_DB_CONNECTIONS` sets both counts). One:
    /// four measured no faster on the signed-in pages (Benchmarks/README.md, 2026-12-04);
    /// the setting stays for measuring.
    public var sqliteConnectionsPerEventLoop: Int = 1
    /// When browser sessions end (2 hours idle, 12 hours in all by default).
    public var sessionPolicy: SessionPolicy
    /// Registration, sign-in and API request limits; off only for load tests.
    public var rateLimits: Bool
    /// Mark cookies Secure and send HSTS: the service is behind HTTPS.
    public var secureCookies: Bool
    /// Take the client's address from `X-Forwarded-For` (behind a proxy of one's own).
    public var trustProxy: Bool
    /// The service's own address, for links in emails and calendar feeds; without it, the
    /// address the server listens on.
    public var publicURL: String?
    /// Where the outbox is delivered; nil keeps mail queued.
    public var smtp: Mailer.Settings?
    /// What the contact page and the footer give.
    public var contact = ServiceContact.published
    /// The programs that make certificates' QR codes and PDFs; found on `PATH` at start-up.
    public var documentTools = DocumentTools.none
    /// Where `preproom backup` writes (`PREPROOM_BACKUP_DIR`); nil: `backups` beside the
    /// SQLite file, or `./backups` for PostgreSQL.
    public var backupFolder: String?
    /// How many daily and weekly backups `preproom backup` keeps
    /// (`PREPROOM_BACKUP_KEEP_DAILY`, `PREPROOM_BACKUP_KEEP_WEEKLY`; 7 and 4).
    public var backupRetention = BackupRetention()
    /// The password Prometheus gives (HTTP Basic, user `metrics`) to read `/metrics`
    /// (`PREPROOM_METRICS_TOKEN`, at least 24 characters); without it only admins can.
    public var metricsToken: String?
    /// How the log is written: one JSON object a line (`PREPROOM_LOG_FORMAT=json`, the
    /// default with `--env production`), or Vapor's text.
    public static func logsAsJSON(_ environment: [String: String], production: Bool) -> Bool {
        switch environment["PREPROOM_LOG_FORMAT"] {
        case "json": true
        case "text": false
        default: production
        }
    }
    /// The search path the PostgreSQL client programs are looked up on.
    public var searchPath: String?
    /// When an account is listed for review as inactive (`PREPROOM_INACTIVE_AFTER_MONTHS`,
    /// 6 to 240; 36).
    public var inactivity = InactivityRule.standard
    /// How often each `serve` instance queues the notices that are due
    /// (`PREPROOM_NOTICES_EVERY_MINUTES`, 0 to 1,440; 60; 0 turns it off for a deployment
    /// that runs `preproom reminders send` from cron instead).
    public var noticesEveryMinutes = 60

    public init(database: DatabaseChoice, bcryptCost: Int = 12, connectionsPerEventLoop: Int = 4,
                sessionPolicy: SessionPolicy = SessionPolicy(), rateLimits: Bool = true, secureCookies: Bool = false,
                trustProxy: Bool = false, publicURL: String? = nil, smtp: Mailer.Settings? = nil) {
        self.database = database; self.bcryptCost = bcryptCost; self.connectionsPerEventLoop = connectionsPerEventLoop
        self.sessionPolicy = sessionPolicy; self.rateLimits = rateLimits; self.secureCookies = secureCookies
        self.trustProxy = trustProxy; self.publicURL = publicURL; self.smtp = smtp
    }

    /// A setting that cannot be used: start-up stops with this message, which names it.
    public struct Problem: Error, CustomStringConvertible {
        public let variable: String
        public let value: String
        public let expected: String
        public var description: String { "\(variable)=\(value.debugDescription) cannot be used: \(expected)." }
    }

    /// Reads every `PREPROOM_*` variable (and `DATABASE_URL`) once.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfiguration {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        func flag(_ name: String, on: String = "1", off: String = "0") throws -> Bool? {
            guard let text = value(name) else { return nil }
            switch text {
            case on, "true", "yes": return true
            case off, "false", "no": return false
            default: throw Problem(variable: name, value: text, expected: "give \(on) or \(off)")
            }
        }
        func number(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
            guard let text = value(name) else { return nil }
            guard let number = Int(text), range.contains(number) else {
                throw Problem(variable: name, value: text, expected: "give a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return number
        }
        func address(_ name: String) throws -> String? {
            guard let text = value(name) else { return nil }
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw Problem(variable: name, value: text, expected: "give an address like https://preproom.example.org")
            }
            return text.hasSuffix("/") ? String(text.dropLast()) : text
        }
        let database: DatabaseChoice
        if let url = value("DATABASE_URL") {
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw Problem(variable: "DATABASE_URL", value: url, expected: "give a PostgreSQL URL like postgres://user:pass@host:5432/db")
            }
            database = .postgres(url: url)
        } else {
            database = .sqlite(path: (value("PREPROOM_DATA_DIR") ?? "./data") + "/preproom.sqlite")
        }
        var smtp: Mailer.Settings?
        if let host = value("PREPROOM_SMTP_HOST") {
            smtp = Mailer.Settings(host: host, port: try number("PREPROOM_SMTP_PORT", in: 1...65_535) ?? 25,
                                   from: value("PREPROOM_MAIL_FROM") ?? "noreply@preproom.local")
            if let from = value("PREPROOM_MAIL_FROM"), !RegistrationForm.looksLikeEmail(from) {
                throw Problem(variable: "PREPROOM_MAIL_FROM", value: from, expected: "give an email address")
            }
        }
        var configuration = AppConfiguration(database: database, bcryptCost: try number("PREPROOM_BCRYPT_COST", in: 4...31) ?? 12,
                                             rateLimits: try flag("PREPROOM_RATE_LIMITS", on: "on", off: "off") ?? true,
                                             secureCookies: try flag("PREPROOM_SECURE_COOKIES") ?? false,
                                             trustProxy: try flag("PREPROOM_TRUST_PROXY") ?? false,
                                             publicURL: try address("PREPROOM_PUBLIC_URL"), smtp: smtp)
        if let connections = try number("PREPROOM_DB_CONNECTIONS", in: 1...64) {
            configuration.connectionsPerEventLoop = connections
            configuration.sqliteConnectionsPerEventLoop = connections
        }
        // Found on the search path; a variable names another program, or `off` goes without.
        var tools = DocumentTools.find(searchPath: value("PATH"))
        for (name, tool) in [("PREPROOM_QRENCODE", \DocumentTools.qrencode), ("PREPROOM_WEASYPRINT", \DocumentTools.weasyprint)] {
            guard let path = value(name) else { continue }
            if path == "off" { tools[keyPath: tool] = nil; continue }
            guard path.hasPrefix("/"), ExternalProgram.isProgram(atPath: path) else {
                throw Problem(variable: name, value: path, expected: "give the absolute path of the program, or off")
            }
            tools[keyPath: tool] = path
        }
        configuration.documentTools = tools
        configuration.searchPath = value("PATH")
        if let token = value("PREPROOM_METRICS_TOKEN") {
            guard token.count >= 24 else {
                throw Problem(variable: "PREPROOM_METRICS_TOKEN", value: String(repeating: "*", count: token.count), expected: "give at least 24 characters (e.g. openssl rand -hex 16)")
            }
            configuration.metricsToken = token
        }
        if let months = try number("PREPROOM_INACTIVE_AFTER_MONTHS", in: InactivityRule.allowedMonths),
           let rule = InactivityRule(months: months) { configuration.inactivity = rule }
        if let minutes = try number("PREPROOM_NOTICES_EVERY_MINUTES", in: 0...1_440) { configuration.noticesEveryMinutes = minutes }
        configuration.backupFolder = value("PREPROOM_BACKUP_DIR")
        if let daily = try number("PREPROOM_BACKUP_KEEP_DAILY", in: BackupRetention.allowed) { configuration.backupRetention.daily = daily }
        if let weekly = try number("PREPROOM_BACKUP_KEEP_WEEKLY", in: BackupRetention.allowed) { configuration.backupRetention.weekly = weekly }
        if let email = value("PREPROOM_CONTACT_EMAIL") {
            guard RegistrationForm.looksLikeEmail(email) else {
                throw Problem(variable: "PREPROOM_CONTACT_EMAIL", value: email, expected: "give an email address")
            }
            configuration.contact.email = email
        }
        if let phone = value("PREPROOM_CONTACT_PHONE") { configuration.contact.phone = phone }
        if let address = value("PREPROOM_CONTACT_ADDRESS") { configuration.contact.address = address }
        return configuration
    }
}

extension Application {
    private struct ConfigurationKey: StorageKey { typealias Value = AppConfiguration }

    /// The configuration this app was started with (a second instance can join the same database).
    public var configuration: AppConfiguration? {
        get { storage[ConfigurationKey.self] }
        set { storage[ConfigurationKey.self] = newValue }
    }

    /// How people reach the service.
    var contact: ServiceContact { configuration?.contact ?? .published }

    /// The programs that make certificates' QR codes and PDFs.
    var documentTools: DocumentTools { configuration?.documentTools ?? .none }

    /// The address links in emails and feeds start with.
    var publicURL: String {
        if let url = configuration?.publicURL { return url }
        let server = http.server.configuration
        return "http://\(server.hostname):\(server.port)"
    }
}
