import NIOConcurrencyHelpers
import PrepRoomServices
import Vapor

/// Rendered responses of pages that depend only on the catalogue (the course list, page
/// and API), for people who are not signed in. Each entry carries the catalogue version
/// it was rendered at (`CatalogueQuery.version`, read from the database on every request),
/// so a course edited through any instance is never served stale by another.
final class ResponseCache: Sendable {
    struct Entry: Sendable {
        var version: String
        var body: ByteBuffer
        var contentType: HTTPMediaType
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    /// Enough for every filter combination people use; cleared wholesale beyond it.
    private let capacity = 512

    func get(_ key: String, version: String) -> Entry? {
        entries.withLockedValue { $0[key] }.flatMap { $0.version == version ? $0 : nil }
    }

    func put(_ key: String, _ entry: Entry) {
        entries.withLockedValue { all in
            if all.count >= capacity { all.removeAll(keepingCapacity: true) }
            all[key] = entry
        }
    }

    /// Serves from the cache, or renders, stores and serves.
    func respond(key: String, version: String, render: () async throws -> Entry) async throws -> Response {
        let entry: Entry
        if let hit = get(key, version: version) {
            entry = hit
        } else {
            entry = try await render()
            put(key, entry)
        }
        var headers = HTTPHeaders()
        headers.contentType = entry.contentType
        return Response(status: .ok, headers: headers, body: .init(buffer: entry.body))
    }
}

extension Application {
    private struct ResponseCacheKey: StorageKey { typealias Value = ResponseCache }

    var responseCache: ResponseCache {
        if let cache = storage[ResponseCacheKey.self] { return cache }
        let cache = ResponseCache()
        storage[ResponseCacheKey.self] = cache
        return cache
    }
}

extension Request {
    /// Nobody signed in and no session: the page is the same for every such visitor.
    var seesPublicPage: Bool { currentUser == nil && !browserSession.isStored }
}
