import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// Creating and changing catalogue entries, shared by the pages and the API.
package enum CourseEditing {
    package static func create(_ facts: CourseFacts, by user: User, on db: any Database) async throws -> Course {
        let codes = try await CatalogueQuery.allCodes(on: db)
        let errors = CourseRules.validate(facts, knownCodes: codes)
        if !errors.isEmpty { throw ServiceError.invalid(errors) }
        if codes.contains(facts.code) {
            throw ServiceError.conflict("code_taken", "A course with the code \(facts.code) already exists.", field: "code")
        }
        let course = Course(facts)
        try await db.writeTransaction { db in
            try await course.create(on: db)
            try await AuditEntry.record("course.created", subject: "course:\(facts.code)", actor: user.id, on: db)
        }
        return course
    }

    package static func update(_ course: Course, with facts: CourseFacts, by user: User, on db: any Database) async throws {
        let errors = CourseRules.validate(facts, knownCodes: try await CatalogueQuery.allCodes(on: db))
        if !errors.isEmpty { throw ServiceError.invalid(errors) }
        course.apply(facts)
        try await db.writeTransaction { db in
            try await course.save(on: db)
            try await AuditEntry.record("course.changed", subject: "course:\(facts.code)", actor: user.id, on: db)
        }
    }
}
