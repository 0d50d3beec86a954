import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// A booking in the API (API.md: id, status, waitlistPosition; with the run and person).
struct BookingDTO: Content {
    var id: String
    var runId: String
    var userId: String
    var status: BookingStatus
    var waitlistPosition: Int?
    var bookedAt: Date
    var outcome: ResultOutcome?
    var courseCode: String?
    var courseTitle: String?
    var startsAt: Date?
    var userName: String?
    var email: String?
    var attended: [Int]?

    init(_ booking: Booking, position: Int? = nil) {
        id = booking.id?.uuidString ?? ""; runId = booking.$run.id.uuidString; userId = booking.$user.id.uuidString
        status = booking.status; waitlistPosition = booking.status == .waitlisted ? position : nil
        bookedAt = booking.bookedAt; outcome = booking.outcome
    }

    /// One line of a run's roster, with the person and the sessions attended.
    init(roster line: RosterLine) {
        id = line.bookingID.uuidString; runId = line.runID.uuidString; userId = line.userID.uuidString
        status = line.status; waitlistPosition = line.status == .waitlisted ? line.position : nil
        bookedAt = line.bookedAt; outcome = line.outcome
        userName = line.name; email = line.email; attended = line.attended.sorted()
    }

    /// One of the member's own bookings, with its course and start (no attendance).
    init(member booking: MemberBooking) {
        id = booking.id.uuidString; runId = booking.runID.uuidString; userId = booking.userID.uuidString
        status = booking.status; waitlistPosition = booking.status == .waitlisted ? booking.position : nil
        bookedAt = booking.bookedAt; outcome = booking.outcome
        courseCode = booking.courseCode; courseTitle = booking.courseTitle; startsAt = booking.run.startsAt
    }

    /// `waitlistPosition` is always present (null unless waitlisted), as API.md shows it.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id); try container.encode(runId, forKey: .runId)
        try container.encode(userId, forKey: .userId); try container.encode(status, forKey: .status)
        try container.encode(waitlistPosition, forKey: .waitlistPosition); try container.encode(bookedAt, forKey: .bookedAt)
        try container.encodeIfPresent(outcome, forKey: .outcome); try container.encodeIfPresent(courseCode, forKey: .courseCode)
        try container.encodeIfPresent(courseTitle, forKey: .courseTitle); try container.encodeIfPresent(startsAt, forKey: .startsAt)
        try container.encodeIfPresent(userName, forKey: .userName); try container.encodeIfPresent(email, forKey: .email)
        try container.encodeIfPresent(attended, forKey: .attended)
    }
}
