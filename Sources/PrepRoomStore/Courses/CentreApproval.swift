import Fluent
import Foundation
import PrepRoomCore

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

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $centre, $course, $from, $grantedBy, $grantedAt, $withdrawnAt, $withdrawnBy, $withdrawnReason] }

    public init() {}
    public init(centreID: UUID, courseID: UUID, from: Date, by: UUID?, at: Date) {
        self.$centre.id = centreID; self.$course.id = courseID; self.from = from; self.grantedBy = by; self.grantedAt = at
    }

    /// Requires the course loaded.
    public var rule: CourseApproval { CourseApproval(courseCode: course.code, from: from, withdrawnAt: withdrawnAt) }
}
