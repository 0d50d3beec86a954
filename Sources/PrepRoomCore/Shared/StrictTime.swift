import Foundation

/// Reads "YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]" digit by digit, checking every part
/// against the calendar, because Foundation's parsers roll 30 February over into March.
enum StrictTime {
    struct Parts: Equatable {
        var year, month, day, hour, minute, second: Int
        var fraction: Double
        /// Seconds east of UTC, when the text gave a zone.
        var zoneOffsetSeconds: Int?

        var dateComponents: DateComponents {
            DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        }
    }

    /// `zoneAllowed` reads RFC 3339 as the API takes it: a zone, seconds and a "T" are
    /// required. Without it, a form's local time: no zone, seconds optional.
    static func components(_ text: String, zoneAllowed: Bool) -> Parts? {
        let c = Array(text.utf8)
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= c.count else { return nil }
            var value = 0
            for byte in c[i..<(i + digits)] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            i += digits
            return value
        }
        func take(_ byte: UInt8) -> Bool {
            guard i < c.count, c[i] == byte else { return false }
            i += 1
            return true
        }
        guard let year = number(4), take(UInt8(ascii: "-")), let month = number(2), take(UInt8(ascii: "-")),
              let day = number(2), take(UInt8(ascii: "T")) || take(UInt8(ascii: "t")) || (!zoneAllowed && take(UInt8(ascii: " "))),
              let hour = number(2), take(UInt8(ascii: ":")), let minute = number(2)
        else { return nil }
        var second = 0, fraction = 0.0
        if zoneAllowed, !(i < c.count && c[i] == UInt8(ascii: ":")) { return nil }
        if take(UInt8(ascii: ":")) {
            guard let s = number(2) else { return nil }
            second = s
            if take(UInt8(ascii: ".")) {
                let start = i
                while i < c.count, (48...57).contains(c[i]), i - start < 9 { i += 1 }
                guard i > start, let digits = Double("0." + String(decoding: c[start..<i], as: UTF8.self)) else { return nil }
                fraction = digits
            }
        }
        var zone: Int?
        if zoneAllowed, i == c.count { return nil }
        if i < c.count {
            guard zoneAllowed else { return nil }
            if take(UInt8(ascii: "Z")) || take(UInt8(ascii: "z")) {
                zone = 0
            } else {
                let sign = take(UInt8(ascii: "+")) ? 1 : (take(UInt8(ascii: "-")) ? -1 : 0)
                guard sign != 0, let h = number(2), take(UInt8(ascii: ":")), let m = number(2), h <= 14, m <= 59 else { return nil }
                zone = sign * (h * 3600 + m * 60)
            }
        }
        guard i == c.count, ServiceTime.years.contains(year), (1...12).contains(month),
              (1...daysIn(month: month, year: year)).contains(day), (0...23).contains(hour), (0...59).contains(minute),
              (0...59).contains(second)
        else { return nil }
        return Parts(year: year, month: month, day: day, hour: hour, minute: minute, second: second, fraction: fraction,
                     zoneOffsetSeconds: zone)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
