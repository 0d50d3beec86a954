import Foundation

/// A backup's file name says when it was taken, in UTC, so a folder of them sorts by time
/// and an operator can tell which is which without opening one:
/// `preproom-20261205T162845Z.sqlite` (SQLite) or `.pgdump` (PostgreSQL's custom format).
public struct BackupName: Equatable, Sendable {
    public static let prefix = "preproom-"
    public static let extensions = ["sqlite", "pgdump"]

    public let takenAt: Date
    public let fileExtension: String

    public init(takenAt: Date, fileExtension: String) {
        // Whole seconds: the name holds no more, and parsing it back must give the same date.
        self.takenAt = Date(timeIntervalSince1970: takenAt.timeIntervalSince1970.rounded(.down))
        self.fileExtension = fileExtension
    }

    public var fileName: String { Self.prefix + Self.stamp(takenAt) + "." + fileExtension }

    /// Nil for any file that is not one of ours (a partial copy, a note, another program's).
    public init?(fileName: String) {
        guard fileName.hasPrefix(Self.prefix),
              let dot = fileName.lastIndex(of: "."),
              Self.extensions.contains(String(fileName[fileName.index(after: dot)...])) else { return nil }
        let stamp = fileName[fileName.index(fileName.startIndex, offsetBy: Self.prefix.count)..<dot]
        guard let date = Self.date(String(stamp)) else { return nil }
        self.init(takenAt: date, fileExtension: String(fileName[fileName.index(after: dot)...]))
    }

    static func stamp(_ date: Date) -> String {
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// `yyyyMMddTHHmmssZ`, refusing impossible dates (a 31 February is not rolled over).
    static func date(_ stamp: String) -> Date? {
        let chars = Array(stamp)
        guard chars.count == 16, chars[8] == "T", chars[15] == "Z" else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            let text = String(chars[range])
            return text.allSatisfy(\.isASCII) ? Int(text) : nil
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
              let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
              (1...12).contains(month), (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = utc.date(from: components),
              utc.dateComponents([.year, .month, .day], from: date) == DateComponents(year: year, month: month, day: day) else { return nil }
        return date
    }

    static let utc: Calendar = {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar
    }()
}

/// Which backups to keep: the newest of each of the last `daily` days that have one, and
/// the newest of each of the last `weekly` ISO weeks that have one (as restic's and
/// borg's `--keep-daily`/`--keep-weekly` do). The newest backup is always kept, so a
/// backup just taken is never deleted by its own pruning.
public struct BackupRetention: Equatable, Sendable {
    public static let defaultDaily = 7
    public static let defaultWeekly = 4
    public static let allowed = 0...1_000

    public var daily: Int
    public var weekly: Int

    public init(daily: Int = defaultDaily, weekly: Int = defaultWeekly) {
        self.daily = daily; self.weekly = weekly
    }

    /// How many weeks the oldest kept backup reaches back when one is taken every day: what
    /// the privacy notice says about how long an erased person stays in a backup.
    public var weeksKept: Int { max(weekly, (daily + 6) / 7) }

    /// The backups to delete, oldest first.
    public func toDelete(_ backups: [BackupName]) -> [BackupName] {
        let newestFirst = backups.sorted { $0.takenAt > $1.takenAt }
        guard let newest = newestFirst.first else { return [] }
        var kept: Set<String> = [newest.fileName]
        keepNewest(of: newestFirst, periods: daily, into: &kept) { BackupName.utc.dateComponents([.year, .month, .day], from: $0) }
        keepNewest(of: newestFirst, periods: weekly, into: &kept) { BackupName.utc.dateComponents([.yearForWeekOfYear, .weekOfYear], from: $0) }
        return newestFirst.filter { !kept.contains($0.fileName) }.reversed()
    }

    private func keepNewest(of newestFirst: [BackupName], periods: Int, into kept: inout Set<String>,
                            period: (Date) -> DateComponents) {
        var seen: [DateComponents] = []
        for backup in newestFirst {
            let key = period(backup.takenAt)
            guard !seen.contains(key) else { continue }
            guard seen.count < periods else { return }
            seen.append(key)
            kept.insert(backup.fileName)
        }
    }
}
