import Metrics
import PrepRoomStore

/// What the booking desk counts for `/metrics`: places taken, waiting-list joins, and
/// places handed on from the waiting list when someone cancels.
enum BookingMetrics {
    static func placed(_ placed: BookingStore.Placed) {
        switch placed {
        case .confirmed: Counter(label: "preproom_bookings_total", dimensions: [("placed", "confirmed")]).increment()
        case .waitlisted: Counter(label: "preproom_bookings_total", dimensions: [("placed", "waitlisted")]).increment()
        }
    }

    static func released(_ released: BookingStore.Released) {
        Counter(label: "preproom_cancellations_total").increment()
        if released.promoted != nil { Counter(label: "preproom_waitlist_promotions_total").increment() }
    }
}
