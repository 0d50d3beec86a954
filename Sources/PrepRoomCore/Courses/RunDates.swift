import Foundation

/// A run's dates in words, for pages and emails alike: "Tue 3 September 2024, 09:30–15:30",
/// or "Tue 3 September 2024 to Wed 4 September 2024 (2 sessions)".
public enum RunDates {
    public static func text(_ sessions: [SessionTimes], startsAt: Date) -> String {
        guard let first = sessions.first, let last = sessions.last else { return ServiceTime.day(startsAt) }
        if sessions.count == 1 {
            return "\(ServiceTime.day(first.start)), \(ServiceTime.clock(first.start))–\(ServiceTime.clock(first.end))"
        }
        return "\(ServiceTime.day(first.start)) to \(ServiceTime.day(last.start)) (\(sessions.count) sessions)"
    }
}
