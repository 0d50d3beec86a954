import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// A person's bookings and the days they attended. Erasure keeps both as rows of the
/// anonymous account, so past runs' numbers and every report stay as they were; only the
/// cancellation reasons go, as free text that may say anything about the person.
extension PersonalDataArea {
    public static let bookings = PersonalDataArea(
        name: "Bookings",
        tables: [Booking.schema, Attendance.schema],
        export: { subject, db in
            struct Row: Decodable {
                var id: UUID, courseCode: String, courseTitle: String, startsAt: Date, endsAt: Date, venue: String?
                var status: BookingStatus, queueNumber: Int?, bookedAt: Date, confirmedAt: Date?, cancelledAt: Date?
                var cancelReason: String?, completed: Bool, completedAt: Date?, outcome: String?
            }
            struct Day: Decodable { var bookingId: UUID, sessionPosition: Int, present: Bool, recordedAt: Date }
            let sql = db as! any SQLDatabase
            let rows = try await sql.raw("""
                SELECT b.id, c.code AS course_code, c.title AS course_title, r.starts_at, r.ends_at, r.venue, b.status,
                       b.queue_number, b.booked_at, b.confirmed_at, b.cancelled_at, b.cancel_reason, b.completed,
                       b.completed_at, b.outcome
                FROM bookings b JOIN runs r ON r.id = b.run_id JOIN courses c ON c.id = r.course_id
                WHERE b.user_id = \(bind: subject.id) ORDER BY r.starts_at, b.booked_at
                """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
            let days = try await sql.raw("""
                SELECT a.booking_id, a.session_position, a.present, a.recorded_at FROM attendance a
                JOIN bookings b ON b.id = a.booking_id WHERE b.user_id = \(bind: subject.id) ORDER BY a.session_position
                """).all(decoding: Day.self, keyDecodingStrategy: .convertFromSnakeCase)
            let byBooking = Dictionary(grouping: days, by: \.bookingId)
            let bookings = rows.map { row in
                PersonalRecord([
                    ("course", "\(row.courseCode) \(row.courseTitle)"), ("starts", PersonalRecord.text(row.startsAt)),
                    ("ends", PersonalRecord.text(row.endsAt)), ("venue", row.venue), ("status", row.status.rawValue),
                    ("waitingListNumber", row.queueNumber.map(String.init)), ("booked", PersonalRecord.text(row.bookedAt)),
                    ("confirmed", PersonalRecord.text(row.confirmedAt)), ("cancelled", PersonalRecord.text(row.cancelledAt)),
                    ("cancellationReason", row.cancelReason), ("completed", row.completed ? "yes" : "no"),
                    ("completedAt", PersonalRecord.text(row.completedAt)),
                    ("result", row.outcome.flatMap(ResultOutcome.init(rawValue:))?.label),
                    ("attendance", byBooking[row.id].map { days in
                        days.map { "day \($0.sessionPosition + 1): \($0.present ? "present" : "absent")" }.joined(separator: ", ")
                    }),
                ])
            }
            return [PersonalSection(key: "bookings", title: "Bookings and attendance",
                                    why: "To hold your place, run the waiting list, record attendance and results, and issue certificates.",
                                    records: bookings)]
        },
        erase: { subject, _, db in
            try await Booking.query(on: db).filter(\.$user.$id == subject.id).filter(\.$cancelReason != nil)
                .set(\.$cancelReason, to: nil).update()
        })
}
