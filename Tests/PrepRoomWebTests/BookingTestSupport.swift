import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import SQLKit
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// Many approved members at once, with bearer tokens, without paying for bcrypt each time.
func makeMembers(_ app: Application, count: Int, prefix: String = "member") async throws -> [(user: User, token: String)] {
    let hash = try app.password.hash("correct horse battery")
    var members: [(User, String)] = []
    for index in 0..<count {
        let user = User(email: "\(prefix)\(index)@school.sch.uk", name: "Member \(index)", passwordHash: hash,
                        roles: [.technician], status: .approved)
        try await user.create(on: app.db)
        members.append((user, try await Tokens.issue(for: user, on: app.db)))
    }
    return members
}

/// A bookable run of `course` starting in `days` days, with `capacity` places.
func makeRun(_ app: Application, course code: String = "chemical-handling", capacity: Int, days: Double = 30,
             sessions: Int = 2, cutOffHours: Int? = nil, centreID: UUID? = nil) async throws -> Run {
    let course = try #require(try await CatalogueQuery.course(code: code, on: app.db))
    let start = Date().addingTimeInterval(days * 86_400)
    let times = (0..<sessions).map { day in
        SessionTimes(start: start.addingTimeInterval(Double(day) * 86_400), end: start.addingTimeInterval(Double(day) * 86_400 + 6 * 3600))
    }
    let plan = RunPlan(courseCode: code, capacity: capacity, venue: "SSERC, Dunfermline", sessions: times,
                       cancellationCutOffHours: cutOffHours)
    return try await RunStore.create(plan, courseID: course.requireID(), centreID: centreID, on: app.db)
}

func book(_ app: Application, run: Run, token: String) async throws -> TestingHTTPResponse {
    try await app.testing().sendRequest(.POST, "/api/v1/runs/\(try run.requireID())/bookings", headers: .bearer(token))
}

/// Runs `body` with a second app instance on the same database, as two servers behind a
/// load balancer would be.
func withSecondInstance(of app: Application, _ body: (Application) async throws -> Void) async throws {
    let second = try await Application.make(.testing)
    do {
        try await configure(second, AppConfiguration(database: try #require(app.databaseChoice), bcryptCost: 4, connectionsPerEventLoop: 2))
        second.logger.logLevel = .warning
        try await body(second)
    } catch {
        try? await second.asyncShutdown()
        throw error
    }
    try await second.asyncShutdown()
}

/// Moves a run's sessions so they happened in the last few days, as if the course took
/// place after people booked it.
func moveIntoThePast(_ app: Application, run: Run, daysAgo: Double = 3) async throws {
    let stored = try #require(try await RunStore.find(run.requireID(), on: app.db))
    let start = Date().addingTimeInterval(-daysAgo * 86_400)
    let sessions = stored.orderedSessions.enumerated().map { index, _ in
        SessionTimes(start: start.addingTimeInterval(Double(index) * 86_400), end: start.addingTimeInterval(Double(index) * 86_400 + 6 * 3600))
    }
    var plan = RunPlan(courseCode: stored.course.code, capacity: stored.capacity, venue: stored.venue, sessions: sessions)
    plan.cancellationCutOffHours = stored.cancellationCutOffHours
    try await RunStore.update(stored, with: plan, courseID: stored.$course.id, on: app.db)
}

/// Moves a closed run's completions `weeks` into the past, in its bookings and its report
/// totals alike, as if it had closed then.
func backdateCompletion(_ app: Application, run: UUID, weeks: Double) async throws {
    let then = Date().addingTimeInterval(-weeks * 7 * 86_400)
    try await Booking.query(on: app.db).filter(\.$run.$id == run).filter(\.$completed == true).set(\.$completedAt, to: then).update()
    try await (app.db as! any SQLDatabase).raw("UPDATE run_totals SET completed_at = \(bind: then) WHERE run_id = \(bind: run)").run()
}

/// A certificate of `code` for `user`, issued long ago and expiring in `days`.
@discardableResult
func makeCertificate(_ app: Application, for user: User, course code: String, expiresIn days: Double) async throws -> Certificate {
    let course = try #require(try await CatalogueQuery.course(code: code, on: app.db))
    let certificate = Certificate()
    certificate.number = CertificateRules.newNumber()
    certificate.$user.id = try user.requireID()
    certificate.$course.id = try course.requireID()
    certificate.holderName = user.name
    certificate.courseCode = course.code
    certificate.courseTitle = course.title
    certificate.hours = 12
    certificate.issuedAt = Date().addingTimeInterval(-900 * 86_400)
    certificate.expiresAt = Date().addingTimeInterval(days * 86_400)
    try await certificate.create(on: app.db)
    return certificate
}
