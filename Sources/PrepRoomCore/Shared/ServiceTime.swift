import Foundation

/// Times are stored in UTC and shown in Europe/London (ARCHITECTURE.md).
public enum ServiceTime {
    public static let zone = TimeZone(identifier: "Europe/London")!

    /// Made once: a calendar with its zone costs microseconds to make, and pages ask for
    /// one for every date they show. A value type, so callers that change it change a copy.
    public static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        calendar.locale = Locale(identifier: "en_GB")
        return calendar
    }()

    /// A moment given as London wall-clock time, as the texts give dates.
    public static func london(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Date {
        calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    /// Formatters are costly to make (ICU underneath) and not safe to share between
    /// threads, so each thread keeps its own, one per format.
    static func formatter(_ format: String, timeZone: TimeZone = zone, locale: String = "en_GB") -> DateFormatter {
        let key = "preproom.formatter.\(locale).\(timeZone.identifier).\(format)"
        if let cached = Thread.current.threadDictionary[key] as? DateFormatter { return cached }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: locale)
        formatter.timeZone = timeZone
        formatter.dateFormat = format
        Thread.current.threadDictionary[key] = formatter
        return formatter
    }

    /// "Tue 3 September 2024"
    public static func day(_ date: Date) -> String {
        guard let (days, year, month, dayOfMonth) = londonDay(date) else { return formatter("EEE d MMMM yyyy").string(from: date) }
        // 1970-01-01 was a Thursday: index 4 counting from Sunday.
        let weekday = ((days % 7) + 7 + 4) % 7
        return "\(names.weekdays[weekday]) \(dayOfMonth) \(names.months[month - 1]) \(year)"
    }

    /// "3 Sep 2024"
    public static func shortDay(_ date: Date) -> String {
        guard let (_, year, month, dayOfMonth) = londonDay(date) else { return formatter("d MMM yyyy").string(from: date) }
        return "\(dayOfMonth) \(names.shortMonths[month - 1]) \(year)"
    }

    /// The London day of a moment as a day count from 1970 and its date; nil far outside
    /// the service's years, where the formatter is asked instead.
    private static func londonDay(_ date: Date) -> (days: Int, year: Int, month: Int, day: Int)? {
        let seconds = date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))
        guard seconds.isFinite, abs(seconds) < 1e11 else { return nil }
        let days = Int((seconds / 86_400).rounded(.down))
        let (year, month, day) = civil(daysSince1970: days)
        guard year >= 1000 else { return nil }
        return (days, year, month, day)
    }

    /// The names of weekdays (from Sunday) and months as the en_GB formatter writes them
    /// ("Sept", not "Sep"), read from the formatter once, so the fast days above match it.
    private static let names: (weekdays: [String], months: [String], shortMonths: [String]) = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "UTC")!
        func name(_ format: String, _ date: Date) -> String { formatter.dateFormat = format; return formatter.string(from: date) }
        let sunday = Date(timeIntervalSince1970: 3 * 86_400 + 43_200)  // Sunday 4 January 1970, noon
        let weekdays = (0..<7).map { name("EEE", sunday.addingTimeInterval(Double($0) * 86_400)) }
        let mids = (0..<12).map { Date(timeIntervalSince1970: (Double($0) * 30.5 + 15) * 86_400) }  // the middle of each month of 1970
        return (weekdays, mids.map { name("MMMM", $0) }, mids.map { name("MMM", $0) })
    }()
    /// "2024-09-03", the London day as HTML's `<time datetime>` wants it. Worked out from
    /// the zone's offset and the days since 1970 rather than by a date formatter, which
    /// costs ten times as much; a register lists hundreds of these.
    public static func isoDay(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))
        guard seconds.isFinite, abs(seconds) < 1e12 else { return formatter("yyyy-MM-dd").string(from: date) }
        let (year, month, day) = civil(daysSince1970: Int((seconds / 86_400).rounded(.down)))
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        let y = String(year)
        return (year >= 0 && year < 1000 ? String(repeating: "0", count: 4 - y.count) : "") + y + "-" + two(month) + "-" + two(day)
    }

    /// The proleptic Gregorian date of a day count from 1970-01-01 (Howard Hinnant's
    /// `civil_from_days`).
    static func civil(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
    /// "09:30"
    public static func clock(_ date: Date) -> String { formatter("HH:mm").string(from: date) }
    /// "September 2024"
    public static func monthTitle(_ date: Date) -> String { formatter("MMMM yyyy").string(from: date) }
    /// "2024-09", the key a calendar month is addressed by.
    public static func monthKey(_ date: Date) -> String { formatter("yyyy-MM").string(from: date) }
    /// The value an HTML `datetime-local` field shows, in London time.
    public static func localInputValue(_ date: Date) -> String { formatter("yyyy-MM-dd'T'HH:mm").string(from: date) }

    /// The years a time given to the service may fall in. Anything outside is a typing
    /// mistake or an attack (year 0001, year 275760), refused rather than stored. Not 1970 or
    /// 1971: London kept British Standard Time all year until October 1971, so those years'
    /// first days began in the year before, in UTC.
    public static let years: ClosedRange<Int> = 1972...2100

    /// Reads a `datetime-local` value ("2027-03-05T09:30", seconds optional) as London
    /// time. An impossible date (30 February) or time (25:00) is refused, not rolled over.
    public static func parseLocalInput(_ text: String) -> Date? {
        guard let parts = StrictTime.components(text.trimmingCharacters(in: .whitespaces), zoneAllowed: false) else { return nil }
        return london(checked: parts)
    }

    /// Reads an ISO 8601 / RFC 3339 time with its zone ("2027-03-10T09:30:00Z",
    /// "2027-03-10T09:30:00.5+01:00"). Impossible dates and years outside `years` are nil.
    public static func parseISO8601(_ text: String) -> Date? {
        guard let parts = StrictTime.components(text, zoneAllowed: true), let offset = parts.zoneOffsetSeconds else { return nil }
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        guard let date = utc.date(from: parts.dateComponents) else { return nil }
        return date.addingTimeInterval(-Double(offset) + parts.fraction)
    }

    /// Parses "2024-09" into the first moment of that month in London.
    public static func parseMonthKey(_ key: String) -> Date? {
        let parts = key.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month), years.contains(year) else { return nil }
        return london(year, month, 1)
    }

    /// Parses "2027-03-05" as the start of that day in London; 2027-02-30 is nil.
    public static func parseDay(_ text: String) -> Date? {
        guard let parts = StrictTime.components(text.trimmingCharacters(in: .whitespaces) + "T00:00", zoneAllowed: false) else { return nil }
        return london(checked: parts)
    }

    /// London wall-clock time from checked parts. A time that the clocks skip (01:30 on
    /// the spring-forward Sunday) is nil, as it never happens in London.
    private static func london(checked parts: StrictTime.Parts) -> Date? {
        guard let date = calendar.date(from: parts.dateComponents),
              calendar.dateComponents([.hour, .minute], from: date) == DateComponents(hour: parts.hour, minute: parts.minute)
        else { return nil }
        return date.addingTimeInterval(parts.fraction)
    }

    public static func startOfDay(_ date: Date) -> Date { calendar.startOfDay(for: date) }

    public static func startOfMonth(_ date: Date) -> Date {
        let parts = calendar.dateComponents([.year, .month], from: date)
        return calendar.date(from: parts)!
    }

    public static func addingMonths(_ months: Int, to date: Date) -> Date {
        calendar.date(byAdding: .month, value: months, to: date)!
    }

    /// Calendar days in London, so a day across a clock change is still one day.
    public static func addingDays(_ days: Int, to date: Date) -> Date {
        calendar.date(byAdding: .day, value: days, to: date)!
    }
}
