import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import SQLKit
import Testing
import VaporTesting

/// Every test gets a database of its own: a fresh SQLite file, or, when
/// `TEST_DATABASE_URL` is set, a fresh PostgreSQL schema. So tests can run in parallel
/// and none sees another's rows.
enum TestDatabase {
    static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty else { return nil }
        return url
    }

    static var engine: String { postgresURL == nil ? "sqlite" : "postgres" }
}

/// Swift Testing starts every test at once. On PostgreSQL each test's app opens up to four
/// connections, and with some 200 tests the server's 300 (`scripts/postgres-start`) ran
/// out ("sorry, too many clients already"), so there at most `limit` apps run together
/// and the rest wait their turn. SQLite files need no such care.
actor TestSlots {
    static let shared = TestSlots(limit: 40)
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { free = limit }

    func acquire() async {
        if free > 0 { free -= 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the slot straight to the next test waiting, if any.
    func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}

/// Runs `body` against a configured, migrated app; `seed` loads the demo data.
func withPrepRoom(seed: Bool = false, _ body: (Application) async throws -> Void) async throws {
    let limited = TestDatabase.postgresURL != nil
    if limited { await TestSlots.shared.acquire() }
    do {
        try await runPrepRoom(seed: seed, body)
    } catch {
        if limited { await TestSlots.shared.release() }
        throw error
    }
    if limited { await TestSlots.shared.release() }
}

private func runPrepRoom(seed: Bool, _ body: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    let name = "t" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("preproom-tests-\(name)")
    let database: DatabaseChoice
    if let url = TestDatabase.postgresURL {
        database = .postgres(url: url, searchPath: [String(name)])
    } else {
        database = .sqlite(path: directory.appendingPathComponent("test.sqlite").path)
    }
    do {
        var configuration = AppConfiguration(database: database, bcryptCost: 4, connectionsPerEventLoop: 2)
        // The real qrencode and weasyprint (scripts/test installs them); a test that wants
        // them missing sets `.none`.
        configuration.documentTools = .find(searchPath: ProcessInfo.processInfo.environment["PATH"])
        try await configure(app, configuration)
        app.logger.logLevel = .warning
        if TestDatabase.postgresURL != nil {
            try await (app.db as! any SQLDatabase).raw("CREATE SCHEMA \(unsafeRaw: String(name))").run()
        }
        try await app.autoMigrate()
        if seed { try await DemoSeeder.seed(app.db) }
        // A new member's first posts wait for a moderator by default; the tests of other
        // things post as members already through it (`CommunityApprovalTests` turn it on).
        try await Setting.store(CommunityRules.firstPostsHeldSetting, "0", by: nil, on: app.db)
        try await body(app)
    } catch {
        await cleanUp(app, schema: String(name), directory: directory)
        throw error
    }
    await cleanUp(app, schema: String(name), directory: directory)
}

private func cleanUp(_ app: Application, schema: String, directory: URL) async {
    if TestDatabase.postgresURL != nil {
        _ = try? await (app.db as! any SQLDatabase).raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run()
    }
    try? await app.asyncShutdown()
    try? FileManager.default.removeItem(at: directory)
}

/// Creates an approved account directly, as `preproom user create` does.
@discardableResult
func makeUser(_ app: Application, email: String = "staff@example.org", role: Role, password: String = "correct horse battery",
              centreID: UUID? = nil, organisationID: UUID? = nil) async throws -> User {
    try await Accounts(app).create(RegistrationForm(email: email, name: "Test \(role.label)", password: password, roles: [role]),
                                   status: .approved, organisationID: organisationID, centreID: centreID, by: nil)
}

/// A bearer token for a new account with `role`.
func token(_ app: Application, role: Role, email: String? = nil) async throws -> String {
    let user = try await makeUser(app, email: email ?? "\(role.rawValue)-\(UUID().uuidString.prefix(6))@example.org", role: role)
    return try await Tokens.issue(for: user, on: app.db)
}

extension HTTPHeaders {
    static func bearer(_ token: String) -> HTTPHeaders { ["Authorization": "Bearer \(token)"] }
    static var json: HTTPHeaders { ["Content-Type": "application/json"] }
    static func json(bearer token: String) -> HTTPHeaders {
        ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
    }
}

extension TestingHTTPResponse {
    var text: String { body.string }
    func json() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] ?? [:]
    }
    /// The `error` object of an API error body.
    func apiError() throws -> [String: Any] { try json()["error"] as? [String: Any] ?? [:] }
}

func jsonBody(_ object: Any) -> ByteBuffer {
    ByteBuffer(data: try! JSONSerialization.data(withJSONObject: object))
}

/// A browser: keeps its cookies (session, CSRF, device) and reads the CSRF token from the
/// last form seen, so page tests go through the same protections a person does.
final class Browser: @unchecked Sendable {
    let app: Application
    var cookies: [String: String] = [:]
    var csrf: String?
    /// Sent with every request (an `X-Forwarded-For` to play another address, say).
    var extraHeaders = HTTPHeaders()

    /// The session cookie, if the browser holds one.
    var cookie: String? {
        get { cookies["preproom-session"].map { "preproom-session=\($0)" } }
        set {
            if let pair = newValue?.split(separator: "=", maxSplits: 1), pair.count == 2 { cookies[String(pair[0])] = String(pair[1]) }
            else { cookies["preproom-session"] = nil }
        }
    }

    init(_ app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String) async throws -> TestingHTTPResponse {
        let response = try await app.testing().sendRequest(.GET, path, headers: headers())
        remember(response)
        return response
    }

    @discardableResult
    func post(_ path: String, form fields: [(String, String)], includeCSRF: Bool = true) async throws -> TestingHTTPResponse {
        var all = fields
        if includeCSRF, let csrf { all.append(("_csrf", csrf)) }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = all.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
            .joined(separator: "&")
        var headers = headers()
        headers.contentType = .urlEncodedForm
        let response = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        remember(response)
        return response
    }

    func signIn(_ email: String, _ password: String = "correct horse battery") async throws -> TestingHTTPResponse {
        try await get("/sign-in")
        return try await post("/sign-in", form: [("email", email), ("password", password)])
    }

    private func headers() -> HTTPHeaders {
        var headers = extraHeaders
        if !cookies.isEmpty { headers.add(name: .cookie, value: cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        return headers
    }

    private func remember(_ response: TestingHTTPResponse) {
        for setCookie in response.headers[.setCookie] {
            guard let pair = setCookie.split(separator: ";").first, let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals]).trimmingCharacters(in: .whitespaces)
            let value = String(pair[pair.index(after: equals)...])
            let expired = value.isEmpty || value == "\"\"" || setCookie.contains("Max-Age=0") || setCookie.contains("1970")
            cookies[name] = expired ? nil : value
        }
        let html = response.body.string
        if let range = html.range(of: "name=\"_csrf\" value=\"") {
            let rest = html[range.upperBound...]
            csrf = String(rest.prefix { $0 != "\"" })
        }
    }
}

/// A day some weeks ahead of today, for runs that must lie in the future on whatever day
/// the suite runs (no test types a year).
struct FutureDay {
    /// London midnight of the day.
    let date: Date

    /// The Wednesday `weeksAhead` weeks from this week.
    init(weeksAhead: Int = 14, from today: Date = Date()) {
        let calendar = ServiceTime.calendar
        let ahead = calendar.date(byAdding: .day, value: weeksAhead * 7, to: calendar.startOfDay(for: today)) ?? today
        let weekday = calendar.component(.weekday, from: ahead) // 1 = Sunday … 4 = Wednesday
        date = calendar.date(byAdding: .day, value: (4 - weekday + 7) % 7, to: ahead) ?? ahead
    }

    private init(date: Date) { self.date = date }

    func adding(days: Int) -> FutureDay { FutureDay(date: ServiceTime.calendar.date(byAdding: .day, value: days, to: date) ?? date) }

    /// "2027-03-10"
    var iso: String { ServiceTime.isoDay(date) }
    /// "2027-03"
    var month: String { ServiceTime.monthKey(date) }
    /// "Wed 10 March 2027", as pages write it.
    var written: String { ServiceTime.day(date) }
    /// An instant on the day, in UTC: "2027-03-10T09:30:00Z".
    func utc(_ time: String) -> String { "\(iso)T\(time):00Z" }
    /// A London wall-clock time on the day, as a datetime-local field takes it.
    func local(_ time: String) -> String { "\(iso)T\(time)" }
}
