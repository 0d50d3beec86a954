import PrepRoomServices
import Vapor

/// Headers every response carries, errors and files included: a Content-Security-Policy
/// that allows no inline script or style and no framing, no MIME sniffing, no referrer
/// beyond this site, and HSTS once the service is behind HTTPS (secure cookies on).
struct SecurityHeaders: AsyncMiddleware {
    let strictTransport: Bool

    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
        "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers = [
            ("Content-Security-Policy", Self.contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
        ]
        for (name, value) in headers where !response.headers.contains(name: name) {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        // The id the log lines of this request carry (Vapor takes a proxy's X-Request-Id),
        // so a person's "it failed at 10:14" can be found in the log.
        response.headers.replaceOrAdd(name: "X-Request-Id", value: String(request.id.prefix(200)))
        if strictTransport {
            response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains")
        }
        return response
    }
}
