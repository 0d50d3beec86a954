import Fluent
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// Booking from the run page, My bookings, and the provider's delegate pages.
struct BookingPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("runs", ":runID", "book", use: book)
        routes.post("bookings", ":bookingID", "cancel", use: cancel)
        routes.get("bookings", ":bookingID", "manage", use: manage)
        routes.post("bookings", ":bookingID", "move", use: move)
        routes.get("me", "bookings", use: myBookings)
        routes.get("runs", ":runID", "delegates", use: delegates)
        routes.post("runs", ":runID", "delivery", use: saveDelivery)
        routes.post("runs", ":runID", "close", use: close)
        routes.get("runs", ":runID", "sign-in-sheet", use: signInSheet)
        routes.get("runs", ":runID", "sign-in-sheet.csv", use: signInSheetCSV)
        routes.get("runs", ":runID", "delegates.csv", use: delegatesCSV)
        routes.post("runs", ":runID", "enrolments", use: enrol)
    }

    private func bookingID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("bookingID", as: UUID.self) else { throw ServiceError.notFound("booking") }
        return id
    }

    /// Conflicts (full, closed, twice…) come back to the page as a message, not an error page.
    private func attempt(_ req: Request, back: String, _ action: () async throws -> String) async throws -> Response {
        try await req.attempt(back: back, action)
    }

    func book(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let runID = try req.runID()
        return try await attempt(req, back: SiteURL.run(runID).path) {
            let outcome = try await BookingDesk(req).book(runID: runID, for: user)
            switch outcome.placed {
            case .confirmed: return "Your place is confirmed. We have emailed you the details."
            case .waitlisted(let position): return "The run is full: you are number \(position) on the waiting list."
            }
        }
    }

    func cancel(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let id = try bookingID(req)
        let form = FormData(req)
        let next = AccountPages.safeNext(form["back"])
        let back = next == "/" ? SiteURL.me(.bookings).path : next
        if !req.isConfirmed {
            do {
                let (booking, run, isHolder) = try await BookingDesk(req).cancellable(bookingID: id, by: user)
                return Self.cancelConfirmation(booking, run: run, isHolder: isHolder, form: form, back: back).response(for: req, needsCSRF: true)
            } catch let error as ServiceError where error.status == .conflict {
                req.flashRefusal(error.message)
                return req.redirect(to: back)
            }
        }
        return try await attempt(req, back: back) {
            let released = try await BookingDesk(req).cancel(bookingID: id, by: user, reason: form["cancelReason"])
            return released.previousStatus == .waitlisted ? "You have left the waiting list." : "The booking is cancelled."
                + (released.promoted == nil ? "" : " The place has gone to the first person on the waiting list.")
        }
    }

    /// What cancelling this booking does, said before it is done.
    static func cancelConfirmation(_ booking: Booking, run: Run, isHolder: Bool, form: FormData, back: String) -> ConfirmationPage {
        let what = "\(run.course.title), \(RunViews.dates(run))"
        let waiting = booking.status == .waitlisted
        let consequences: [String]
        switch (isHolder, waiting) {
        case (true, true):
            consequences = ["You will leave the waiting list for \(what).", "If you join it again, you go to the end of the list."]
        case (true, false):
            consequences = ["Your place on \(what) will be cancelled, and offered to the first person on the waiting list.",
                            "This cannot be undone: if you change your mind, book again (onto the waiting list if the run is full by then)."]
        case (false, _):
            consequences = ["\(booking.user.name)'s \(waiting ? "place on the waiting list for" : "place on") \(what) will be cancelled, and they are emailed (with your reason, if you gave one)."
                            + (waiting ? "" : " The place goes to the first person on the waiting list."),
                            "This cannot be undone."]
        }
        return ConfirmationPage(title: waiting && isHolder ? "Leave the waiting list?" : "Cancel this place?", consequences: consequences,
                                action: SiteURL.booking(booking.linkID, .cancel).path,
                                fields: [("back", back), ("cancelReason", form["cancelReason"] ?? "")],
                                button: waiting && isHolder ? "Leave the waiting list" : "Cancel the place", back: back)
    }

    private func manageContext(_ req: Request, _ id: UUID) async throws -> (Booking, Run, [Run]) {
        try req.require(\.managesBookings, "Only course admins can cancel or move other people's bookings.")
        guard let booking = try await BookingStore.find(id, on: req.db),
              let run = try await RunStore.find(booking.$run.id, on: req.db) else { throw ServiceError.notFound("booking") }
        let others = try await RunStore.upcoming(courseID: run.$course.id, on: req.db).filter { $0.id != run.id && $0.status == .scheduled }
        return (booking, run, others)
    }

    func manage(req: Request) async throws -> Response {
        let (booking, run, others) = try await manageContext(req, try bookingID(req))
        return ManageBookingPage(booking: booking, user: booking.user, run: run, otherRuns: others).response(for: req, needsCSRF: true)
    }

    func move(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let id = try bookingID(req)
        let (booking, run, others) = try await manageContext(req, id)
        let form = FormData(req)
        do {
            guard let target = form["runId"].flatMap(UUID.init(uuidString:)) else {
                throw ServiceError.invalid([FieldError("runId", "Choose a run to move the booking to")])
            }
            let outcome = try await BookingDesk(req).move(bookingID: id, toRunID: target, reason: form["reason"] ?? "", by: user)
            req.flash("\(booking.user.name) is moved" + (outcome.placed == .confirmed ? " with a confirmed place." : " onto that run's waiting list."))
            return req.redirect(to: SiteURL.run(try run.requireID(), .delegates).path)
        } catch let error as ServiceError where error.status == .unprocessableEntity || error.status == .conflict {
            return ManageBookingPage(booking: booking, user: booking.user, run: run, otherRuns: others,
                                     errors: error.formErrors(defaultField: "runId"))
                .response(for: req, status: error.status, needsCSRF: true)
        }
    }

    func myBookings(req: Request) async throws -> Response {
        let user = try req.requireUser()
        return MyBookingsPage(rows: try await MemberBookingsQuery.bookings(of: user.requireID(), on: req.db)).response(for: req)
    }

    private func lines(of run: Run, on db: any Database) async throws -> [DelegatesPage.Line] {
        try await RosterQuery.lines(of: run.requireID(), on: db)
    }

    func delegates(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let run = try await ProvidedRun.find(try req.runID(), by: user, on: req.db)
        let certificates = run.status == .closed ? try await CertificateStore.numbers(issuedFor: run.requireID(), on: req.db) : [:]
        return DelegatesPage(run: run, lines: try await lines(of: run, on: req.db),
                             canManage: user.permissions.managesBookings, certificates: certificates).response(for: req)
    }

    /// The provider enrols a named member (centres fill runs this way too).
    func enrol(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let runID = try req.runID()
        return try await attempt(req, back: SiteURL.run(runID, .delegates).path) {
            let booking = try await RunDelivery(db: req.db).enrol(runID: runID, email: FormData(req)["email"], by: user, links: Links(req))
            return "\(booking.user.name) is enrolled and has been emailed the details."
        }
    }

    /// Saves every confirmed delegate's attendance boxes and result in one go.
    func saveDelivery(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let delivery = RunDelivery(db: req.db)
        let run = try await ProvidedRun.find(try req.runID(), by: user, on: req.db)
        let runID = try run.requireID()
        let form = FormData(req)
        return try await attempt(req, back: SiteURL.run(runID, .delegates).path) {
            for line in try await lines(of: run, on: req.db) where line.status == .confirmed {
                let id = line.bookingID
                for session in run.orderedSessions {
                    let present = form.flag("present-\(id)-\(session.position)")
                    if present != line.attended.contains(session.position) {
                        try await delivery.recordAttendance(runID: runID, bookingID: id, session: session.position, present: present, by: user)
                    }
                }
                if let outcome = form["result-\(id)"].flatMap(ResultOutcome.init(rawValue:)), outcome != line.outcome {
                    try await delivery.recordResult(runID: runID, bookingID: id, outcome: outcome, by: user)
                }
            }
            return "Attendance and results saved."
        }
    }

    func close(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let runID = try req.runID()
        if !req.isConfirmed {
            let run = try await ProvidedRun.find(runID, by: user, on: req.db)
            return ConfirmationPage(title: "Close the run and issue certificates?",
                                    consequences: ["Closing \(run.course.title), \(RunViews.dates(run)) works out who completed it (every session attended, and passed where assessed) and issues their certificates, or sends the results for verification first when the run is selected.",
                                                   "Attendance and results are final afterwards: nobody can change them."],
                                    action: SiteURL.run(runID, .close).path, button: "Close run and issue certificates",
                                    buttonStyle: "btn-warning", back: SiteURL.run(runID, .delegates).path)
                .response(for: req, needsCSRF: true)
        }
        return try await attempt(req, back: SiteURL.run(runID, .delegates).path) {
            let closed = try await RunDelivery(db: req.db).close(runID: runID, by: user, links: Links(req))
            let verification = closed.verification.selected
                ? " The run is selected for verification (\(closed.verification.reasons.compactMap(ExternalVerificationReason.init(rawValue:)).map(\.label).joined(separator: ", "))): certificates are issued once a verifier accepts it."
                : ""
            return "Run closed: \(closed.completed) completed, \(closed.certificatesIssued) certificate\(closed.certificatesIssued == 1 ? "" : "s") issued." + verification
        }
    }

    private func confirmedDelegates(_ req: Request) async throws -> (Run, [DelegatesPage.Line]) {
        let user = try req.requireUser()
        let run = try await ProvidedRun.find(try req.runID(), by: user, on: req.db)
        return (run, try await lines(of: run, on: req.db).filter { $0.status == .confirmed }.sorted { $0.name < $1.name })
    }

    func signInSheet(req: Request) async throws -> Response {
        let (run, lines) = try await confirmedDelegates(req)
        return SignInSheetPage(run: run, delegates: lines).response(for: req)
    }

    func signInSheetCSV(req: Request) async throws -> Response {
        let (run, lines) = try await confirmedDelegates(req)
        let days = run.orderedSessions.map { "Day \($0.position + 1) (\(ServiceTime.isoDay($0.startsAt)))" }
        let rows = [["Name", "Email"] + days] + lines.map { [$0.name, $0.email] + days.map { _ in "" } }
        return CSV.response(CSV.render(rows), filename: "sign-in-sheet-\(run.course.code)-\(ServiceTime.isoDay(run.startsAt)).csv")
    }

    func delegatesCSV(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let run = try await ProvidedRun.find(try req.runID(), by: user, on: req.db)
        let all = try await lines(of: run, on: req.db)
        let sessions = run.orderedSessions
        var rows = [["Name", "Email", "Status", "Waiting list position", "Booked at"] + sessions.map { "Day \($0.position + 1) attended" } + ["Result"]]
        for line in all {
            rows.append([line.name, line.email, line.status.rawValue, line.position.map(String.init) ?? "",
                         ISO8601DateFormatter().string(from: line.bookedAt)]
                        + sessions.map { line.attended.contains($0.position) ? "yes" : "" } + [line.outcome?.label ?? ""])
        }
        return CSV.response(CSV.render(rows), filename: "delegates-\(run.course.code)-\(ServiceTime.isoDay(run.startsAt)).csv")
    }
}
