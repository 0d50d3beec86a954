import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// Which centres may deliver which courses: the approvals staff grant, and how a centre
/// stands for scheduling a run of a course.
public enum ApprovalStore {
    /// A course as a centre's page lists it: approved for the centre now (from when), open to
    /// approval for centres, or both.
    public struct CentreCourse: Sendable, Equatable {
        public var code: String
        public var title: String
        public var deliverable: Bool
        /// The current (not withdrawn) approval's first day; nil when not approved.
        public var approvedFrom: Date?
    }

    /// The centre's current approvals and the courses centres may be approved for, in one
    /// statement read column by column, by title: the centre's page reads it on every visit,
    /// and the approvals as models with their courses, then the deliverable courses, took
    /// three statements and a model per course.
    public static func centreCourses(of centreID: UUID, on db: any Database) async throws -> [CentreCourse] {
        try await (db as! any SQLDatabase).raw("""
            SELECT c.code, c.title, c.centre_deliverable, a.approved_from FROM courses c
            LEFT JOIN centre_approvals a ON a.course_id = c.id AND a.centre_id = \(bind: centreID) AND a.withdrawn_at IS NULL
            WHERE c.centre_deliverable = \(bind: true) OR a.id IS NOT NULL
            ORDER BY c.title, c.code
            """).all().map { row in
                CentreCourse(code: try row.decode(column: "code", as: String.self), title: try row.decode(column: "title", as: String.self),
                             deliverable: try row.decode(column: "centre_deliverable", as: Bool.self),
                             approvedFrom: try row.optional("approved_from", as: Date.self))
            }
    }

    /// Every approval the centre has been given, current and withdrawn, newest first.
    public static func approvals(of centreID: UUID, on db: any Database) async throws -> [CentreApproval] {
        // Fixed statements (`PlainModelRead`): the centre's page and every scheduling check read these.
        let sql = db as! any SQLDatabase
        let approvals = try await sql.models(CentreApproval.self, """
            SELECT * FROM centre_approvals WHERE centre_id = \(bind: centreID) ORDER BY granted_at DESC
            """)
        let courses = try await sql.models(Course.self, ids: approvals.map { $0.$course.id })
        for approval in approvals {
            guard let course = courses[approval.$course.id] else { throw FluentError.missingParent(from: "centre_approvals", to: "courses", key: "course_id", id: approval.$course.id.uuidString) }
            approval.$course.value = course
        }
        return approvals
    }

    /// How the centre stands for scheduling `courseCode` to start at `start`.
    public static func standing(_ centre: Centre, courseCode: String, at start: Date, on db: any Database) async throws
        -> SchedulingRules.CentreStanding {
        let approvals = try await Self.approvals(of: centre.requireID(), on: db).map(\.rule)
        return SchedulingRules.CentreStanding(id: try centre.requireID(), name: centre.name, status: centre.status,
                                              approvedForCourse: ApprovalRules.approval(in: approvals, courseCode: courseCode, at: start) != nil)
    }
}
