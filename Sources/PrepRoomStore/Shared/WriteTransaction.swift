import Fluent
import SQLKit

extension Database {
    /// A transaction for writes that contend (bookings, cancellations, closing a run).
    ///
    /// On PostgreSQL this is a plain transaction: row locks order the writers. On SQLite
    /// the whole file has one writer, and SQLiteNIO's busy handler waits by spinning on a
    /// thread of the shared pool; many waiters can take every thread and starve the
    /// transaction that holds the lock. So SQLite write transactions queue here first, in
    /// the process, where waiting costs neither a thread nor CPU.
    public func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard !inTransaction, (self as? any SQLDatabase)?.dialect.name == "sqlite" else {
            return try await transaction(body)
        }
        await SQLiteWriteGate.shared.enter()
        do {
            // Fluent begins a deferred transaction: its first read takes a snapshot, and a
            // write after another connection has committed fails at once with "database is
            // locked" (SQLITE_BUSY_SNAPSHOT), the busy handler never asked. Writing first
            // (a statement that changes nothing) takes the write lock at the start instead,
            // as BEGIN IMMEDIATE would; other writers then wait for it.
            let result = try await transaction { db in
                try await (db as! any SQLDatabase).raw("DELETE FROM rate_counters WHERE 1 = 0").run()
                return try await body(db)
            }
            await SQLiteWriteGate.shared.leave()
            return result
        } catch {
            await SQLiteWriteGate.shared.leave()
            throw error
        }
    }
}

/// A first-come, first-served async lock.
actor SQLiteWriteGate {
    static let shared = SQLiteWriteGate()

    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
