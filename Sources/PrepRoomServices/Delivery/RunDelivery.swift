import SQLKit
import FluentKit
import PrepRoomCore
import PrepRoomStore
import Foundation

/// What a run's provider does once it runs: attendance per session, results, and closing
/// the run, which issues the certificates of everyone who completed.
package struct RunDelivery {
    package let db: any Database
    package var now = Date()

    package init(db: any Database) { self.db = db }

    /// The run, if `user` provides it (course admins; the centre's coordinator), else 403.
    private func providedRun(_ runID: UUID, by user: User) async throws -> Run {
        try await ProvidedRun.find(runID, by: user, on: db)
    }

    /// A confirmed booking on this run, or 422 naming `bookingId`.
    private func confirmedBooking(_ bookingID: UUID?, on run: Run) async throws -> Booking {
        guard let bookingID, let booking = try await Booking.find(bookingID, on: db),
              booking.$run.id == run.id, booking.status == .confirmed else {
            throw ServiceError(.unprocessableEntity, "not_on_run", "That person does not hold a confirmed place on this run.", field: "bookingId")
        }
        return booking
    }

    private func requireOpen(_ run: Run) throws {
        if run.status == .closed { throw ServiceError.conflict("run_closed", "This run is closed; its attendance and results are final.") }
        if run.status == .cancelled { throw ServiceError.conflict("run_cancelled", "This run was cancelled.") }
    }

    package func recordAttendance(runID: UUID, bookingID: UUID?, session: Int, present: Bool, by user: User) async throws {
        let run = try await providedRun(runID, by: user)
        try requireOpen(run)
        let booking = try await confirmedBooking(bookingID, on: run)
        guard (0..<run.sessions.count).contains(session) else {
            throw ServiceError(.unprocessableEntity, "invalid", "Session must be between 0 and \(run.sessions.count - 1).", field: "session")
        }
        let bookingID = try booking.requireID()
        try await db.writeTransaction { db in
            let record = try await Attendance.query(on: db).filter(\.$booking.$id == bookingID)
                .filter(\.$sessionPosition == session).first() ?? Attendance()
            record.$booking.id = bookingID
            record.sessionPosition = session
            record.present = present
            record.recordedAt = now
            record.recordedBy = user.id
            try await record.save(on: db)
            try await AuditEntry.record("attendance.recorded", subject: "booking:\(bookingID)", actor: user.id,
                                        details: "session \(session + 1): \(present ? "present" : "absent")", on: db)
        }
    }

    package func recordResult(runID: UUID, bookingID: UUID?, outcome: ResultOutcome, by user: User) async throws {
        let run = try await providedRun(runID, by: user)
        try requireOpen(run)
        let booking = try await confirmedBooking(bookingID, on: run)
        booking.outcome = outcome
        try await db.writeTransaction { db in
            try await booking.save(on: db)
            try await AuditEntry.record("result.recorded", subject: "booking:\(try booking.requireID())", actor: user.id,
                                        details: outcome.rawValue, on: db)
        }
    }

    package struct Closed: Sendable, Codable {
        package struct Verification: Sendable, Codable {
            package var selected: Bool
            package var reasons: [String]

            package init(selected: Bool, reasons: [String]) {
                self.selected = selected; self.reasons = reasons
            }
        }
        package var completed: Int
        package var certificatesIssued: Int
        package var verification: Verification

        package init(completed: Int, certificatesIssued: Int, verification: Verification) {
            self.completed = completed; self.certificatesIssued = certificatesIssued; self.verification = verification
        }
    }

    /// Closes the run (for a centre: submits its results): works out who completed and
    /// marks them. The service's own runs certificate them at once; a centre's run first
    /// meets `ExternalVerificationRules`, and when it is selected the certificates wait for a
    /// verifier. 409 if it is already closed.
    package func close(runID: UUID, by user: User, links: Links) async throws -> Closed {
        let run = try await providedRun(runID, by: user)
        try requireOpen(run)
        let lastStart = run.orderedSessions.last?.startsAt ?? run.startsAt
        guard DeliveryRules.mayClose(lastSessionStart: lastStart, now: now) else {
            throw ServiceError.conflict("run_not_delivered", "This run cannot be closed before its last session starts (\(ServiceTime.day(lastStart)) at \(ServiceTime.clock(lastStart))).")
        }
        let bookings = try await Booking.query(on: db).filter(\.$run.$id == runID).filter(\.$status == .confirmed)
            .with(\.$attendance).all()
        let sessionCount = run.sessions.count
        let completed = try bookings.filter { booking in
            let attended = Set(booking.attendance.filter(\.present).map(\.sessionPosition))
            return Completion.isComplete(sessions: sessionCount, attended: attended, assessed: run.course.assessed, outcome: booking.outcome)
        }.map { try $0.requireID() }
        let facts = run.$centre.id == nil ? nil : try await ExternalVerificationStore.deliveryFacts(run: run, cohort: bookings.count, on: db)
        let policy = try await ExternalVerificationStore.policy(on: db)
        let verification = ExternalVerificationDesk(db: db, links: links)
        return try await db.writeTransaction { db -> Closed in
            // Only the first close wins: the status flips conditionally.
            let flipped = try await (db as! any SQLDatabase).raw("""
                UPDATE runs SET status = 'closed', revision = revision + 1 WHERE id = \(bind: runID) AND status = 'scheduled' RETURNING id
                """).all()
            guard !flipped.isEmpty else { throw ServiceError.conflict("run_closed", "This run is already closed; its results were submitted.") }
            if !completed.isEmpty {
                try await Booking.query(on: db).filter(\.$id ~~ completed).set(\.$completed, to: true)
                    .set(\.$completedAt, to: now).update()
            }
            // From here the run's figures are final: reports read them from its totals.
            try await RunTotals.record(runID: runID, on: db)
            var selection: ExternalVerificationSelection?
            if let facts {
                selection = try await verification.select(run: run, cohort: bookings.count, facts: facts, policy: policy, by: user.id, on: db)
            }
            let waits = selection?.selected == true
            let issued = waits ? 0 : try await CertificateDesk.issueToCompleted(run: run, now: now, links: links, on: db)
            try await AuditEntry.record("run.closed", subject: "run:\(runID)", actor: user.id,
                                        details: "\(completed.count) completed, \(issued) certificates" + (waits ? ", waiting for verification" : ""), on: db)
            return Closed(completed: completed.count, certificatesIssued: issued,
                          verification: .init(selected: waits, reasons: selection?.reasons.map(\.rawValue) ?? []))
        }
    }

    /// The provider enrols a named member in a place on the run (409 when it is full or closed).
    package func enrol(runID: UUID, email: String?, by user: User, links: Links) async throws -> Booking {
        let run = try await providedRun(runID, by: user)
        // Until the run closes: a provider may also enrol someone who turns up on the day.
        try requireOpen(run)
        let address = (email ?? "").trimmed.lowercased()
        guard let delegate = try await User.query(on: db).filter(\.$email == address).filter(\.$status == .approved).first() else {
            throw ServiceError.invalid([FieldError("email", "There is no approved PrepRoom account with that email; ask the delegate to register first")])
        }
        let delegateID = try delegate.requireID()
        let confirmation = Notices.confirmed(to: delegate.email, name: delegate.name, run: links.facts(run), calendar: links.calendar(run))
        do {
            return try await db.writeTransaction { db in
                let (booking, placed) = try await BookingStore.place(userID: delegateID, runID: runID, now: now, on: db)
                guard placed == .confirmed else {
                    throw ServiceError.conflict("run_full", "This run is full. Raise its capacity to enrol another delegate, or choose another run.")
                }
                try await AuditEntry.record("booking.enrolled", subject: "booking:\(try booking.requireID())", actor: user.id,
                                            details: "run:\(runID), \(delegate.email)", on: db)
                try await OutboxMessage.queue(confirmation, at: now, on: db)
                booking.$user.value = delegate
                return booking
            }
        } catch let refusal as BookingRefusal {
            throw BookingDesk.error(refusal)
        }
    }
}
