import NIOConcurrencyHelpers
import PrepRoomServices
import Vapor

/// Rendered responses of pages that are the same for every visitor who is not signed in.
/// Each entry carries the version it was rendered at, read from the database on every
/// request (the catalogue's `CatalogueQuery.version`, a topic's revision), so a change made
/// through any instance is never served stale by another.
final class ResponseCache: Sendable {
    struct Entry: Sendable {
        var version: String
        var body: ByteBuffer
        var contentType: HTTPMediaType
    }

    private struct Entries {
        var byKey: [String: Entry] = [:]
        var bytes = 0
    }

    private let entries = NIOLockedValueBox(Entries())
    /// Renders under way, by key and version, so that a crowd arriving together at a page
    /// just changed waits for one rendering instead of each doing its own.
    private let renders = NIOLockedValueBox<[String: Task<Entry, any Error>]>([:])
    private let capacity: Int
    private let byteBudget: Int

    /// - Parameters:
    ///   - capacity: how many entries at most;
    ///   - byteBudget: how many bytes of bodies at most. Beyond either, entries are dropped
    ///     in the dictionary's (arbitrary, so roughly random) order down to three quarters,
    ///     which keeps the pages asked for most likely to be there again.
    init(capacity: Int = 512, byteBudget: Int = 64 << 20) {
        self.capacity = capacity
        self.byteBudget = byteBudget
    }

    func get(_ key: String, version: String) -> Entry? {
        entries.withLockedValue { $0.byKey[key] }.flatMap { $0.version == version ? $0 : nil }
    }

    func put(_ key: String, _ entry: Entry) {
        let size = entry.body.readableBytes
        guard size <= byteBudget / 4 else { return }
        entries.withLockedValue { all in
            if let old = all.byKey.updateValue(entry, forKey: key) { all.bytes -= old.body.readableBytes }
            all.bytes += size
            guard all.byKey.count > capacity || all.bytes > byteBudget else { return }
            for (dropped, old) in all.byKey where dropped != key {
                all.byKey[dropped] = nil
                all.bytes -= old.body.readableBytes
                if all.byKey.count <= capacity * 3 / 4 && all.bytes <= byteBudget * 3 / 4 { break }
            }
        }
    }

    /// How many entries and bytes it holds (for its tests).
    var size: (entries: Int, bytes: Int) { entries.withLockedValue { ($0.byKey.count, $0.bytes) } }

    /// Serves from the cache, or renders, stores and serves.
    func respond(key: String, version: String, render: () async throws -> Entry) async throws -> Response {
        let entry: Entry
        if let hit = get(key, version: version) {
            entry = hit
        } else {
            entry = try await render()
            put(key, entry)
        }
        return Self.response(entry)
    }

    /// The same, but requests that miss together share one rendering: the first starts it,
    /// the rest wait for it. For pages that are dear to render and change under a crowd
    /// (a busy topic: each reply changes it, and the next visitors all miss at once). A
    /// failed rendering fails them all, and is not kept.
    func respondOnce(key: String, version: String, render: @escaping @Sendable () async throws -> Entry) async throws -> Response {
        if let hit = get(key, version: version) { return Self.response(hit) }
        let flight = key + "\u{0}" + version
        let (task, started) = renders.withLockedValue { renders -> (Task<Entry, any Error>, Bool) in
            if let running = renders[flight] { return (running, false) }
            let task = Task { try await render() }
            renders[flight] = task
            return (task, true)
        }
        defer { if started { renders.withLockedValue { _ = $0.removeValue(forKey: flight) } } }
        let entry = try await task.value
        if started { put(key, entry) }
        return Self.response(entry)
    }

    private static func response(_ entry: Entry) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = entry.contentType
        return Response(status: .ok, headers: headers, body: .init(buffer: entry.body))
    }
}

extension Application {
    private struct ResponseCacheKey: StorageKey { typealias Value = ResponseCache }
    private struct CommunityCacheKey: StorageKey { typealias Value = ResponseCache }

    /// The catalogue's pages.
    var responseCache: ResponseCache {
        if let cache = storage[ResponseCacheKey.self] { return cache }
        let cache = ResponseCache()
        storage[ResponseCacheKey.self] = cache
        return cache
    }

    /// Techné's topic and category pages: apart from the catalogue's, so a crawler walking
    /// thousands of topics cannot push the catalogue out. A topic of 200 replies is a few
    /// hundred kilobytes, so this one is bounded by bytes above all.
    var communityCache: ResponseCache {
        if let cache = storage[CommunityCacheKey.self] { return cache }
        let cache = ResponseCache(capacity: 4096, byteBudget: 64 << 20)
        storage[CommunityCacheKey.self] = cache
        return cache
    }
}

extension Request {
    /// Nobody signed in and no session: the page is the same for every such visitor.
    var seesPublicPage: Bool { currentUser == nil && !browserSession.isStored }
}
