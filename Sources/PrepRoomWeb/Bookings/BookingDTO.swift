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

    init(_ booking: Booking, position: Int? = nil, run: Run? = nil, user: User? = nil) {
        id = booking.id?.uuidString ?? ""; runId = booking.$run.id.uuidString; userId = booking.$user.id.uuidString
        status = booking.status; waitlistPosition = booking.status == .waitlisted ? position : nil
        bookedAt = booking.bookedAt; outcome = booking.outcome
        courseCode = run?.course.code; courseTitle = run?.course.title; startsAt = run?.startsAt
        userName = user?.name; email = user?.email
        attended = booking.$attendance.value.map { $0.filter(\.present).map(\.sessionPosition).sorted() }
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

struct CertificateDTO: Content {
    var number: String
    var valid: Bool
    var standing: String
    var holderName: String
    var courseCode: String
    var courseTitle: String
    var scqfLevel: Int?
    var scqfCredits: Int?
    var issuedAt: Date
    var expiresAt: Date?
    var revokedAt: Date?
    var revokedReason: String?
    var centreName: String?

    init(_ certificate: Certificate, now: Date = Date()) {
        number = certificate.number
        let standing = certificate.standing(now: now)
        valid = standing == .current || standing == .expiringSoon
        self.standing = standing.rawValue
        holderName = certificate.holderName; courseCode = certificate.courseCode; courseTitle = certificate.courseTitle
        scqfLevel = certificate.scqfLevel; scqfCredits = certificate.scqfCredits
        issuedAt = certificate.issuedAt; expiresAt = certificate.expiresAt
        revokedAt = certificate.revokedAt; revokedReason = certificate.revokedReason
        centreName = certificate.$centre.value??.name
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(number, forKey: .number); try container.encode(valid, forKey: .valid)
        try container.encode(standing, forKey: .standing); try container.encode(holderName, forKey: .holderName)
        try container.encode(courseCode, forKey: .courseCode); try container.encode(courseTitle, forKey: .courseTitle)
        try container.encode(scqfLevel, forKey: .scqfLevel); try container.encode(scqfCredits, forKey: .scqfCredits)
        try container.encode(issuedAt, forKey: .issuedAt); try container.encode(expiresAt, forKey: .expiresAt)
        try container.encode(revokedAt, forKey: .revokedAt); try container.encode(revokedReason, forKey: .revokedReason)
        try container.encode(centreName, forKey: .centreName)
    }
}
