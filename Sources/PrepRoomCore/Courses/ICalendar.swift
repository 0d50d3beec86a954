import Foundation

/// RFC 5545 feeds of runs, so calendar apps can subscribe to the calendar.
/// Each session is its own event: a two-day course shows on both days at its real times.
public enum ICalendar {
    public struct Event: Sendable, Equatable {
        public var uid: String
        public var start: Date
        public var end: Date
        public var summary: String
        public var location: String?
        public var description: String?
        public var url: String?
        public var cancelled: Bool
        /// A whole day (its London date from `start`), as a due date is, not a time.
        public var allDay: Bool
        public init(uid: String, start: Date, end: Date, summary: String, location: String? = nil,
                    description: String? = nil, url: String? = nil, cancelled: Bool = false, allDay: Bool = false) {
            self.uid = uid; self.start = start; self.end = end; self.summary = summary
            self.location = location; self.description = description; self.url = url; self.cancelled = cancelled; self.allDay = allDay
        }
    }

    public static func feed(name: String, events: [Event], stamp: Date) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//PrepRoom//Runs//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:\(escape(name))", "X-WR-TIMEZONE:Europe/London",
        ]
        for event in events {
            lines += ["BEGIN:VEVENT", "UID:\(event.uid)", "DTSTAMP:\(utc(stamp))"]
            lines += event.allDay
                ? ["DTSTART;VALUE=DATE:\(day(event.start))", "DTEND;VALUE=DATE:\(day(ServiceTime.addingDays(1, to: event.start)))"]
                : ["DTSTART:\(utc(event.start))", "DTEND:\(utc(event.end))"]
            lines.append("SUMMARY:\(escape(event.summary))")
            if let location = event.location { lines.append("LOCATION:\(escape(location))") }
            if let description = event.description { lines.append("DESCRIPTION:\(escape(description))") }
            if let url = event.url { lines.append("URL:\(url)") }
            lines.append("STATUS:\(event.cancelled ? "CANCELLED" : "CONFIRMED")")
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func utc(_ date: Date) -> String {
        ServiceTime.formatter("yyyyMMdd'T'HHmmss'Z'", timeZone: TimeZone(identifier: "UTC")!, locale: "en_US_POSIX").string(from: date)
    }

    /// The London date, as an all-day event's DTSTART;VALUE=DATE wants it.
    static func day(_ date: Date) -> String {
        ServiceTime.formatter("yyyyMMdd", timeZone: ServiceTime.zone, locale: "en_US_POSIX").string(from: date)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,")
            .replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1).
    static func fold(_ line: String) -> String {
        var result = ""
        var count = 0
        for character in line {
            let size = String(character).utf8.count
            if count + size > 75 {
                result += "\r\n "
                count = 1
            }
            result.append(character)
            count += size
        }
        return result
    }
}
