import PrepRoomServices
import Vapor

/// Cross-site request forgery protection for browsers: every state-changing request that
/// relies on cookies must echo a token, as the hidden form field `_csrf` or the
/// `X-CSRF-Token` header. With a stored session the token lives in it; a visitor without
/// one (the sign-in and registration forms) gets it as a cookie of its own instead (the
/// double-submit pattern), so showing a form stores nothing. Bearer-token requests carry
/// no ambient credentials and are exempt.
struct CSRFProtection: AsyncMiddleware {
    static let sessionKey = "csrf"
    static let cookieName = "preproom-csrf"
    static let fieldName = "_csrf"
    static let headerName = "X-CSRF-Token"
    let secureCookies: Bool

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let safe: [HTTPMethod] = [.GET, .HEAD, .OPTIONS]
        // No route, no action: the request ends in a 404 or 405 whatever its token.
        if !safe.contains(request.method), !request.usesBearerToken, request.route != nil {
            try await check(request)
        }
        let response = try await next.respond(to: request)
        if let token = request.storage[NewCookieToken.self] {
            response.cookies[Self.cookieName] = HTTPCookies.Value(string: token, maxAge: 12 * 3600, path: "/", isSecure: secureCookies,
                                                                  isHTTPOnly: true, sameSite: .strict)
        }
        return response
    }

    private func check(_ request: Request) async throws {
        let session = request.browserSession
        // An API call with no session and no token has no credentials to forge; it is
        // judged by the route (usually 401), not refused here.
        if request.url.path.hasPrefix(SiteURL.apiDocumentation.path), !session.isStored { return }
        // An email's stop link carries its own signature, which is the credential; a mail
        // program posts to it without any token (RFC 8058). Forging the post would need
        // the signature, which is all it takes anyway.
        if request.url.path.hasPrefix(EmailStopPages.pathPrefix) { return }
        let expected = session.isStored ? session[Self.sessionKey] : request.cookies[Self.cookieName]?.string
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
        guard let expected, !expected.isEmpty, let given, Self.equal(expected, given) else {
            throw ServiceError(.forbidden, "csrf", "This form has expired. Go back, reload the page and try again.")
        }
    }

    /// Compares without an early exit, so timing does not leak how much matched.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    struct NewCookieToken: StorageKey { typealias Value = String }
}

extension Request {
    /// The token a form must echo: the session's when there is one (or is about to be, for
    /// a person signed in), else the visitor's CSRF cookie, made on first use.
    var csrfToken: String {
        let session = browserSession
        if session.isStored || session.userID != nil {
            if let token = session[CSRFProtection.sessionKey] { return token }
            let token = Tokens.random()
            session[CSRFProtection.sessionKey] = token
            return token
        }
        if let token = storage[CSRFProtection.NewCookieToken.self] { return token }
        if let token = cookies[CSRFProtection.cookieName]?.string, token.count >= 32, token.count <= 64 { return token }
        let token = Tokens.random()
        storage[CSRFProtection.NewCookieToken.self] = token
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
