import FluentKit
import PrepRoomCore
import PrepRoomStore
import Foundation

/// Applications, status changes, venues and course approvals: each a rule check from
/// `CentreRules`/`ApprovalRules`, then one transaction with its audit entry.
package struct CentreDesk {
    package let db: any Database
    package var now = Date()

    package init(db: any Database) { self.db = db }

    package func centre(_ id: UUID?) async throws -> Centre {
        guard let id, let centre = try await CentreStore.find(id, on: db) else { throw ServiceError.notFound("centre") }
        return centre
    }

    /// A centre's page as a visitor, its coordinator or staff see it: the runs and their
    /// verification only to the centre and staff, the courses to approve only to staff.
    package struct Profile {
        package var centre: Centre
        /// Current approvals and deliverable courses (`ApprovalStore.centreCourses`).
        package var courses: [ApprovalStore.CentreCourse]
        package var history: [CentreStatusChange]
        package var staff: Bool
        package var own: Bool
        package var runs: [CentreRunLine]
    }

    package func profile(_ id: UUID?, for user: User?) async throws -> Profile {
        let centre = try await centre(id)
        let id = try centre.requireID()
        let view = CentreView(user?.permissions, coordinatorOf: user?.centreID, centre: id)
        return Profile(centre: centre, courses: try await ApprovalStore.centreCourses(of: id, on: db),
                       history: view.staff || view.own ? try await CentreStore.history(of: id, on: db) : [], staff: view.staff, own: view.own,
                       runs: view.showsDeliveries ? try await ExternalVerificationStore.latestRuns(atCentre: id, limit: 50, on: db) : [])
    }

    /// A centre with its approvals and status history (the API's detail).
    package func detail(_ centre: Centre) async throws -> (approvals: [CentreApproval], history: [CentreStatusChange]) {
        let id = try centre.requireID()
        return (try await ApprovalStore.approvals(of: id, on: db), try await CentreStore.history(of: id, on: db))
    }

    /// A signed-in member applies on behalf of an organisation; they become its coordinator
    /// when staff approve it.
    package func apply(_ application: CentreApplication, by user: User) async throws -> Centre {
        var errors = CentreRules.applicationErrors(application)
        let authority = try await application.localAuthorityID.asyncMap { try await Organisation.find($0, on: db) } ?? nil
        if application.localAuthorityID != nil, authority?.kind != .localAuthority {
            errors.append(FieldError("localAuthorityId", "Choose the local authority the centre serves"))
        }
        let name = application.name.trimmed
        if !name.isEmpty, try await Centre.query(on: db).filter(\.$name == name).first() != nil {
            errors.append(FieldError("name", "\(name) is already an Accredited Centre or has applied; contact the service about it"))
        }
        guard errors.isEmpty, let kind = application.kind, let authorityID = authority?.id else { throw ServiceError.invalid(errors) }
        let venues = application.venues.map { $0.trimmed }.filter { !$0.isEmpty }
        let userID = try user.requireID()
        let id = try await db.writeTransaction { db in
            let centre = Centre(name: name, kind: kind, localAuthorityID: authorityID, status: .applicant, venue: venues[0])
            centre.contactName = application.contactName.trimmed
            centre.contactEmail = application.contactEmail.trimmed
            centre.statement = application.statement.trimmed
            centre.appliedBy = userID
            try await centre.create(on: db)
            let id = try centre.requireID()
            for venue in venues { try await CentreVenue(centreID: id, name: venue).create(on: db) }
            try await CentreStatusChange(centreID: id, from: nil, to: .applicant, reason: "Applied online", by: userID, at: now).create(on: db)
            try await AuditEntry.record("centre.applied", subject: "centre:\(id)", actor: userID, details: name, on: db)
            return id
        }
        return try await centre(id)
    }

    /// Approve, reject, suspend, reinstate or withdraw. Approving an application makes the
    /// person who applied the centre's coordinator (unless they act for another centre).
    package func changeStatus(of centre: Centre, to status: CentreStatus?, reason: String?, by user: User) async throws {
        guard user.permissions.managesCentres else { throw ServiceError.forbidden("Only course admins can change a centre's status.") }
        guard let status else { throw ServiceError.invalid([FieldError("status", "Choose the centre's new status")]) }
        let reason = reason?.trimmed.nilIfEmpty
        let errors = CentreRules.changeErrors(from: centre.status, to: status, reason: reason)
        if !errors.isEmpty {
            throw errors.first?.field == "status" ? ServiceError.conflict("status_change_not_allowed", errors[0].message, field: "status")
                : ServiceError.invalid(errors)
        }
        let id = try centre.requireID(), from = centre.status, actor = try user.requireID()
        try await db.writeTransaction { db in
            centre.status = status
            try await centre.save(on: db)
            try await CentreStatusChange(centreID: id, from: from, to: status, reason: reason, by: actor, at: now).create(on: db)
            try await AuditEntry.record("centre.\(status.rawValue)", subject: "centre:\(id)", actor: actor,
                                        details: "\(from.rawValue) → \(status.rawValue)" + (reason.map { ", reason: \($0)" } ?? ""), on: db)
            if from == .applicant, status == .approved, let applicant = centre.appliedBy,
               let person = try await User.find(applicant, on: db), person.centreID == nil || person.centreID == id {
                var roles = person.roles
                if !roles.contains(.centreCoordinator) { roles.append(.centreCoordinator) }
                person.roles = roles
                person.centreID = id
                try await person.save(on: db)
                try await AuditEntry.record("account.roles_changed", subject: "user:\(applicant)", actor: actor,
                                            details: "centre coordinator of \(centre.name)", on: db)
            }
            if let email = centre.contactEmail {
                try await OutboxMessage.queue(CentreNotices.statusChanged(to: email, centre: centre.name, status: status, reason: reason),
                                              at: now, on: db)
            }
        }
    }

    /// Grants a course to a centre from a date (today when not given). 422 when the course
    /// is not deliverable by centres.
    package func grant(courseCode: String?, from: Date?, to centre: Centre, by user: User) async throws -> CentreApproval {
        guard user.permissions.managesCentres else { throw ServiceError.forbidden("Only course admins can approve centres for courses.") }
        guard let courseCode, let course = try await Course.query(on: db).filter(\.$code == courseCode).first() else {
            throw ServiceError.invalid([FieldError("courseCode", "Choose a course that exists")])
        }
        let centreID = try centre.requireID(), courseID = try course.requireID()
        let active = try await ApprovalStore.approvals(of: centreID, on: db).contains { $0.$course.id == courseID && $0.withdrawnAt == nil }
        let errors = ApprovalRules.grantErrors(centreDeliverable: course.centreDeliverable, centreStatus: centre.status, alreadyApproved: active)
        if !errors.isEmpty {
            throw active ? ServiceError.conflict("already_approved", errors[0].message, field: "courseCode") : ServiceError.invalid(errors)
        }
        let approval = CentreApproval(centreID: centreID, courseID: courseID, from: from ?? ServiceTime.startOfDay(now), by: user.id, at: now)
        try await db.writeTransaction { db in
            try await approval.create(on: db)
            try await AuditEntry.record("centre.course_approved", subject: "centre:\(centreID)", actor: user.id,
                                        details: "\(course.code) from \(ServiceTime.day(approval.from))", on: db)
        }
        approval.$course.value = course
        return approval
    }

    package func withdraw(courseCode: String, from centre: Centre, reason: String?, by user: User) async throws {
        guard user.permissions.managesCentres else { throw ServiceError.forbidden("Only course admins can withdraw a centre's approval.") }
        let reason = reason?.trimmed.nilIfEmpty
        guard let reason else { throw ServiceError.invalid([FieldError("reason", "Give the reason the centre will be told")]) }
        let centreID = try centre.requireID()
        guard let approval = try await ApprovalStore.approvals(of: centreID, on: db)
            .first(where: { $0.course.code == courseCode && $0.withdrawnAt == nil }) else {
            throw ServiceError.notFound("current approval for that course")
        }
        try await db.writeTransaction { db in
            approval.withdrawnAt = now
            approval.withdrawnBy = user.id
            approval.withdrawnReason = reason
            try await approval.save(on: db)
            try await AuditEntry.record("centre.course_withdrawn", subject: "centre:\(centreID)", actor: user.id,
                                        details: "\(courseCode), reason: \(reason)", on: db)
        }
    }

    /// Staff, or the centre's own coordinator, add a venue.
    package func addVenue(_ name: String?, to centre: Centre, by user: User) async throws {
        let centreID = try centre.requireID()
        guard user.permissions.managesCentres || (user.roles.contains(.centreCoordinator) && user.centreID == centreID) else {
            throw ServiceError.forbidden("Only the service and the centre's coordinator can add venues.")
        }
        guard let name = name?.trimmed.nilIfEmpty else {
            throw ServiceError.invalid([FieldError("venue", "Enter the venue's name and address")])
        }
        if centre.venues.contains(where: { $0.name == name }) {
            throw ServiceError.conflict("venue_exists", "\(centre.name) already has that venue.", field: "venue")
        }
        try await db.writeTransaction { db in
            try await CentreVenue(centreID: centreID, name: name).create(on: db)
            try await AuditEntry.record("centre.venue_added", subject: "centre:\(centreID)", actor: user.id, details: name, on: db)
        }
    }
}

extension String {
    package var nilIfEmpty: String? { isEmpty ? nil : self }
}
