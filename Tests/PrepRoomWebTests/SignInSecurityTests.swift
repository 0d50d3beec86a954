import Fluent
import Foundation
import NIOConcurrencyHelpers
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// Issue 10's sign-in findings, each on the real database: lock-outs an attacker could
/// cause, answers that told who has an account, and redirects off the site.
@Suite("Sign-in that cannot be turned against its users")
struct SignInSecurityTests {
    private func apiSignIn(_ app: Application, _ email: String, _ password: String, from address: String) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders.json
        headers.add(name: "X-Forwarded-For", value: address)
        return try await app.testing().sendRequest(.POST, "/api/v1/tokens", headers: headers, body: jsonBody(["email": email, "password": password]))
    }

    @Test func theOwnersBrowserStillSignsInWhileAnAttackerIsSlowed() async throws {
        try await withPrepRoom { app in
            app.security.trustProxy = true
            // The staged attack takes longer than the real 30 s first wait on a loaded
            // machine; a 10-minute one keeps every step of it inside the wait.
            app.security.signInThrottle.firstWait = 600
            try await makeUser(app, email: "tech@school.sch.uk", role: .technician)
            let owner = Browser(app)
            owner.extraHeaders.add(name: "X-Forwarded-For", value: "198.51.100.7")
            #expect(try await owner.signIn("tech@school.sch.uk").status == .seeOther)
            #expect(owner.cookies["preproom-device"] != nil, "the browser is remembered")
            _ = try await owner.post("/sign-out", form: [])

            // An attacker guesses from six addresses, five times each, then keeps going.
            var statuses: [HTTPResponseStatus] = []
            for address in 1...6 {
                for _ in 0..<5 { statuses.append(try await apiSignIn(app, "tech@school.sch.uk", "guess guess guess", from: "203.0.113.\(address)").status) }
            }
            for _ in 0..<10 { statuses.append(try await apiSignIn(app, "tech@school.sch.uk", "guess guess guess", from: "203.0.113.9").status) }
            #expect(statuses.prefix(5).allSatisfy { $0 == .unauthorized })
            #expect(statuses.suffix(10).allSatisfy { $0 == .tooManyRequests }, "the attacker is slowed")
            #expect(try await apiSignIn(app, "tech@school.sch.uk", "correct horse battery", from: "203.0.113.9").status == .tooManyRequests,
                    "even with the right password, from the attacker's place")

            owner.extraHeaders.replaceOrAdd(name: "X-Forwarded-For", value: "192.0.2.44")
            let signedIn = try await owner.signIn("tech@school.sch.uk")
            #expect(signedIn.status == .seeOther, "the owner's own browser signs in, from a new address too")
            #expect(try await apiSignIn(app, "tech@school.sch.uk", "correct horse battery", from: "198.51.100.7").status == .created,
                    "and the owner's usual address")
            #expect(try await apiSignIn(app, "tech@school.sch.uk", "correct horse battery", from: "192.0.2.99").status == .tooManyRequests,
                    "an unknown context waits while the account is under attack")
        }
    }

    @Test func anUnknownEmailChecksAPasswordHashLikeAKnownOne() async throws {
        try await withPrepRoom { app in
            try await makeUser(app, email: "tech@school.sch.uk", role: .technician)
            let checked = NIOLockedValueBox<[String]>([])
            var accounts = Accounts(app)
            let real = accounts.verify
            accounts.verify = { password, hash in
                checked.withLockedValue { $0.append(hash) }
                return try await real(password, hash)
            }
            for email in ["nobody@school.sch.uk", "tech@school.sch.uk"] {
                await #expect(throws: ServiceError.self) {
                    _ = try await accounts.signIn(.init(email: email, password: "not the password", address: "a"))
                }
            }
            let hashes = checked.withLockedValue { $0 }
            #expect(hashes.count == 2, "one bcrypt check each, so both take as long")
            #expect(hashes.first == app.security.dummyPasswordHash)
            #expect(hashes.first?.hasPrefix("$2b$") == true)
        }
    }

    @Test func nextGoesOnlyToAPathOfThisSite() async throws {
        for attack in ["//evil.example", "/\t/evil.example", "/\\evil.example", "https://evil.example", "/ /evil", "javascript:alert(1)"] {
            #expect(AccountPages.safeNext(attack) == "/", "\(attack.debugDescription)")
        }
        #expect(AccountPages.safeNext("/runs/1?x=y") == "/runs/1?x=y")
        try await withPrepRoom { app in
            try await makeUser(app, email: "tech@school.sch.uk", role: .technician)
            let browser = Browser(app)
            let form = try await browser.get("/sign-in?next=%2F%09%2Fevil.example")
            #expect(!form.text.contains("evil.example"))
            let signedIn = try await browser.post("/sign-in", form: [("email", "tech@school.sch.uk"), ("password", "correct horse battery"),
                                                                    ("next", "/\t/evil.example")])
            #expect(signedIn.headers.first(name: .location) == "/me", "not the other site: the member's own page")
        }
    }

    @Test func registrationIsLimitedPerAddressWith429AndRetryAfter() async throws {
        try await withPrepRoom { app in
            // The limit counts in windows of the clock's hours: twenty-one registrations
            // that straddle one (a run at 14:59 that ends at 15:01) would meet two counters.
            let window = RateLimit.registration.windowSeconds
            let left = window - Int(Date().timeIntervalSince1970) % window
            if left < 240 { try await Task.sleep(for: .seconds(left + 1)) }
            var last: TestingHTTPResponse?
            for n in 0...RateLimit.registration.limit {
                last = try await app.testing().sendRequest(.POST, "/api/v1/registrations", headers: .json,
                    body: jsonBody(["email": "r\(n)@school.sch.uk", "name": "R \(n)", "password": "correct horse battery"]))
            }
            let refused = try #require(last)
            #expect(refused.status == .tooManyRequests)
            #expect(Int(refused.headers.first(name: .retryAfter) ?? "") ?? 0 >= 1)
            #expect(try await User.query(on: app.db).count() == RateLimit.registration.limit, "the refused one changed nothing")
        }
    }

    @Test func theAPIIsLimitedPerToken() async throws {
        try await withPrepRoom { app in
            // The limit lowered, and its window made long, so the test reaches it at once.
            app.security.apiPerToken = RateLimit("api-token", limit: 20, per: 3600)
            let bearer = try await token(app, role: .technician)
            for _ in 0..<20 {
                _ = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer(bearer))
            }
            let refused = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer(bearer))
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers.first(name: .retryAfter) != nil)
            let other = try await token(app, role: .technician)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer(other)).status == .ok, "per token")
        }
    }
}
