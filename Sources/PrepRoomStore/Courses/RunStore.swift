import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// Reading and writing runs with their sessions.
public enum RunStore {
    /// Creates a run from a plan that has already passed `RunRules.validate`.
    public static func create(_ plan: RunPlan, courseID: UUID, centreID: UUID?, on db: any Database) async throws -> Run {
        let run = Run()
        run.$course.id = courseID
        run.$centre.id = centreID
        run.confirmedCount = 0
        run.waitlistCount = 0
        run.waitlistSeq = 0
        run.status = .scheduled
        apply(plan, to: run)
        try await db.writeTransaction { db in
            try await run.create(on: db)
            try await replaceSessions(of: run, with: plan.sessions, on: db)
        }
        return run
    }

    /// Changes a run's details. Capacity is not lowered below the places already confirmed.
    public static func update(_ run: Run, with plan: RunPlan, courseID: UUID, on db: any Database) async throws {
        run.$course.id = courseID
        apply(plan, to: run)
        try await db.writeTransaction { db in
            try await run.save(on: db)
            try await replaceSessions(of: run, with: plan.sessions, on: db)
            try await (db as! any SQLDatabase).raw("UPDATE runs SET revision = revision + 1 WHERE id = \(bind: run.requireID())").run()
        }
    }

    private static func apply(_ plan: RunPlan, to run: Run) {
        run.venue = plan.venue.flatMap { $0.isEmpty ? nil : $0 }
        run.onlineLink = plan.onlineLink.flatMap { $0.isEmpty ? nil : $0 }
        run.capacity = plan.capacity
        run.bookingOpensAt = plan.bookingOpensAt
        run.bookingClosesAt = plan.bookingClosesAt
        run.cohort = plan.cohort.flatMap { $0.isEmpty ? nil : $0 }
        run.cancellationCutOffHours = plan.cancellationCutOffHours
        run.notes = plan.notes.flatMap { $0.isEmpty ? nil : $0 }
        run.startsAt = plan.startsAt ?? Date()
        run.endsAt = plan.endsAt ?? run.startsAt
    }

    private static func replaceSessions(of run: Run, with sessions: [SessionTimes], on db: any Database) async throws {
        let runID = try run.requireID()
        try await RunSession.query(on: db).filter(\.$run.$id == runID).delete()
        for (position, times) in sessions.sorted(by: { $0.start < $1.start }).enumerated() {
            try await RunSession(runID: runID, position: position, times: times).create(on: db)
        }
    }

    /// A run with its course, centre and sessions loaded.
    public static func find(_ id: UUID, on db: any Database) async throws -> Run? {
        // Fixed statements (`PlainModelRead`), the course in the run's row: every page of a
        // run (its delegates, its verification) reads it first.
        let sql = db as! any SQLDatabase
        guard let row = try await sql.raw("""
            SELECT r.*, \(parent: Course.self, as: "c") FROM runs r JOIN courses c ON c.id = r.course_id WHERE r.id = \(bind: id)
            """).first() else { return nil }
        let run = try row.decode(fluentModel: Run.self), course = try row.decode(fluentModel: Course.self, prefix: "c")
        run.$course.value = course
        var centre: Centre?
        if let centreID = run.$centre.id { centre = try await sql.model(Centre.self, "SELECT * FROM centres WHERE id = \(bind: centreID)") }
        run.$centre.value = .some(centre)
        run.$sessions.value = try await sql.models(RunSession.self, "SELECT * FROM run_sessions WHERE run_id = \(bind: id)")
        return run
    }

    /// Runs that have not finished yet, soonest first.
    public static func upcoming(courseID: UUID? = nil, now: Date = Date(), limit: Int? = nil, on db: any Database) async throws -> [Run] {
        let query = Run.query(on: db).filter(\.$endsAt >= now).filter(\.$status != .cancelled)
            .with(\.$course).with(\.$centre).with(\.$sessions)
            .sort(\.$startsAt)
        if let courseID { query.filter(\.$course.$id == courseID) }
        if let limit { query.limit(limit) }
        return try await query.all()
    }

    /// Runs with any part inside [start, end): the calendar's month.
    public static func between(_ start: Date, _ end: Date, on db: any Database) async throws -> [Run] {
        try await Run.query(on: db).filter(\.$startsAt < end).filter(\.$endsAt >= start)
            .with(\.$course).with(\.$centre).with(\.$sessions)
            .sort(\.$startsAt)
            .all()
    }

    public struct ListFilter: Sendable {
        public var courseCode: String?
        public var from: Date?
        public var to: Date?
        public var centreID: UUID?
        public init(courseCode: String? = nil, from: Date? = nil, to: Date? = nil, centreID: UUID? = nil) {
            self.courseCode = courseCode; self.from = from; self.to = to; self.centreID = centreID
        }
    }

    public static func page(_ filter: ListFilter, _ page: Pagination, on db: any Database) async throws -> (items: [Run], total: Int) {
        func query() -> QueryBuilder<Run> {
            let query = Run.query(on: db).join(Course.self, on: \Run.$course.$id == \Course.$id)
            if let code = filter.courseCode { query.filter(Course.self, \.$code == code) }
            if let from = filter.from { query.filter(\.$endsAt >= from) }
            if let to = filter.to { query.filter(\.$startsAt < to) }
            if let centre = filter.centreID { query.filter(\.$centre.$id == centre) }
            return query
        }
        let total = try await query().count()
        let items = try await query().with(\.$course).with(\.$centre).with(\.$sessions)
            .sort(\.$startsAt).range(page.offset..<(page.offset + page.limit)).all()
        return (items, total)
    }
}

extension Run {
    /// Sessions in order; requires them to be loaded.
    public var orderedSessions: [RunSession] { sessions.sorted { $0.position < $1.position } }

    /// Where it happens, as a person reads it.
    public var whereText: String {
        if let venue { return venue }
        return onlineLink == nil ? "To be confirmed" : "Online"
    }
}

/// What booking needs to know about a run, read with two plain queries: bookings are the
/// hottest write path, and Fluent's reflective loading of four models cost more there
/// than the booking itself (Benchmarks/README.md).
public struct RunForBooking: Sendable {
    public var id: UUID
    public var state: RunState
    public var courseCode: String
    public var courseTitle: String
    public var refresherOf: String?
    public var venue: String?
    public var onlineLink: String?
    public var sessions: [SessionTimes]

    public var whereText: String { venue ?? (onlineLink == nil ? "To be confirmed" : "Online") }

    public static func load(_ id: UUID, on db: any Database) async throws -> RunForBooking? {
        struct Row: Decodable {
            var status: RunStatus, startsAt: Date, endsAt: Date, bookingOpensAt: Date?, bookingClosesAt: Date?
            var cancellationCutoffHours: Int?, venue: String?, onlineLink: String?
            var code: String, title: String, refresherOf: String?
        }
        struct SessionRow: Decodable { var startsAt: Date, endsAt: Date }
        let sql = db as! any SQLDatabase
        guard let row = try await sql.raw("""
            SELECT r.status, r.starts_at, r.ends_at, r.booking_opens_at, r.booking_closes_at, r.cancellation_cutoff_hours,
                   r.venue, r.online_link, c.code, c.title, c.refresher_of
            FROM runs r JOIN courses c ON c.id = r.course_id WHERE r.id = \(bind: id)
            """).first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase) else { return nil }
        let sessions = try await sql.raw("""
            SELECT starts_at, ends_at FROM run_sessions WHERE run_id = \(bind: id) ORDER BY position
            """).all(decoding: SessionRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        return RunForBooking(
            id: id,
            state: RunState(status: row.status, startsAt: row.startsAt, endsAt: row.endsAt, bookingOpensAt: row.bookingOpensAt,
                            bookingClosesAt: row.bookingClosesAt, cancellationCutOffHours: row.cancellationCutoffHours),
            courseCode: row.code, courseTitle: row.title, refresherOf: row.refresherOf, venue: row.venue, onlineLink: row.onlineLink,
            sessions: sessions.map { SessionTimes(start: $0.startsAt, end: $0.endsAt) })
    }
}

extension RunForBooking {
    /// The same view of a run already loaded as a model (course and sessions loaded).
    public init(_ run: Run) {
        self.init(id: run.id ?? UUID(), state: run.state, courseCode: run.course.code, courseTitle: run.course.title,
                  refresherOf: run.course.refresherOf, venue: run.venue, onlineLink: run.onlineLink,
                  sessions: run.orderedSessions.map(\.times))
    }
}
