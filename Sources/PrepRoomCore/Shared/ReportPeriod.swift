import Foundation

/// The period a report covers: both days included, stored as [from, to) with `to` the
/// day after the last.
public enum ReportPeriod {
    /// The period from the days a person asked for; by default the academic year
    /// (1 August to 31 July) that holds `now`.
    /// Every day the service can hold: a report asked for one run, course or centre without
    /// dates covers its whole life, not the current academic year.
    public static var wholeLife: (from: Date, to: Date) {
        (ServiceTime.london(ServiceTime.years.lowerBound, 1, 1), ServiceTime.london(ServiceTime.years.upperBound, 12, 31))
    }

    public static func resolve(firstDay: Date?, lastDay: Date?, now: Date = Date()) -> (from: Date, to: Date)? {
        let parts = ServiceTime.calendar.dateComponents([.year, .month], from: now)
        let year = parts.year ?? 2000
        let startYear = (parts.month ?? 1) >= 8 ? year : year - 1
        let from = firstDay ?? ServiceTime.london(startYear, 8, 1)
        guard let to = lastDay.map({ ServiceTime.calendar.date(byAdding: .day, value: 1, to: $0) }) ?? ServiceTime.london(startYear + 1, 8, 1),
              to > from else { return nil }
        return (from, to)
    }

    /// A range where either end may be left open (the audit log: "from", "to", or both),
    /// as [from, before) with `before` the day after the last day; nil when the last day
    /// comes before the first.
    public static func openRange(firstDay: Date?, lastDay: Date?) -> (from: Date?, before: Date?)? {
        let before = lastDay.flatMap { ServiceTime.calendar.date(byAdding: .day, value: 1, to: $0) }
        if let firstDay, let before, before <= firstDay { return nil }
        return (firstDay, before)
    }

    public static func lastDay(before to: Date) -> Date { ServiceTime.calendar.date(byAdding: .day, value: -1, to: to) ?? to }
}
