import Vapor

/// Cross-site request forgery protection for browser sessions: every state-changing
/// request that relies on the session cookie must echo the session's token, as the
/// hidden form field `_csrf` or the `X-CSRF-Token` header. Bearer-token requests carry
/// no ambient credentials and are exempt.
struct CSRFProtection: AsyncMiddleware {
    static let sessionKey = "csrf"
    static let fieldName = "_csrf"
    static let headerName = "X-CSRF-Token"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let safe: [HTTPMethod] = [.GET, .HEAD, .OPTIONS]
        guard !safe.contains(request.method), !request.usesBearerToken else {
            return try await next.respond(to: request)
        }
        // An API call with neither a token nor a session cookie has no credentials to
        // forge; it is judged by the route (usually 401), not refused here.
        if request.url.path.hasPrefix("/api/"), !request.hasSession {
            return try await next.respond(to: request)
        }
        let expected = request.hasSession ? request.session.data[Self.sessionKey] : nil
        var given = request.headers.first(name: Self.headerName)
        if given == nil {
            // A form bigger than one network read (an upload) is still streaming here: the
            // route collects its body only after the middleware. Collect it now, to the
            // route's own limit (413 beyond it), so the token in it can be read.
            if request.body.data == nil {
                _ = try await request.body.collect(max: request.route?.formBodyLimit ?? request.application.routes.defaultMaxBodySize.value).get()
            }
            given = try? request.content.get(String.self, at: Self.fieldName)
        }
        guard let expected, let given, Self.equal(expected, given) else {
            throw ServiceError(.forbidden, "csrf", "This form has expired. Go back, reload the page and try again.")
        }
        return try await next.respond(to: request)
    }

    /// Compares without an early exit, so timing does not leak how much matched.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension Request {
    /// The session's CSRF token, creating the session on first use. Only forms call this,
    /// so plain page views create no session rows.
    var csrfToken: String {
        if let token = session.data[CSRFProtection.sessionKey] { return token }
        let token = [UInt8].random(count: 24).base64
        session.data[CSRFProtection.sessionKey] = token
        return token
    }
}

extension Route {
    /// Lets this route's form bodies be as large as `bytes` (an upload form); the route
    /// must also collect that much. `CSRFProtection` reads the form's token to this limit.
    @discardableResult
    func acceptingForms(upTo bytes: Int) -> Route {
        userInfo["preproom.formBodyLimit"] = bytes
        return self
    }

    var formBodyLimit: Int? { userInfo["preproom.formBodyLimit"] as? Int }
}
