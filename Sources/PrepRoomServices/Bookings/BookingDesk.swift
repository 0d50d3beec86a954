import FluentKit
import PrepRoomCore
import PrepRoomStore
import Foundation

/// Booking, cancelling, leaving the waiting list and moving: each a rule check, then one
/// transaction that changes the bookings, records the audit entry and queues the email.
package struct BookingDesk {
    package let db: any Database
    package let links: Links
    package var now = Date()

    package init(db: any Database, links: Links, now: Date = Date()) {
        self.db = db; self.links = links; self.now = now
    }

    package struct Outcome {
        package var booking: Booking
        package var placed: BookingStore.Placed

        package init(booking: Booking, placed: BookingStore.Placed) {
            self.booking = booking; self.placed = placed
        }
    }

    package func book(runID: UUID, for user: User) async throws -> Outcome {
        guard let run = try await RunForBooking.load(runID, on: db) else { throw ServiceError.notFound("run") }
        let userID = try user.requireID()
        let active = try await BookingStore.holdsBooking(userID: userID, runID: runID, on: db)
        let (parent, held) = try await Self.prerequisite(refresherOf: run.refresherOf, userID: userID, on: db)
        if let refusal = BookingRules.refusal(toBook: run.state, now: now, holdsBooking: active, refreshes: parent, heldCourseCodes: held) {
            throw Self.error(refusal)
        }
        // Everything that can be prepared is prepared before the run's row is locked.
        let facts = links.facts(run)
        let (email, name) = (user.email, user.name)
        let booking = NewBooking(userID: userID, runID: runID, now: now,
                                 confirmation: Notices.confirmed(to: email, name: name, run: facts, calendar: links.calendar(run)),
                                 waitlisted: { Notices.waitlisted(to: email, name: name, run: facts, position: $0) })
        do {
            let (placedBooking, placed) = try await booking.place(on: db)
            BookingMetrics.placed(placed)
            return Outcome(booking: placedBooking, placed: placed)
        } catch let refusal as BookingRefusal {
            throw Self.error(refusal)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two requests by one person at once: the unique index lets only one through.
            throw Self.error(.alreadyBooked)
        }
    }

    /// Cancels a booking (or leaves the waiting list). Holders until the cut-off; staff and
    /// the run's provider at any time before the run closes.
    /// A booking `actor` may cancel now, with its run: what `cancel` checks first, and what
    /// the page that asks "are you sure?" names. 404, 403 or the rule's refusal otherwise.
    package func cancellable(bookingID: UUID, by actor: User) async throws -> (booking: Booking, run: Run, isHolder: Bool) {
        guard let booking = try await Booking.query(on: db).filter(\.$id == bookingID).with(\.$user).first(),
              let run = try await RunStore.find(booking.$run.id, on: db) else {
            throw ServiceError.notFound("booking")
        }
        let isHolder = booking.$user.id == (try actor.requireID())
        let byStaff = actor.permissions.managesBookings || actor.permissions.provides(runCentre: run.$centre.id, ownCentre: actor.centreID)
        guard isHolder || byStaff else { throw ServiceError.forbidden(BookingRefusal.notYours.message) }
        if let refusal = BookingRules.refusal(toCancel: booking.status, run: run.state, byStaff: byStaff && !isHolder, now: now) {
            throw Self.error(refusal)
        }
        return (booking, run, isHolder)
    }

    package func cancel(bookingID: UUID, by actor: User, reason: String? = nil) async throws -> BookingStore.Released {
        let (booking, run, isHolder) = try await cancellable(bookingID: bookingID, by: actor)
        let actorID = try actor.requireID()
        do {
            let released = try await db.writeTransaction { db in
                let released = try await BookingStore.release(bookingID, by: actorID, reason: reason, now: now, on: db)
                try await AuditEntry.record(released.previousStatus == .waitlisted ? "booking.left_waitlist" : "booking.cancelled",
                                            subject: "booking:\(bookingID)", actor: actorID,
                                            details: "run:\(try run.requireID())" + (reason.map { ", reason: \($0)" } ?? ""), on: db)
                try await OutboxMessage.queue(Notices.cancelled(to: booking.user.email, name: booking.user.name, run: links.facts(run),
                                                          byStaff: !isHolder, reason: reason), at: now, on: db)
                if let promoted = released.promoted {
                    try await notifyPromotion(promoted, run: run, on: db)
                }
                return released
            }
            BookingMetrics.released(released)  // counted once committed
            return released
        } catch let refusal as BookingRefusal {
            throw Self.error(refusal)
        }
    }

    /// Staff move a booking to another run of the same course, with a recorded reason.
    package func move(bookingID: UUID, toRunID: UUID, reason: String, by actor: User) async throws -> Outcome {
        guard actor.permissions.managesBookings else { throw ServiceError.forbidden("Only course admins can move bookings.") }
        let reason = reason.trimmed
        guard !reason.isEmpty else { throw ServiceError.invalid([FieldError("reason", "Enter the reason for the move")]) }
        guard let booking = try await Booking.query(on: db).filter(\.$id == bookingID).with(\.$user).first(),
              booking.status != .cancelled, let from = try await RunStore.find(booking.$run.id, on: db) else {
            throw ServiceError.notFound("active booking")
        }
        if let refusal = BookingRules.refusal(toMoveFrom: from.state) { throw Self.error(refusal) }
        guard let to = try await RunStore.find(toRunID, on: db) else {
            throw ServiceError.invalid([FieldError("runId", "Choose a run to move the booking to")])
        }
        guard to.$course.id == from.$course.id, to.id != from.id else {
            throw ServiceError.invalid([FieldError("runId", "Choose another run of the same course")])
        }
        guard to.status == .scheduled, to.startsAt > now else { throw Self.error(to.status == .cancelled ? .runCancelled : .runStarted) }
        let actorID = try actor.requireID()
        do {
            return try await db.writeTransaction { db in
                // Both runs' rows in a fixed order, so two opposite moves cannot deadlock.
                for id in [try from.requireID(), toRunID].sorted(by: { $0.uuidString < $1.uuidString }) {
                    try await BookingStore.lockRun(id, on: db)
                }
                let released = try await BookingStore.release(bookingID, by: actorID, reason: "Moved: \(reason)", now: now, on: db)
                let (moved, placed) = try await BookingStore.place(userID: booking.$user.id, runID: toRunID, now: now, on: db)
                try await AuditEntry.record("booking.moved", subject: "booking:\(bookingID)", actor: actorID,
                                            details: "to booking:\(try moved.requireID()) on run:\(toRunID), reason: \(reason)", on: db)
                try await OutboxMessage.queue(Notices.moved(to: booking.user.email, name: booking.user.name, from: links.facts(from),
                                                      to: links.facts(to), confirmed: placed == .confirmed, reason: reason), at: now, on: db)
                if let promoted = released.promoted { try await notifyPromotion(promoted, run: from, on: db) }
                return Outcome(booking: moved, placed: placed)
            }
        } catch let refusal as BookingRefusal {
            throw Self.error(refusal)
        }
    }

    /// For a refresher: the course it refreshes, and the course codes the person holds or
    /// held a certificate of (what `BookingRules` needs to judge the prerequisite).
    package static func prerequisite(refresherOf code: String?, userID: UUID, on db: any Database) async throws
        -> (parent: (code: String, title: String)?, held: Set<String>) {
        guard let code, let course = try await CatalogueQuery.course(code: code, on: db) else { return (nil, []) }
        return ((course.code, course.title), try await CertificateStore.certificatedCourseCodes(userID: userID, on: db))
    }

    /// Gives up every place a person holds or waits for on runs that have not started: run
    /// inside the transaction that erases their account, so the places go to the waiting
    /// lists at once. Nobody is emailed about the cancellation (their address is going);
    /// whoever is promoted is.
    package func releaseUpcoming(of userID: UUID, by actor: UUID?, on db: any Database) async throws -> [BookingStore.Released] {
        let upcoming = try await Booking.query(on: db).filter(\.$user.$id == userID).filter(\.$status != .cancelled)
            .join(Run.self, on: \Booking.$run.$id == \Run.$id).filter(Run.self, \.$startsAt > now).all()
        var released: [BookingStore.Released] = []
        for booking in upcoming {
            let bookingID = try booking.requireID()
            guard let run = try await RunStore.find(booking.$run.id, on: db) else { continue }
            let one = try await BookingStore.release(bookingID, by: actor, reason: nil, now: now, on: db)
            try await AuditEntry.record(one.previousStatus == .waitlisted ? "booking.left_waitlist" : "booking.cancelled",
                                        subject: "booking:\(bookingID)", actor: actor, details: "run:\(try run.requireID()), account erased", on: db)
            if let promoted = one.promoted { try await notifyPromotion(promoted, run: run, on: db) }
            released.append(one)
        }
        return released
    }

    private func notifyPromotion(_ promoted: Booking, run: Run, on db: any Database) async throws {
        try await promoted.$user.load(on: db)
        try await AuditEntry.record("booking.promoted", subject: "booking:\(try promoted.requireID())", actor: nil,
                                    details: "run:\(try run.requireID()), from the waiting list", on: db)
        try await OutboxMessage.queue(Notices.promoted(to: promoted.user.email, name: promoted.user.name, run: links.facts(run),
                                                 calendar: links.calendar(run)), at: now, on: db)
    }

    package static func error(_ refusal: BookingRefusal) -> ServiceError {
        switch refusal {
        case .notYours: ServiceError(.forbidden, refusal.code, refusal.message)
        default: ServiceError(.conflict, refusal.code, refusal.message)
        }
    }
}
