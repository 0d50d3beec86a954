import Foundation

/// Times are stored in UTC and shown in Europe/London (ARCHITECTURE.md).
public enum ServiceTime {
    public static let zone = TimeZone(identifier: "Europe/London")!

    public static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        calendar.locale = Locale(identifier: "en_GB")
        return calendar
    }

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
    public static func day(_ date: Date) -> String { formatter("EEE d MMMM yyyy").string(from: date) }
    /// "3 Sep 2024"
    public static func shortDay(_ date: Date) -> String { formatter("d MMM yyyy").string(from: date) }
    /// "2024-09-03", the London day as HTML's `<time datetime>` wants it.
    public static func isoDay(_ date: Date) -> String { formatter("yyyy-MM-dd").string(from: date) }
    /// "09:30"
    public static func clock(_ date: Date) -> String { formatter("HH:mm").string(from: date) }
    /// "September 2024"
    public static func monthTitle(_ date: Date) -> String { formatter("MMMM yyyy").string(from: date) }
    /// "2024-09", the key a calendar month is addressed by.
    public static func monthKey(_ date: Date) -> String { formatter("yyyy-MM").string(from: date) }
    /// The value an HTML `datetime-local` field shows, in London time.
    public static func localInputValue(_ date: Date) -> String { formatter("yyyy-MM-dd'T'HH:mm").string(from: date) }

    /// Reads a `datetime-local` value ("2027-03-05T09:30") as London time.
    public static func parseLocalInput(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return formatter("yyyy-MM-dd'T'HH:mm").date(from: trimmed)
            ?? formatter("yyyy-MM-dd'T'HH:mm:ss").date(from: trimmed)
    }

    /// Parses "2024-09" into the first moment of that month in London.
    public static func parseMonthKey(_ key: String) -> Date? {
        let parts = key.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, (1...12).contains(parts[1]), (1900...3000).contains(parts[0]) else { return nil }
        return london(parts[0], parts[1], 1)
    }

    /// Parses "2027-03-05" as the start of that day in London.
    public static func parseDay(_ text: String) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1900...3000).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        let date = london(parts[0], parts[1], parts[2])
        return isoDay(date) == String(format: "%04d-%02d-%02d", parts[0], parts[1], parts[2]) ? date : nil
    }

    public static func startOfDay(_ date: Date) -> Date { calendar.startOfDay(for: date) }

    public static func startOfMonth(_ date: Date) -> Date {
        let parts = calendar.dateComponents([.year, .month], from: date)
        return calendar.date(from: parts)!
    }

    public static func addingMonths(_ months: Int, to date: Date) -> Date {
        calendar.date(byAdding: .month, value: months, to: date)!
    }
}
