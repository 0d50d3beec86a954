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
    /// The reports, kept while nothing they read has changed (`ReportCache`).
    var reports: ReportCache { application.reportCache }
}
