import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

struct SessionDTO: Content {
    var start: Date
    var end: Date
}

/// A run in the API (API.md: id, courseCode, capacity, confirmed, waitlisted, sessions, venue, status).
struct RunDTO: Content {
    var id: String
    var courseCode: String
    var courseTitle: String
    var capacity: Int
    var confirmed: Int
    var waitlisted: Int
    var placesLeft: Int
    var sessions: [SessionDTO]
    var venue: String?
    var onlineLink: String?
    var centreId: String?
    var centreName: String?
    var cohort: String?
    var status: RunStatus
    var bookingOpensAt: Date?
    var bookingClosesAt: Date?
    var bookingOpen: Bool
    var cancellationCutOffHours: Int?
    var startsAt: Date
    var endsAt: Date

    /// Requires the run's course, centre and sessions loaded (`RunStore` queries do).
    init(_ run: Run, now: Date = Date()) {
        id = run.id?.uuidString ?? ""
        courseCode = run.course.code; courseTitle = run.course.title
        capacity = run.capacity; confirmed = run.confirmedCount; waitlisted = run.waitlistCount
        placesLeft = run.placesLeft
        sessions = run.orderedSessions.map { SessionDTO(start: $0.startsAt, end: $0.endsAt) }
        venue = run.venue; onlineLink = run.onlineLink
        centreId = run.$centre.id?.uuidString; centreName = run.centre?.name
        cohort = run.cohort; status = run.status
        bookingOpensAt = run.bookingOpensAt; bookingClosesAt = run.bookingClosesAt
        bookingOpen = run.bookingIsOpen(now: now)
        cancellationCutOffHours = run.cancellationCutOffHours
        startsAt = run.startsAt; endsAt = run.endsAt
    }
}

/// What `POST /api/v1/runs` and `PUT /api/v1/runs/{id}` accept.
struct RunInput: Content {
    var courseCode: String
    var capacity: Int
    var venue: String?
    var onlineLink: String?
    var sessions: [SessionDTO]
    var bookingOpensAt: Date?
    var bookingClosesAt: Date?
    var cohort: String?
    var notes: String?
    var centreId: String?
    var cancellationCutOffHours: Int?

    var plan: RunPlan {
        RunPlan(courseCode: courseCode, capacity: capacity, venue: venue, onlineLink: onlineLink,
                sessions: sessions.map { SessionTimes(start: $0.start, end: $0.end) },
                bookingOpensAt: bookingOpensAt, bookingClosesAt: bookingClosesAt, cohort: cohort, notes: notes,
                cancellationCutOffHours: cancellationCutOffHours)
    }
}
