import Foundation
import PrepRoomServices
import Vapor

extension Application {
    private struct ReportCacheKey: StorageKey { typealias Value = ReportCache }

    /// Created in `configure`, before any request, because `Storage` is not locked.
    var reportCache: ReportCache {
        if let cache = storage[ReportCacheKey.self] { return cache }
        let cache = ReportCache()
        storage[ReportCacheKey.self] = cache
        return cache
    }

    /// Replaces the cache (tests give theirs a fixed clock); before serving only.
    func useReportCache(_ cache: ReportCache) {
        storage[ReportCacheKey.self] = cache
    }
}

extension Request {
    /// A report kept while nothing it reads has changed (`ReportCache`); `key` names the
    /// report and every filter it was asked for.
    func report<T: Sendable>(_ key: String, build: @escaping @Sendable () async throws -> T) async throws -> T {
        try await application.reportCache.report(key, on: db, build: build)
    }
}

/// The part of a report's key that names its period.
func periodKey(_ from: Date, _ to: Date) -> String {
    "\(from.timeIntervalSince1970)-\(to.timeIntervalSince1970)"
}
