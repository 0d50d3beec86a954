import Foundation
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// Every response carries the security headers (pages, the API, files, errors), and an
/// address answers 405 with `Allow` for a method it does not take.
@Suite("Security headers and methods")
struct ResponseHeaderTests {
    @Test func everyKindOfResponseCarriesThePolicy() async throws {
        try await withPrepRoom(seed: true) { app in
            for path in ["/", "/courses/chemical-handling", "/api/v1/courses", "/css/preproom.css", "/no-such-page", "/api/v1/no-such"] {
                let response = try await app.testing().sendRequest(.GET, path)
                let policy = response.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), "\(path)")
                #expect(policy.contains("frame-ancestors 'none'"), "\(path)")
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(path)")
                #expect(response.headers.first(name: "X-Frame-Options") == "DENY", "\(path)")
                #expect(response.headers.first(name: "Referrer-Policy") == "same-origin", "\(path)")
                #expect(response.headers.first(name: "Strict-Transport-Security") == nil, "no HSTS over plain HTTP")
            }
            let page = try await app.testing().sendRequest(.GET, "/")
            #expect(!page.text.contains("<script>"), "no inline script")
            #expect(!page.text.contains("onclick"))
            #expect(!page.text.contains("twitter:title"), "no unescaped meta title")
        }
    }

    @Test func anUnroutedMethodIs405WithAllow() async throws {
        try await withPrepRoom(seed: true) { app in
            let trace = try await app.testing().sendRequest(.TRACE, "/api/v1/courses")
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.headers.first(name: .allow) == "GET, HEAD, POST")
            #expect(try trace.apiError()["code"] as? String == "method_not_allowed")
            let patch = try await app.testing().sendRequest(.PATCH, "/courses/chemical-handling")
            #expect(patch.status == .methodNotAllowed)
            #expect(patch.headers.first(name: .allow) == "GET, HEAD")
            #expect(try await app.testing().sendRequest(.TRACE, "/api/v1/nowhere").status == .notFound)
        }
    }
}
