import FluentKit
import PrepRoomCore
import PrepRoomStore
import Foundation

/// Scheduling and changing runs, shared by the staff pages and the API: decide, save,
/// audit. Handlers only translate the outcome.
package enum RunScheduling {
    package enum Outcome {
        case saved(Run)
        case invalid([FieldError])
    }

    package static func schedule(_ plan: RunPlan, centreID: UUID?, by user: User, on db: any Database) async throws -> Outcome {
        let course = try await CatalogueQuery.course(code: plan.courseCode, on: db)
        var errors = RunRules.validate(plan, format: course?.format)
        let centre = try await centreID.asyncMap { try await Centre.find($0, on: db) } ?? nil
        if centreID != nil, centre == nil { errors.append(FieldError("centreId", "There is no such centre")) }
        // Whose it is to schedule comes first: a refusal says so before any detail of the form.
        if let course, centreID == nil || centre != nil {
            try await authorise(user, course: course, centre: centre, startsAt: plan.startsAt, on: db)
        }
        errors += try await venueErrors(plan, centre: centre, on: db)
        guard let course, errors.isEmpty else { return .invalid(errors) }
        let run = try await db.writeTransaction { db in
            let run = try await RunStore.create(plan, courseID: course.requireID(), centreID: centre?.id, on: db)
            try await AuditEntry.record("run.created", subject: "run:\(try run.requireID())", actor: user.id,
                                        details: "\(course.code), \(plan.capacity) places", on: db)
            return run
        }
        return .saved(try await RunStore.find(run.requireID(), on: db)!)
    }

    package static func change(_ run: Run, to plan: RunPlan, by user: User, on db: any Database) async throws -> Outcome {
        let course = try await CatalogueQuery.course(code: plan.courseCode, on: db)
        var errors = RunRules.validate(plan, format: course?.format)
        errors += SchedulingRules.validateChange(newCapacity: plan.capacity, confirmed: run.confirmedCount)
        if let course { try await authorise(user, course: course, centre: run.centre, startsAt: plan.startsAt, on: db) }
        errors += try await venueErrors(plan, centre: run.centre, on: db)
        guard let course, errors.isEmpty else { return .invalid(errors) }
        try await db.writeTransaction { db in
            try await RunStore.update(run, with: plan, courseID: course.requireID(), on: db)
            try await AuditEntry.record("run.changed", subject: "run:\(try run.requireID())", actor: user.id,
                                        details: "\(course.code), \(plan.capacity) places", on: db)
        }
        return .saved(try await RunStore.find(run.requireID(), on: db)!)
    }

    private static func venueErrors(_ plan: RunPlan, centre: Centre?, on db: any Database) async throws -> [FieldError] {
        guard let centre else { return [] }
        let venues = try await CentreVenue.query(on: db).filter(\.$centre.$id == centre.requireID()).all().map(\.name)
        return CentreRules.venueErrors(venue: plan.venue, centreVenues: venues)
    }

    /// 403 when it is not this person's to schedule (or the centre's to deliver), 409 when
    /// the centre is not operating; `SchedulingRules` decides.
    package static func authorise(_ user: User, course: Course, centre: Centre?, startsAt: Date?, on db: any Database) async throws {
        let standing = try await centre.asyncMap {
            try await ApprovalStore.standing($0, courseCode: course.code, at: startsAt ?? Date(), on: db)
        }
        switch SchedulingRules.maySchedule(user.permissions, ownCentre: user.centreID, centre: standing,
                                           courseTitle: course.title, centreDeliverable: course.centreDeliverable) {
        case .allowed: return
        case .forbidden(let reason): throw ServiceError.forbidden(reason)
        case .conflict(let reason): throw ServiceError.conflict("centre_not_operating", reason)
        }
    }
}

extension Optional {
    package func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
