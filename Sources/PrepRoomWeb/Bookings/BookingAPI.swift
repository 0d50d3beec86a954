import Fluent
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// Booking places, the waiting list, enrolment by a provider, and delivery (attendance,
/// results, closing), for API clients.
struct BookingAPI: RouteCollection {
    struct Cancellation: Content { var reason: String? }
    struct Move: Content { var runId: String; var reason: String }
    struct AttendanceInput: Content { var bookingId: String; var session: Int; var present: Bool }
    struct ResultInput: Content { var bookingId: String; var outcome: ResultOutcome }
    struct Enrolment: Content { var email: String? }

    func boot(routes: any RoutesBuilder) throws {
        routes.post("runs", ":runID", "bookings", use: book)
        routes.get("runs", ":runID", "bookings", use: runBookings)
        routes.post("runs", ":runID", "attendance", use: attendance)
        routes.post("runs", ":runID", "results", use: result)
        routes.post("runs", ":runID", "close", use: close)
        routes.delete("bookings", ":bookingID", use: cancel)
        routes.post("bookings", ":bookingID", "move", use: move)
        routes.get("me", "bookings", use: myBookings)
        routes.post("runs", ":runID", "enrolments", use: enrol)
    }

    func book(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let outcome = try await BookingDesk(req).book(runID: try req.runID(), for: user)
        var position: Int?
        if case .waitlisted(let place) = outcome.placed { position = place }
        return try await BookingDTO(outcome.booking, position: position).encodeResponse(status: .created, for: req)
    }

    func cancel(req: Request) async throws -> BookingDTO {
        let user = try req.requireUser()
        guard let id = req.parameters.get("bookingID", as: UUID.self) else { throw ServiceError.notFound("booking") }
        let reason = try req.optionalBody(Cancellation.self)?.reason
        _ = try await BookingDesk(req).cancel(bookingID: id, by: user, reason: reason)
        guard let booking = try await BookingStore.find(id, on: req.db) else { throw ServiceError.notFound("booking") }
        return BookingDTO(booking)
    }

    func move(req: Request) async throws -> BookingDTO {
        let user = try req.requireUser()
        guard let id = req.parameters.get("bookingID", as: UUID.self) else { throw ServiceError.notFound("booking") }
        let body = try req.decodeBody(Move.self)
        guard let target = UUID(uuidString: body.runId) else {
            throw ServiceError(.unprocessableEntity, "invalid", "runId is not a run id.", field: "runId")
        }
        let outcome = try await BookingDesk(req).move(bookingID: id, toRunID: target, reason: body.reason, by: user)
        var position: Int?
        if case .waitlisted(let place) = outcome.placed { position = place }
        return BookingDTO(outcome.booking, position: position)
    }

    func runBookings(req: Request) async throws -> ListDTO<BookingDTO> {
        let user = try req.requireUser()
        let run = try await ProvidedRun.find(try req.runID(), by: user, on: req.db)
        let items = try await RosterQuery.lines(of: run.requireID(), on: req.db).map(BookingDTO.init(roster:))
        return ListDTO(items: items, total: items.count)
    }

    func myBookings(req: Request) async throws -> ListDTO<BookingDTO> {
        let user = try req.requireUser()
        let rows = try await MemberBookingsQuery.bookings(of: try user.requireID(), on: req.db)
        return ListDTO(items: rows.map(BookingDTO.init(member:)), total: rows.count)
    }

    func attendance(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        let body = try req.decodeBody(AttendanceInput.self)
        try await RunDelivery(db: req.db).recordAttendance(runID: try req.runID(), bookingID: UUID(uuidString: body.bookingId),
                                                           session: body.session, present: body.present, by: user)
        return .ok
    }

    func result(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        let body = try req.decodeBody(ResultInput.self)
        try await RunDelivery(db: req.db).recordResult(runID: try req.runID(), bookingID: UUID(uuidString: body.bookingId),
                                                       outcome: body.outcome, by: user)
        return .ok
    }

    func close(req: Request) async throws -> RunDelivery.Closed {
        try await RunDelivery(db: req.db).close(runID: try req.runID(), by: try req.requireUser(), links: Links(req))
    }

    /// A coordinator (or course admin) enrols a delegate on a run they provide.
    func enrol(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let booking = try await RunDelivery(db: req.db).enrol(runID: try req.runID(), email: try req.decodeBody(Enrolment.self).email,
                                                              by: user, links: Links(req))
        return try await BookingDTO(booking).encodeResponse(status: .created, for: req)
    }
}

extension RunDelivery.Closed: Content {}
extension RunDelivery.Closed.Verification: Content {}
