import Vapor

/// Vapor's `FileMiddleware`, asked only about paths a file could have. With a path segment
/// longer than a file name may be (255 bytes), its lookup failed with "File name too
/// long" and the request ended in a 500 before any route saw it: the API fuzzer found it
/// with an id of 20,000 zeros, which `InputScreening` lets through (its limit is 20,000).
struct PublicFiles: AsyncMiddleware {
    let files: FileMiddleware

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        guard path.utf8.count <= 1024, !path.split(separator: "/").contains(where: { $0.utf8.count > 255 }) else {
            return try await next.respond(to: request)
        }
        return try await files.respond(to: request, chainingTo: next)
    }
}
