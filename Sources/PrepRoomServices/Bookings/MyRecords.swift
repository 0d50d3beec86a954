import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

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
