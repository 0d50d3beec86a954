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
