/// A QR code as its square of dark and light modules, read from what Debian's maintained
/// encoder prints (`qrencode -t ASCII`): the encoding itself is never done here, only the
/// drawing, so the page can draw it as an SVG it builds and escapes like any other markup.
public struct QRCodeMatrix: Sendable, Equatable {
    /// Rows of modules, top to bottom; `true` is dark. Square, quiet zone included.
    public let rows: [[Bool]]

    public var size: Int { rows.count }

    /// `qrencode -t ASCII` draws each module as two characters, `##` dark and two spaces
    /// light, one text line per row. Anything else (a short line, another character, a
    /// shape that is not square) is refused rather than drawn as a code that will not scan.
    public init?(qrencodeASCII text: String) {
        var rows: [[Bool]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let characters = Array(line)
            guard characters.count.isMultiple(of: 2) else { return nil }
            var row: [Bool] = []
            row.reserveCapacity(characters.count / 2)
            for index in stride(from: 0, to: characters.count, by: 2) {
                switch (characters[index], characters[index + 1]) {
                case ("#", "#"): row.append(true)
                case (" ", " "): row.append(false)
                default: return nil
                }
            }
            rows.append(row)
        }
        // Version 1 is 21 modules; version 40 is 177, plus the quiet zone.
        guard rows.count >= 21, rows.count <= 177 + 8, rows.allSatisfy({ $0.count == rows.count }),
              rows.contains(where: { $0.contains(true) }) else { return nil }
        self.rows = rows
    }

    /// One SVG path for all dark modules, a unit square each, runs of a row joined, in the
    /// `viewBox` `0 0 size size`.
    public var svgPath: String {
        var path = ""
        for (y, row) in rows.enumerated() {
            var x = 0
            while x < row.count {
                guard row[x] else { x += 1; continue }
                let start = x
                while x < row.count, row[x] { x += 1 }
                path += "M\(start) \(y)h\(x - start)v1h-\(x - start)z"
            }
        }
        return path
    }
}
