/// Reads CSV as RFC 4180 writes it: fields split by commas, quoted fields may hold commas,
/// line breaks and doubled quotes; lines end in CRLF or LF; a leading byte-order mark (as
/// spreadsheet programs save) is dropped. Each record comes with the line it starts on, so
/// a problem can be named by the line a person sees in their editor.
public enum CSVReader {
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
    }

    /// What is wrong with one line of a file being imported, for a dry run to list.
    public struct Problem: Sendable, Equatable {
        public var line: Int
        public var message: String
        public init(line: Int, message: String) { self.line = line; self.message = message }
    }

    /// A heading as columns are matched: "Seed Code", "seed_code" and "SeedCode" are one.
    public static func key(_ heading: String) -> String {
        heading.lowercased().filter { $0.isLetter }
    }

    public static func records(_ text: String) -> [Record] {
        var records: [Record] = []
        var fields: [String] = [], field = "", quoted = false, afterQuote = false
        var line = 1, recordLine = 1
        var characters = Substring(text)
        if characters.first == "\u{FEFF}" { characters = characters.dropFirst() }
        func endRecord() {
            fields.append(field)
            // A blank line is no record.
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []; field = ""
        }
        for character in characters {
            if quoted {
                if character == "\"" { quoted = false; afterQuote = true }
                else { if character == "\n" || character == "\r\n" { line += 1 }; field.append(character) }
                continue
            }
            switch character {
            case "\"":
                if afterQuote { field.append("\"") }  // "" inside a quoted field
                quoted = true; afterQuote = false
            case ",":
                fields.append(field); field = ""; afterQuote = false
            case "\n", "\r\n", "\r":
                endRecord(); afterQuote = false
                line += 1; recordLine = line
            default:
                field.append(character); afterQuote = false
            }
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}
