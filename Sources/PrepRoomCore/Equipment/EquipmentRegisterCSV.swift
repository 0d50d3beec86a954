import Foundation

/// A school's existing equipment register as a CSV file, one item a row under a header
/// row, and the same layout for the export (plus the due columns, which the import
/// ignores). Columns are found by heading, in any order and case:
/// "Asset tag", "Category" (a category's name or key), "Description", "Location",
/// "Serial number", "Status" (in use, out of use, disposed; in use when blank),
/// "Last checked" (year-month-day), and for a sealed source "Isotope", "Activity" and
/// "Reference date". The asset tag is required: it is what matches a row to an item on a
/// second import, so importing the same file twice changes nothing.
public enum EquipmentRegisterCSV {
    public static let headings = ["Asset tag", "Category", "Description", "Location", "Serial number", "Status",
                                  "Last checked", "Isotope", "Activity", "Reference date"]

    public struct Row: Sendable, Equatable {
        public var line: Int
        public var assetTag: String
        public var categoryKey: String
        public var description: String
        public var location: String
        public var serialNumber: String
        public var status: EquipmentStatus
        public var lastChecked: Date?
        public var isotope: String
        public var activity: String
        public var referenceDate: Date?
    }

    public struct Parsed: Sendable, Equatable {
        public var rows: [Row]
        public var problems: [CSVReader.Problem]
    }

    /// The most rows one import takes: a school's register, not a whole authority's.
    public static let mostRows = 5000

    /// `categories` are (key, name) of the categories a row may name.
    public static func parse(_ text: String, categories: [(key: String, name: String)], now: Date) -> Parsed {
        let records = CSVReader.records(text)
        guard let header = records.first else { return Parsed(rows: [], problems: [.init(line: 1, message: "The file is empty")]) }
        guard records.count - 1 <= mostRows else {
            return Parsed(rows: [], problems: [.init(line: 1, message: "The file has \(records.count - 1) rows; import at most \(mostRows) at a time")])
        }
        let columns = Dictionary(header.fields.enumerated().map { (CSVReader.key($0.element), $0.offset) }, uniquingKeysWith: { first, _ in first })
        let index = Dictionary(uniqueKeysWithValues: headings.compactMap { heading in columns[CSVReader.key(heading)].map { (heading, $0) } })
        let missing = ["Asset tag", "Category", "Description"].filter { index[$0] == nil }
        guard missing.isEmpty else {
            return Parsed(rows: [], problems: [.init(line: header.line, message: "The header row has no column for: " + missing.joined(separator: ", "))])
        }
        let categoryByWord = Dictionary(categories.flatMap { [($0.key.lowercased(), $0.key), ($0.name.lowercased(), $0.key)] },
                                        uniquingKeysWith: { first, _ in first })
        var rows: [Row] = [], problems: [CSVReader.Problem] = [], seen: [String: Int] = [:]
        for record in records.dropFirst() {
            func value(_ heading: String) -> String {
                guard let column = index[heading], column < record.fields.count else { return "" }
                return record.fields[column].trimmed
            }
            if record.fields.allSatisfy({ $0.trimmed.isEmpty }) { continue }
            var messages: [String] = []
            let tag = value("Asset tag")
            if tag.isEmpty { messages.append("The asset tag is missing") }
            else if let earlier = seen[tag.lowercased()] { messages.append("The asset tag \(tag) is also on line \(earlier)") }
            let category = categoryByWord[value("Category").lowercased()]
            if category == nil { messages.append("\"\(value("Category"))\" is not a category of the register") }
            let statusText = value("Status").lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
            let status = statusText.isEmpty ? .inUse : EquipmentStatus(rawValue: statusText)
            if status == nil { messages.append("The status \"\(value("Status"))\" is not in use, out of use or disposed") }
            func day(_ heading: String) -> Date?? {
                let text = value(heading)
                guard !text.isEmpty else { return .some(nil) }
                guard let date = ServiceTime.parseDay(text) else { messages.append("\(heading) \"\(text)\" is not a date like 2026-11-20"); return nil }
                if date > now { messages.append("\(heading) \(text) is in the future"); return nil }
                return .some(date)
            }
            let lastChecked = day("Last checked"), referenceDate = day("Reference date")
            messages += EquipmentRules.itemProblems(description: value("Description"), location: value("Location"), assetTag: tag,
                                                    serial: value("Serial number"), isotope: value("Isotope"), activity: value("Activity"))
                .map(\.message)
            if messages.isEmpty, let category, let status, let lastChecked, let referenceDate {
                seen[tag.lowercased()] = record.line
                rows.append(Row(line: record.line, assetTag: tag, categoryKey: category, description: value("Description"),
                                location: value("Location"), serialNumber: value("Serial number"), status: status,
                                lastChecked: lastChecked, isotope: value("Isotope"), activity: value("Activity"), referenceDate: referenceDate))
            } else {
                problems.append(.init(line: record.line, message: messages.joined(separator: "; ")))
            }
        }
        return Parsed(rows: rows, problems: problems)
    }
}
