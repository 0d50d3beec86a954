import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// Issuing and revoking certificates.
package enum CertificateDesk {
    /// Requires the booking's user, and the run's course, loaded.
    /// Issues the certificate and emails it to its holder (`links` makes its verification link).
    package static func issue(for booking: Booking, run: Run, now: Date, links: Links, on db: any Database) async throws {
        let course = run.course
        let certificate = Certificate()
        certificate.number = CertificateRules.newNumber()
        certificate.$user.id = booking.$user.id
        certificate.$course.id = try course.requireID()
        certificate.$run.id = try run.requireID()
        certificate.$booking.id = try booking.requireID()
        certificate.$centre.id = run.$centre.id
        certificate.holderName = booking.user.name
        certificate.courseCode = course.code
        certificate.courseTitle = course.title
        certificate.scqfLevel = course.scqfLevel
        certificate.scqfCredits = course.scqfCredits
        certificate.hours = course.durationDays * CPDRules.hoursPerCourseDay
        certificate.issuedAt = now
        certificate.expiresAt = CertificateRules.expiry(issuedAt: now, validityMonths: course.validityMonths)
        try await certificate.create(on: db)
        try await AuditEntry.record("certificate.issued", subject: "certificate:\(certificate.number)", actor: nil,
                                    details: "booking:\(try booking.requireID()), \(course.code)", on: db)
        try await OutboxMessage.queue(Notices.certificateIssued(
            to: booking.user.email, name: booking.user.name, courseTitle: course.title, number: certificate.number,
            provider: ProviderName.of(centre: run.$centre.value??.name),
            expiresOn: certificate.expiresAt.map(ServiceTime.day), verifyURL: links.absolute(.certificate(number: certificate.number)),
            pdfURL: links.absolute(.certificate(number: certificate.number, .pdf))),
            at: now, on: db)
    }

    /// Records a certificate a person earned before the service kept its records (from the
    /// paper register), so the gate on controlled tasks and the expiry reminders know it.
    /// Its expiry follows from the day it was issued, as for one issued here; no email.
    package static func recordEarlier(holder: User, courseCode: String, issuedOn: Date, now: Date = Date(), on db: any Database) async throws -> Certificate {
        guard let course = try await CatalogueQuery.course(code: courseCode, on: db) else {
            throw ServiceError.invalid([FieldError("course", "There is no course with the code \(courseCode)")])
        }
        guard course.certificated else { throw ServiceError.invalid([FieldError("course", "\(course.title) does not lead to a certificate")]) }
        guard issuedOn <= now else { throw ServiceError.invalid([FieldError("issued", "The issue date must be today or in the past")]) }
        let certificate = Certificate()
        certificate.number = CertificateRules.newNumber()
        certificate.$user.id = try holder.requireID()
        certificate.$course.id = try course.requireID()
        certificate.holderName = holder.name
        certificate.courseCode = course.code
        certificate.courseTitle = course.title
        certificate.scqfLevel = course.scqfLevel
        certificate.scqfCredits = course.scqfCredits
        certificate.hours = course.durationDays * CPDRules.hoursPerCourseDay
        certificate.issuedAt = issuedOn
        certificate.expiresAt = CertificateRules.expiry(issuedAt: issuedOn, validityMonths: course.validityMonths)
        try await db.writeTransaction { db in
            try await certificate.create(on: db)
            try await AuditEntry.record("certificate.recorded", subject: "certificate:\(certificate.number)", actor: nil,
                                        details: "earlier certificate of \(course.code) issued \(ServiceTime.isoDay(issuedOn))", on: db)
        }
        return certificate
    }

    /// Certificates everyone marked completed on a certificated run who has none yet.
    /// Requires the run's course loaded.
    package static func issueToCompleted(run: Run, now: Date, links: Links, on db: any Database) async throws -> Int {
        guard run.course.certificated else { return 0 }
        let bookings = try await Booking.query(on: db).filter(\.$run.$id == run.requireID()).filter(\.$completed == true)
            .filter(\.$status == .confirmed).with(\.$user).all()
        let holders = Set(try await Certificate.query(on: db).filter(\.$run.$id == run.requireID()).all().compactMap { $0.$booking.id })
        var issued = 0
        for booking in bookings where !holders.contains(try booking.requireID()) {
            try await issue(for: booking, run: run, now: now, links: links, on: db)
            issued += 1
        }
        return issued
    }

    package static func revoke(_ certificate: Certificate, reason: String, by user: User, on db: any Database) async throws {
        let reason = reason.trimmed
        guard !reason.isEmpty else { throw ServiceError.invalid([FieldError("reason", "Enter the reason for revoking the certificate")]) }
        guard certificate.revokedAt == nil else { throw ServiceError.conflict("already_revoked", "This certificate is already revoked.") }
        certificate.revokedAt = Date()
        certificate.revokedReason = reason
        certificate.revokedBy = user.id
        try await db.writeTransaction { db in
            try await certificate.save(on: db)
            try await AuditEntry.record("certificate.revoked", subject: "certificate:\(certificate.number)", actor: user.id,
                                        details: reason, on: db)
        }
    }

    /// The certificate of a number as a person typed it (spaces and case forgiven), with
    /// the centre that delivered it.
    package static func find(_ typed: String?, on db: any Database) async throws -> Certificate? {
        guard let typed else { return nil }
        return try await CertificateStore.find(number: CertificateRules.normalise(typed), on: db)
    }

    /// A person's certificates, newest first, with their centres.
    package static func held(by userID: UUID, on db: any Database) async throws -> [Certificate] {
        try await CertificateStore.held(by: userID, on: db)
    }

    /// A person's certificates with, for each course of one that is not current, the
    /// refresher that renews it (the pages offer a refresher only for those), in one
    /// statement instead of one per course.
    package static func heldWithRefreshers(by userID: UUID, now: Date = Date(), on db: any Database) async throws -> (certificates: [Certificate], refreshers: [String: Course]) {
        let certificates = try await held(by: userID, on: db)
        let codes = Set(certificates.filter { $0.standing(now: now) != .current }.map(\.courseCode))
        return (certificates, try await CatalogueQuery.firstRefreshers(of: codes, on: db))
    }

    /// What renews a certificate of `courseCode`: its first refresher by title or, when
    /// `orCourse` and it has none, the course itself; with its next three runs still to
    /// start. The expiry reminders offer the refresher; the equipment gate either.
    package static func renewal(of courseCode: String, orCourse: Bool, now: Date, on db: any Database) async throws -> (course: Course?, runs: [Run]) {
        var course = try await CatalogueQuery.firstRefreshers(of: [courseCode], on: db)[courseCode]
        if course == nil, orCourse { course = try await CatalogueQuery.course(code: courseCode, on: db) }
        guard let course else { return (nil, []) }
        let runs = try await RunStore.upcoming(courseID: course.requireID(), now: now, limit: 3, on: db).filter { $0.startsAt > now }
        return (course, runs)
    }
}
