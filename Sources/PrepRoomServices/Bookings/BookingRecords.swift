import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// Everyone booked on a run, in booking order, with their waiting-list positions and the
/// sessions they attended: the provider's page and the API read the same list.
package enum RunRoster {
    package struct Line {
        package var booking: Booking
        package var user: User
        package var position: Int?
        package var attended: Set<Int>
    }

    package static func lines(of runID: UUID, on db: any Database) async throws -> [Line] {
        let bookings = try await BookingStore.roster(runID: runID, on: db)
        let positions = try await BookingStore.positions(runID: runID, on: db)
        return bookings.map { booking in
            Line(booking: booking, user: booking.user, position: booking.id.flatMap { positions[$0] },
                 attended: Set(booking.attendance.filter(\.present).map(\.sessionPosition)))
        }
    }
}

/// A member's own bookings, with their runs and waiting-list positions, latest run first.
package enum MyRecords {
    package struct Row {
        package var booking: Booking
        package var run: Run
        package var position: Int?
    }

    package static func bookings(of userID: UUID, on db: any Database) async throws -> [Row] {
        var rows: [Row] = []
        for booking in try await BookingStore.bookings(of: userID, on: db) {
            var position: Int?
            if booking.status == .waitlisted, let number = booking.queueNumber {
                position = try await BookingStore.position(runID: booking.$run.id, queueNumber: number, on: db)
            }
            rows.append(Row(booking: booking, run: booking.run, position: position))
        }
        return rows.sorted { $0.run.startsAt > $1.run.startsAt }
    }
}
