import Foundation

/// RFC 4180 CSV: every field quoted, quotes doubled, CRLF line ends. Fields that start
/// like a formula are prefixed with an apostrophe so a spreadsheet shows them as text.
package enum CSV {
    package static func render(_ rows: [[String]]) -> String {
        rows.map { row in
            row.map { field in
                var value = field
                if let first = value.first, "=+-@".contains(first) { value = "'" + value }
                return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }.joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
    }
}
