import Foundation

/// A ZIP file of stored (uncompressed) entries: what a person's data download is packed
/// in. Every operating system opens one without extra software; compression would need
/// zlib, and the JSON and HTML inside are small.
///
/// The format is PKWARE's APPNOTE: a local header before each file's bytes, a central
/// directory after them, then its end record. Names are UTF-8 (flag bit 11). No ZIP64, so
/// an archive is refused past 4 GB or 65,535 entries rather than written wrongly.
public struct ZipArchive: Sendable {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var bytes: [UInt8]
        public init(name: String, bytes: [UInt8]) { self.name = name; self.bytes = bytes }
        public init(name: String, text: String) { self.init(name: name, bytes: Array(text.utf8)) }
    }

    public enum Problem: Error, Equatable { case tooLarge, badName(String) }

    public private(set) var entries: [Entry] = []
    /// Every entry's modification time (ZIP keeps local time to two seconds; UTC here).
    public var modified: Date

    public init(modified: Date) { self.modified = modified }

    /// A name with no leading "/", no "..", no backslash: one that unpacks inside the folder.
    public mutating func add(_ entry: Entry) throws {
        let parts = entry.name.split(separator: "/", omittingEmptySubsequences: false)
        guard !entry.name.isEmpty, !entry.name.hasPrefix("/"), !entry.name.contains("\\"),
              !parts.contains(where: { $0.isEmpty || $0 == ".." || $0 == "." }) else { throw Problem.badName(entry.name) }
        entries.append(entry)
    }

    public func bytes() throws -> [UInt8] {
        guard entries.count < 0xFFFF else { throw Problem.tooLarge }
        let (time, date) = Self.dosTime(modified)
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let name = Array(entry.name.utf8)
            guard entry.bytes.count < 0xFFFF_FFFF, out.count < 0xFFFF_FFFF, name.count < 0xFFFF else { throw Problem.tooLarge }
            let crc = CRC32.checksum(entry.bytes), size = UInt32(entry.bytes.count), offset = UInt32(out.count)
            // Version 2.0, UTF-8 names, stored, time, date, CRC, sizes, name length, no extra.
            var common: [UInt8] = []
            common.le16(20); common.le16(0x0800); common.le16(0); common.le16(time); common.le16(date)
            common.le32(crc); common.le32(size); common.le32(size); common.le16(UInt16(name.count)); common.le16(0)
            out.le32(0x0403_4B50); out += common; out += name; out += entry.bytes
            central.le32(0x0201_4B50); central.le16(0x0314)  // made by Unix, version 2.0
            central += common
            central.le16(0); central.le16(0); central.le16(0)  // comment, disk, internal attributes
            central.le32(0o100644 << 16)                        // a regular file, rw-r--r--
            central.le32(offset); central += name
        }
        guard out.count + central.count < 0xFFFF_FFFF else { throw Problem.tooLarge }
        let directoryOffset = UInt32(out.count)
        out += central
        out.le32(0x0605_4B50); out.le16(0); out.le16(0)
        out.le16(UInt16(entries.count)); out.le16(UInt16(entries.count))
        out.le32(UInt32(central.count)); out.le32(directoryOffset); out.le16(0)
        return out
    }

    /// MS-DOS time and date; years before 1980 (which DOS cannot hold) become 1980.
    static func dosTime(_ date: Date) -> (time: UInt16, date: UInt16) {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC") ?? utc.timeZone
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let year = min(max((c.year ?? 1980) - 1980, 0), 127)
        let time = UInt16((c.hour ?? 0) << 11 | (c.minute ?? 0) << 5 | (c.second ?? 0) / 2)
        return (time, UInt16(year << 9 | (c.month ?? 1) << 5 | (c.day ?? 1)))
    }
}

/// CRC-32 (IEEE 802.3, the polynomial ZIP and PNG use).
public enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

private extension Array where Element == UInt8 {
    mutating func le16(_ value: UInt16) { append(UInt8(value & 0xFF)); append(UInt8(value >> 8)) }
    mutating func le32(_ value: UInt32) { le16(UInt16(value & 0xFFFF)); le16(UInt16(value >> 16)) }
}
