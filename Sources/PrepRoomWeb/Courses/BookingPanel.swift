import Fluent
import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// What the run page offers the person looking at it: sign in, book, join the waiting
/// list, their own place with a way to give it up, or why they cannot book.
enum BookingPanel {
    case signedOut(full: Bool)
    case holds(Booking, position: Int?, mayCancel: Bool, cutOff: Date?)
    case canBook(full: Bool)
    case refused(BookingRefusal)

    static func state(for user: User?, run: Run, on db: any Database, now: Date = Date()) async throws -> BookingPanel {
        let full = run.placesLeft == 0
        guard let user, let userID = user.id, let runID = run.id else {
            if let refusal = BookingRules.refusal(toBook: run.state, now: now, holdsBooking: false, refreshes: nil, heldCourseCodes: []) {
                return .refused(refusal)
            }
            return .signedOut(full: full)
        }
        if let booking = try await BookingStore.activeBooking(userID: userID, runID: runID, on: db) {
            let position = try await booking.queueNumber.asyncMap { try await BookingStore.position(runID: runID, queueNumber: $0, on: db) }
            let mayCancel = BookingRules.refusal(toCancel: booking.status, run: run.state, byStaff: false, now: now) == nil
            return .holds(booking, position: position, mayCancel: mayCancel,
                          cutOff: run.cancellationCutOffHours == nil ? nil : run.state.cancellationCutOff)
        }
        let (parent, held) = try await BookingDesk.prerequisite(refresherOf: run.course.refresherOf, userID: userID, on: db)
        if let refusal = BookingRules.refusal(toBook: run.state, now: now, holdsBooking: false, refreshes: parent, heldCourseCodes: held) {
            return .refused(refusal)
        }
        return .canBook(full: full)
    }

    func view(run: Run, csrf: String?) -> BodyNode {
        let runID = run.linkID
        switch self {
        case .signedOut(let full):
            return .div(.class("card card-body mb-4"), .id("booking"),
                .p(.class("mb-2"), .text(full ? "This run is full; you can join its waiting list." : "Places are available.")),
                .p(.class("mb-0"), .a(.class("btn btn-primary"), .attr("href", SiteURL.signIn(next: SiteURL.run(runID).path).path), .text("Sign in to book"))))
        case .canBook(let full):
            return .div(.class("card card-body mb-4"), .id("booking"),
                .p(.text(full ? "This run is full. Join the waiting list and a freed place comes to you in turn." : "A place is available for you.")),
                H.form(action: SiteURL.run(runID, .book).path, csrf: csrf, [H.button(full ? "Join the waiting list" : "Book a place")]))
        case .holds(let booking, let position, let mayCancel, let cutOff):
            let status = booking.status == .confirmed
                ? "Your place is confirmed."
                : "You are number \(position ?? 0) on the waiting list."
            return .div(.class("card card-body mb-4 border-success"), .id("booking"),
                .p(.class("fw-semibold"), .attribute(named: "role", value: "status"), .text(status)),
                .unwrap(cutOff) { .p(.class("small"), .text("You can cancel online until \(ServiceTime.day($0)) at \(ServiceTime.clock($0)).")) },
                mayCancel
                    ? H.form(action: SiteURL.booking(booking.linkID, .cancel).path, csrf: csrf, [
                        H.hidden("back", SiteURL.run(runID).path),
                        H.button(booking.status == .confirmed ? "Cancel my place" : "Leave the waiting list", style: "btn-outline-danger")])
                    : .p(.class("small mb-0"), .text("The online cancellation cut-off has passed; "),
                       .a(.attr("href", SiteURL.contact.path), .text("contact the service")), .text(" to cancel.")))
        case .refused(let refusal):
            var node: BodyNode = .p(.class("mb-0"), .text(refusal.message))
            if case .prerequisiteMissing(let code, let title) = refusal {
                node = .p(.class("mb-0"), .text(refusal.message + " "), .a(.attr("href", SiteURL.course(code: code).path), .text("See \(title)")))
            }
            return .div(.class("card card-body mb-4 bg-body-tertiary"), .id("booking"), node)
        }
    }
}
