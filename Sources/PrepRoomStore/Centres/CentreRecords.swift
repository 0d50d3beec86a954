import Fluent
import Foundation
import PrepRoomCore

/// A dated change of a centre's status, with who made it and why.
public final class CentreStatusChange: Model, @unchecked Sendable {
    public static let schema = "centre_status_changes"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "centre_id") public var centre: Centre
    @OptionalEnum(key: "from_status") public var from: CentreStatus?
    @Enum(key: "to_status") public var to: CentreStatus
    @OptionalField(key: "reason") public var reason: String?
    @OptionalField(key: "changed_by") public var changedBy: UUID?
    @Field(key: "changed_at") public var changedAt: Date

    public init() {}
    public init(centreID: UUID, from: CentreStatus?, to: CentreStatus, reason: String?, by: UUID?, at: Date) {
        self.$centre.id = centreID; self.from = from; self.to = to; self.reason = reason; self.changedBy = by; self.changedAt = at
    }
}

/// A place where a centre delivers courses.
public final class CentreVenue: Model, @unchecked Sendable {
    public static let schema = "centre_venues"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "centre_id") public var centre: Centre
    @Field(key: "name") public var name: String

    public init() {}
    public init(centreID: UUID, name: String) { self.$centre.id = centreID; self.name = name }
}

/// A centre's approval to deliver one course, from a date, until withdrawn.
public final class CentreApproval: Model, @unchecked Sendable {
    public static let schema = "centre_approvals"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "centre_id") public var centre: Centre
    @Parent(key: "course_id") public var course: Course
    @Field(key: "approved_from") public var from: Date
    @OptionalField(key: "granted_by") public var grantedBy: UUID?
    @Field(key: "granted_at") public var grantedAt: Date
    @OptionalField(key: "withdrawn_at") public var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_by") public var withdrawnBy: UUID?
    @OptionalField(key: "withdrawn_reason") public var withdrawnReason: String?

    public init() {}
    public init(centreID: UUID, courseID: UUID, from: Date, by: UUID?, at: Date) {
        self.$centre.id = centreID; self.$course.id = courseID; self.from = from; self.grantedBy = by; self.grantedAt = at
    }

    /// Requires the course loaded.
    public var rule: CourseApproval { CourseApproval(courseCode: course.code, from: from, withdrawnAt: withdrawnAt) }
}

/// One round of external verification of a centre's run (or the record that it was not
/// selected). A Not Accepted round is followed by a new round once the centre has
/// completed its actions.
public final class RunVerification: Model, @unchecked Sendable {
    public static let schema = "run_verifications"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "run_id") public var run: Run
    @Parent(key: "centre_id") public var centre: Centre
    @Field(key: "round") public var round: Int
    @Enum(key: "status") public var status: VerificationStatus
    /// Comma-separated `VerificationReason`s; empty when not selected.
    @Field(key: "reasons") public var reasonsText: String
    /// The random draw's seed (a UInt64 written in decimal) and its value, so anyone can
    /// repeat the draw (`VerificationRules.draw`).
    @Field(key: "seed") public var seed: String
    @Field(key: "draw") public var draw: Double
    @Field(key: "sample_rate") public var sampleRate: Double
    @Field(key: "cohort_threshold") public var cohortThreshold: Int
    @Field(key: "cohort") public var cohort: Int
    @Field(key: "requested_at") public var requestedAt: Date
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @OptionalField(key: "decided_by") public var decidedBy: UUID?
    @OptionalField(key: "notes") public var notes: String?
    @OptionalField(key: "recommendations") public var recommendations: String?
    @OptionalField(key: "actions") public var actions: String?
    @OptionalField(key: "actions_completed_at") public var actionsCompletedAt: Date?
    @OptionalField(key: "actions_note") public var actionsNote: String?

    public init() {}

    public var reasons: [VerificationReason] {
        reasonsText.split(separator: ",").compactMap { VerificationReason(rawValue: String($0)) }
    }
}

/// Evidence for a verification: a note, or a document the centre or a verifier uploaded.
/// Documents live in the database, so every app instance serves them.
public final class VerificationEvidence: Model, @unchecked Sendable {
    public static let schema = "verification_evidence"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "run_id") public var run: Run
    @OptionalField(key: "author_id") public var authorID: UUID?
    @Field(key: "author_name") public var authorName: String
    @OptionalField(key: "note") public var note: String?
    @OptionalField(key: "filename") public var filename: String?
    @OptionalField(key: "content_type") public var contentType: String?
    @Field(key: "size") public var size: Int
    @OptionalField(key: "content") public var content: Data?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
