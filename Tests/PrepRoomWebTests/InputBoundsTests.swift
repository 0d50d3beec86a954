import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// Nothing a request carries may crash the process or reach the database unchecked: every
/// route (API and HTML) gets extreme values in its path, query and body, and must answer
/// below 500 and keep answering. The findings of issue 10 are checked one by one too.
@Suite("Extreme input on every route")
struct InputBoundsTests {
    /// Values that broke, or could break, a parser: integer limits and beyond, negatives,
    /// words where numbers go, NUL and other control characters, bytes that are not UTF-8,
    /// 100 KB of text, impossible and absurd dates.
    static let extremes: [String] = [
        "9223372036854775807", "-9223372036854775808", "461168601842738791", "-1", "99999999999999999999999",
        "abc", "1e309", "NaN", "\u{0}", "a\u{0}b", "\u{1b}[31m", InputBoundsTests.long,
        "2026-02-30T10:00:00Z", "0001-01-01T00:00:00Z", "275760-09-13T00:00:00Z", "2026-13-01", "",
    ]
    /// 100 KB: sent in a few fields only, so each body stays under the 1 MB limit and
    /// reaches the handler.
    static let long = String(repeating: "x", count: 100_000)
    static let longFields = ["title", "name", "reason", "note", "q"]

    static let queryNames = ["page", "offset", "limit", "from", "to", "month", "level", "q", "status", "step", "run",
                             "course", "centre", "action", "section", "number", "next", "subject", "format", "audience", "certificated"]

    /// Every field name the API document knows, so each body reaches the fields its route reads.
    static let fieldNames: [String] = {
        let schemas = OpenAPIDocument.schemas
        var names = Set<String>()
        func collect(_ value: Any) {
            if let object = value as? [String: Any] {
                if let properties = object["properties"] as? [String: Any] { names.formUnion(properties.keys) }
                object.values.forEach(collect)
            } else if let array = value as? [Any] { array.forEach(collect) }
        }
        collect(schemas)
        return Array(names.union(["name", "email", "password", "title", "summary", "reason", "note", "statement", "venues",
                                 "capacity", "sessions-0-start", "sessions-0-end", "hours", "date", "currentPassword", "newPassword"])).sorted()
    }()

    private struct Place: Sendable { var path: String; var method: HTTPMethod }

    /// Every route with its parameters filled from the demo data, so requests get past
    /// "not found" to the code that reads their input.
    private func places(_ app: Application, ids: [String: String]) -> [Place] {
        app.routes.all.map { route in
            let path = route.path.map { component -> String in
                switch component {
                case .constant(let text): return text
                case .parameter(let name): return ids[name] ?? "x"
                case .anything, .catchall: return "x"
                }
            }
            return Place(path: "/" + path.joined(separator: "/"), method: route.method)
        }
    }

    private func demoIDs(_ app: Application) async throws -> [String: String] {
        let run = try #require(try await Run.query(on: app.db).first())
        let course = try #require(try await Course.query(on: app.db).first())
        let centre = try #require(try await Centre.query(on: app.db).first())
        let user = try await makeUser(app, email: "member@school.sch.uk", role: .technician)
        return ["runID": try run.requireID().uuidString, "code": course.code, "centreID": try centre.requireID().uuidString,
                "userID": try user.requireID().uuidString, "bookingID": UUID().uuidString, "number": "PR-0000-0000-0000-0000",
                "questionID": UUID().uuidString, "entryID": UUID().uuidString, "step": "pre", "tokenID": UUID().uuidString,
                "sessionID": UUID().uuidString, "evidenceID": UUID().uuidString]
    }

    /// Routes that end the caller's own sign-in: they would only make later requests 401.
    static let skipped: Set<String> = ["DELETE /api/v1/tokens", "POST /me/sign-out-everywhere", "POST /sign-out"]

    @Test func everyRouteAnswersExtremeInputBelow500AndTheServerLives() async throws {
        try await withPrepRoom(seed: true) { app in
            app.security.rateLimits = false
            let ids = try await demoIDs(app)
            let admin = try await makeUser(app, email: "fuzz-admin@sserc.example", role: .admin)
            let all = places(app, ids: ids).filter { !Self.skipped.contains("\($0.method.rawValue) \($0.path)") }
            // Eight routes at a time: the same requests, in a quarter of the time.
            var failures: [String] = []
            var requests = 0
            for start in stride(from: 0, to: all.count, by: 8) {
                let batch = all[start..<min(start + 8, all.count)]
                try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
                    for place in batch {
                        let bearer = try await Tokens.issue(for: admin, on: app.db)
                        group.addTask { try await Self.probe(app, place, bearer: bearer) }
                    }
                    for try await (count, found) in group {
                        requests += count
                        failures += found
                    }
                }
            }
            #expect(requests > 5_000)
            #expect(failures.isEmpty, "\(failures.count) answers of 500 or more:\n\(failures.prefix(40).joined(separator: "\n"))")
            #expect(try await app.testing().sendRequest(.GET, "/healthz").status == .ok, "still answering")
        }
    }

    /// One route with every extreme value; returns how many requests it sent and what failed.
    private static func probe(_ app: Application, _ place: Place, bearer: String) async throws -> (Int, [String]) {
        var failures: [String] = []
        var requests = 0
        for value in extremes {
            let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let queryNames = value == long ? ["q"] : Self.queryNames
            let fieldNames = value == long ? longFields : Self.fieldNames
            let query = queryNames.map { "\($0)=\(encoded)" }.joined(separator: "&")
            var sends: [(String, HTTPHeaders, ByteBuffer?)] = [(place.path + "?" + query, .bearer(bearer), nil)]
            if place.method != .GET {
                let object = Dictionary(uniqueKeysWithValues: fieldNames.map { ($0, value) })
                let json = try JSONSerialization.data(withJSONObject: object)
                let form = fieldNames.map { "\($0)=\(encoded)" }.joined(separator: "&")
                var formHeaders = HTTPHeaders.bearer(bearer)
                formHeaders.contentType = .urlEncodedForm
                sends.append((place.path, .json(bearer: bearer), ByteBuffer(data: json)))
                sends.append((place.path, formHeaders, ByteBuffer(string: form)))
            }
            for (path, headers, body) in sends {
                requests += 1
                let response = try await app.testing().sendRequest(place.method, path, headers: headers, body: body)
                if response.status.code >= 500 {
                    failures.append("\(place.method) \(path.prefix(120)) with \(value.prefix(30).debugDescription): \(response.status.code) \(response.text.prefix(200))")
                }
            }
        }
        // Bytes that are not UTF-8, raw in the body and percent-encoded in the query.
        let headers = HTTPHeaders.json(bearer: bearer)
        for (path, body) in [(place.path + "?q=%FF%FE&page=%C0", nil),
                             (place.path, ByteBuffer(bytes: [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]))] as [(String, ByteBuffer?)] {
            requests += 1
            let response = try await app.testing().sendRequest(place.method, path, headers: headers, body: body)
            if response.status.code >= 500 { failures.append("\(place.method) \(path) with invalid UTF-8: \(response.status.code)") }
        }
        return (requests, failures)
    }

    /// The exact requests of the issue's first finding: each ended the process.
    @Test func theRequestsThatStoppedTheServiceGet4xx() async throws {
        try await withPrepRoom(seed: true) { app in
            let admin = try await token(app, role: .admin)
            for (path, auth) in [("/courses?page=461168601842738791", false), ("/api/v1/runs?offset=9223372036854775807", false),
                                 ("/api/v1/courses?limit=-9223372036854775808", false), ("/courses?page=-1", false),
                                 ("/staff/audit?page=461168601842738791", true), ("/api/v1/users?offset=9223372036854775807", true),
                                 ("/courses?page=abc", false), ("/api/v1/runs?limit=101", false)] {
                let response = try await app.testing().sendRequest(.GET, path, headers: auth ? .bearer(admin) : [:])
                #expect(response.status == .unprocessableEntity, "\(path)")
            }
            let approve = try await app.testing().sendRequest(.POST, "/api/v1/users/approve", headers: .json(bearer: admin),
                                                              body: jsonBody(["ids": [""]]))
            #expect(approve.status == .unprocessableEntity)
            #expect(try approve.apiError()["field"] as? String == "ids[0]")
            #expect(try await app.testing().sendRequest(.GET, "/healthz").status == .ok)
        }
    }

    @Test func impossibleDatesAbsurdYearsAndNULTitlesChangeNothing() async throws {
        try await withPrepRoom(seed: true) { app in
            let admin = try await token(app, role: .courseAdmin)
            let runs = try await Run.query(on: app.db).count()
            for (start, end) in [("2026-02-30T10:00:00Z", "2026-03-02T16:00:00Z"), ("0001-03-10T09:30:00Z", "2027-03-10T15:30:00Z")] {
                let response = try await app.testing().sendRequest(.POST, "/api/v1/runs", headers: .json(bearer: admin), body: jsonBody([
                    "courseCode": "chemical-handling", "capacity": 16, "venue": "SSERC", "sessions": [["start": start, "end": end]]]))
                #expect(response.status == .unprocessableEntity, "\(start)")
                #expect(try response.apiError()["field"] as? String == "sessions[0].start")
            }
            let nul = try await app.testing().sendRequest(.POST, "/api/v1/courses", headers: .json(bearer: admin), body: jsonBody([
                "code": "nul-course", "title": "Chemical\u{0}Handling" + String(repeating: "x", count: 1_000_000)]))
            #expect([.badRequest, .payloadTooLarge].contains(nul.status))
            let long = try await app.testing().sendRequest(.POST, "/api/v1/courses", headers: .json(bearer: admin), body: jsonBody([
                "code": "long-course", "title": String(repeating: "T", count: TextLimit.title + 1), "summary": "s", "covers": [],
                "subject": "chemistry", "audiences": ["technician"], "format": "face_to_face", "durationDays": 1,
                "assessed": false, "certificated": false, "centreDeliverable": false]))
            #expect(long.status == .unprocessableEntity)
            #expect(try long.apiError()["field"] as? String == "title")
            #expect(try await Run.query(on: app.db).count() == runs)
            #expect(try await Course.query(on: app.db).filter(\.$code ~~ ["nul-course", "long-course"]).count() == 0)
        }
    }
}
