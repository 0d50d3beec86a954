import Fluent
import Foundation
import PrepRoomCore

/// A certificate issued on completion. The holder's name and the course facts are copied
/// at issue, so the certificate reads the same however the catalogue changes later.
public final class Certificate: Model, @unchecked Sendable {
    public static let schema = "certificates"

    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: String
    @Parent(key: "user_id") public var user: User
    @Parent(key: "course_id") public var course: Course
    @OptionalParent(key: "run_id") public var run: Run?
    @OptionalParent(key: "booking_id") public var booking: Booking?
    /// The delivering centre, when a centre delivered the run.
    @OptionalParent(key: "centre_id") public var centre: Centre?
    @Field(key: "holder_name") public var holderName: String
    @Field(key: "course_code") public var courseCode: String
    @Field(key: "course_title") public var courseTitle: String
    @OptionalField(key: "scqf_level") public var scqfLevel: Int?
    @OptionalField(key: "scqf_credits") public var scqfCredits: Int?
    @Field(key: "hours") public var hours: Double
    @Field(key: "issued_at") public var issuedAt: Date
    @OptionalField(key: "expires_at") public var expiresAt: Date?
    @OptionalField(key: "revoked_at") public var revokedAt: Date?
    @OptionalField(key: "revoked_reason") public var revokedReason: String?
    @OptionalField(key: "revoked_by") public var revokedBy: UUID?

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $number, $user, $course, $run, $booking, $centre, $holderName, $courseCode, $courseTitle, $scqfLevel, $scqfCredits, $hours, $issuedAt, $expiresAt, $revokedAt, $revokedReason, $revokedBy] }

    public init() {}

    public var held: CertificateRules.Held { .init(courseCode: courseCode, expiresAt: expiresAt, revoked: revokedAt != nil) }

    public func standing(now: Date = Date()) -> CertificateRules.Standing {
        CertificateRules.standing(expiresAt: expiresAt, revoked: revokedAt != nil, now: now)
    }
}

/// A reminder already sent for a certificate; the unique index makes each one once only.
public final class CertificateReminder: Model, @unchecked Sendable {
    public static let schema = "certificate_reminders"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "certificate_id") public var certificate: Certificate
    @Field(key: "kind") public var kind: String
    @Field(key: "sent_at") public var sentAt: Date

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $certificate, $kind, $sentAt] }

    public init() {}
    public init(certificateID: UUID, kind: CertificateRules.Reminder, at: Date) {
        self.$certificate.id = certificateID; self.kind = kind.rawValue; self.sentAt = at
    }
}
