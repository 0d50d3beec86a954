import FluentKit
import Foundation
import PrepRoomCore
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
    /// A report at one version: built, or being built by the first visitor who asked for it.
    /// Everyone else who asks meanwhile waits for that one build: thirty-two managers
    /// opening a report over ten years of data at once would otherwise each count it, and
    /// none would get an answer for seconds (`Benchmarks/README.md`).
    private struct Entry: Sendable {
        var version: String
        /// `any Sendable` because one dictionary holds every kind of report.
        var building: Task<any Sendable, any Error>
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let built = Atomic<Int>(0)
    /// Every period and filter people ask for in a while; cleared wholesale beyond it. Kept
    /// small: an evaluation report carries every comment of its period.
    private let capacity: Int
    private let clock: @Sendable () -> Date

    package init(capacity: Int = 64, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.capacity = capacity
        self.clock = clock
    }

    /// The report under `key` (which must name every input the report depends on besides
    /// the records), from the cache while its version holds, else built and kept. A build
    /// that fails is not kept: the next visit tries again.
    package func report<T: Sendable>(_ key: String, on db: any Database,
                                      build: @escaping @Sendable () async throws -> T) async throws -> T {
        // The version is read before the records, so a report kept under it is never older
        // than the version says (a change committed meanwhile moves it again).
        let version = "\(try await ReportRevisions.version(on: db))@\(Int(clock().timeIntervalSince1970 / 60))"
        let slot = "\(T.self)|\(key)"
        let task = entries.withLock { all -> Task<any Sendable, any Error> in
            if let entry = all[slot], entry.version == version { return entry.building }
            if all.count >= capacity { all.removeAll(keepingCapacity: true) }
            let task = Task<any Sendable, any Error> { try await build() }
            all[slot] = Entry(version: version, building: task)
            built.add(1, ordering: .relaxed)
            return task
        }
        do {
            guard let value = try await task.value as? T else { throw ReportCacheError.wrongType(slot) }
            return value
        } catch {
            entries.withLock { all in
                if let entry = all[slot], entry.version == version, entry.building == task { all[slot] = nil }
            }
            throw error
        }
    }

    /// How many times a report was built rather than served from the cache.
    package var builds: Int { built.load(ordering: .relaxed) }
}

/// The reports by name, each kept under its kind and period.
extension ReportCache {
    /// The part of a report's key that names its period.
    package static func period(_ from: Date, _ to: Date) -> String {
        "\(from.timeIntervalSince1970)-\(to.timeIntervalSince1970)"
    }

    package func annual(from: Date, to: Date, on db: any Database) async throws -> AnnualReport {
        try await report("annual:" + Self.period(from, to), on: db) { try await AnnualReport.build(from: from, to: to, on: db) }
    }

    package func centres(from: Date, to: Date, on db: any Database) async throws -> CentreReport {
        try await report("centres:" + Self.period(from, to), on: db) { try await CentreReport.build(from: from, to: to, on: db) }
    }

    /// The period's training days, for the manager's staff home.
    package func trainingDays(from: Date, to: Date, on db: any Database) async throws -> Int {
        try await report("trainingDays:" + Self.period(from, to), on: db) { try await AnnualReportQuery(from: from, to: to).trainingDays(on: db) }
    }

    /// The equality answers counted for the period (whole months), before suppression.
    package func equalityCounts(from: Date, to: Date, on db: any Database) async throws -> [EqualityQuestion: [String: Int]] {
        try await report("equality:" + Self.period(from, to), on: db) { try await EqualityStore.counts(from: from, to: to, on: db) }
    }
}

/// Cannot happen: the slot names the type it holds.
private enum ReportCacheError: Error {
    case wrongType(String)
}
