import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// Which centres may deliver which courses: the approvals staff grant, and how a centre
/// stands for scheduling a run of a course.
public enum ApprovalStore {
    /// Courses a centre may be approved to deliver, by title.
    public static func deliverableCourses(on db: any Database) async throws -> [CourseName] {
        try await (db as! any SQLDatabase).raw("""
            SELECT code, title FROM courses WHERE centre_deliverable = \(bind: true) ORDER BY title, code
            """).all(decoding: CourseName.self)
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

/// A course by its code and title, for a choice of courses.
public struct CourseName: Sendable, Decodable {
    public var code: String
    public var title: String
}
