import Fluent
import Foundation
import PrepRoomCore

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
        try await Run.query(on: db).filter(\.$id == id)
            .with(\.$course).with(\.$centre).with(\.$sessions)
            .first()
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
