import Foundation

/// The day the admins' registration digest belongs to. Every `serve` instance asks each
/// hour whether one is due, and admins should find it in the morning, not just after
/// midnight, so a digest's day runs from 07:00 to 07:00 London time (clock changes
/// included: it is the local hour that counts).
public enum DigestDay {
    public static let startHour = 7

    /// The digest day `now` falls in, as its first date ("2027-03-28").
    public static func of(_ now: Date) -> String {
        let calendar = ServiceTime.calendar
        guard calendar.component(.hour, from: now) < startHour else { return ServiceTime.isoDay(now) }
        return ServiceTime.isoDay(calendar.date(byAdding: .day, value: -1, to: now) ?? now.addingTimeInterval(-86_400))
    }
}
