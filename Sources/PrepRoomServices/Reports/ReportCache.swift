import FluentKit
import Foundation
import PrepRoomStore
import Synchronization

/// Reports kept between visits, each with the version of the records it was worked out
/// from (`ReportRevisions`, read from the database on every visit), so a report is rebuilt
/// as soon as anything it reads changes through any instance, and otherwise costs one
/// statement instead of counting ten years of bookings (`Benchmarks/README.md`).
///
/// The minute is part of the version too: reports count scheduled runs live and which
/// evaluation steps are due moves with the clock alone. One cache per application (not per
/// process: the tests run several applications on different databases side by side).
package final class ReportCache: Sendable {
    private struct Entry: @unchecked Sendable {
        var version: String
        // Only `Sendable` values go in (`report` requires it); `any Sendable` cannot be
        // cast back to a generic `T` without this box.
        var value: Any
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let built = Atomic<Int>(0)
    /// Every period and filter people ask for in a while; cleared wholesale beyond it.
    private let capacity: Int
    private let clock: @Sendable () -> Date

    package init(capacity: Int = 256, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.capacity = capacity
        self.clock = clock
    }

    /// The report under `key` (which must name every input the report depends on besides
    /// the records), from the cache while its version holds, else built and kept.
    package func report<T: Sendable>(_ key: String, on db: any Database,
                                      build: () async throws -> T) async throws -> T {
        // The version is read before the records, so a report kept under it is never older
        // than the version says (a change committed meanwhile moves it again).
        let version = "\(try await ReportRevisions.version(on: db))@\(Int(clock().timeIntervalSince1970 / 60))"
        let slot = "\(T.self)|\(key)"
        if let hit = entries.withLock({ $0[slot] }), hit.version == version, let value = hit.value as? T { return value }
        let value = try await build()
        built.add(1, ordering: .relaxed)
        entries.withLock { all in
            if all.count >= capacity { all.removeAll(keepingCapacity: true) }
            all[slot] = Entry(version: version, value: value)
        }
        return value
    }

    /// How many times a report was built rather than served from the cache.
    package var builds: Int { built.load(ordering: .relaxed) }
}
