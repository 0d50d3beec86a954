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
