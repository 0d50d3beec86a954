import Foundation

/// The Scottish Government's list of schools as a CSV file (saved from its spreadsheet):
/// one school a row under a header row. Columns are found by their heading, in any order
/// and case, so a year's small renaming does not break the import:
/// - the seed code: "Seed Code" / "SeedCode";
/// - the name: "School Name" / "Name";
/// - the authority: "LA Name" / "Local Authority" / "Authority" (the list's own spellings
///   such as "Edinburgh City" or "Na h-Eileanan Siar" are matched to the service's
///   organisations; "Independent" goes to SCIS);
/// - the type: "School Type" / "Centre Type" / "Type" naming primary, secondary or special,
///   or else the "Primary Department" / "Secondary Department" / "Special Department"
///   columns (Yes, Y, 1 or True), secondary first.
/// Other columns (address, roll, denomination…) are ignored.
public enum SchoolList {
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var school: SchoolFacts
    }

    public typealias Problem = CSVReader.Problem

    public struct Parsed: Sendable, Equatable {
        public var rows: [Row]
        public var problems: [Problem]
    }

    /// `organisations` are the service's organisation names that a row may name.
    public static func parse(_ text: String, organisations: [String]) -> Parsed {
        let records = CSVReader.records(text)
        guard let header = records.first else { return Parsed(rows: [], problems: [Problem(line: 1, message: "The file is empty")]) }
        let columns = Dictionary(header.fields.enumerated().map { (CSVReader.key($0.element), $0.offset) }, uniquingKeysWith: { first, _ in first })
        func column(_ names: String...) -> Int? { names.lazy.compactMap { columns[CSVReader.key($0)] }.first }
        let seed = column("Seed Code", "SeedCode"), name = column("School Name", "Name")
        let authority = column("LA Name", "Local Authority", "Authority")
        let type = column("School Type", "Centre Type", "Type")
        let departments = (column("Primary Department"), column("Secondary Department"), column("Special Department"))
        var missing: [String] = []
        if seed == nil { missing.append("Seed Code") }
        if name == nil { missing.append("School Name") }
        if authority == nil { missing.append("LA Name") }
        if type == nil && departments == (nil, nil, nil) { missing.append("School Type (or the Primary/Secondary/Special Department columns)") }
        guard missing.isEmpty, let seed, let name, let authority else {
            return Parsed(rows: [], problems: [Problem(line: header.line, message: "The header row has no column for: " + missing.joined(separator: ", "))])
        }

        var rows: [Row] = [], problems: [Problem] = [], seen: [String: Int] = [:]
        for record in records.dropFirst() {
            func value(_ index: Int?) -> String {
                guard let index, index < record.fields.count else { return "" }
                return record.fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            var messages: [String] = []
            let code = value(seed)
            if let problem = SchoolRules.seedCodeProblem(code) { messages.append("\(problem) (not \"\(code)\")") }
            else if let earlier = seen[code] { messages.append("The seed code \(code) is also on line \(earlier)") }
            let schoolName = value(name)
            if schoolName.isEmpty { messages.append("The school has no name") }
            else if schoolName.count > TextLimit.title { messages.append("The name is longer than \(TextLimit.title) characters") }
            let organisation = match(authority: value(authority), among: organisations)
            if organisation == nil { messages.append("\"\(value(authority))\" is not a local authority of the service") }
            let schoolType = typeOf(value(type), primary: value(departments.0), secondary: value(departments.1), special: value(departments.2))
            if schoolType == nil { messages.append("The type is not primary, secondary or special") }
            if messages.isEmpty, let organisation, let schoolType {
                seen[code] = record.line
                rows.append(Row(line: record.line, school: SchoolFacts(seedCode: code, name: schoolName, organisation: organisation, type: schoolType)))
            } else {
                problems.append(Problem(line: record.line, message: messages.joined(separator: "; ")))
            }
        }
        return Parsed(rows: rows, problems: problems)
    }

    static func typeOf(_ text: String, primary: String, secondary: String, special: String) -> SchoolType? {
        let words = text.lowercased()
        for type in [SchoolType.secondary, .primary, .special] where words.contains(type.rawValue) { return type }
        func yes(_ flag: String) -> Bool { ["yes", "y", "1", "true"].contains(flag.lowercased()) }
        if yes(secondary) { return .secondary }
        if yes(primary) { return .primary }
        if yes(special) { return .special }
        return nil
    }

    /// The organisation a row's authority names: the list writes "Edinburgh City", "Argyll &
    /// Bute" or "Na h-Eileanan Siar" where the service has "City of Edinburgh Council",
    /// "Argyll and Bute Council" and "Comhairle nan Eilean Siar"; an independent school
    /// belongs to SCIS.
    public static func match(authority text: String, among organisations: [String]) -> String? {
        func core(_ name: String) -> String {
            var words = name.lowercased().replacingOccurrences(of: "&", with: " and ")
                .replacingOccurrences(of: "na h-eileanan siar", with: "eilean siar")
                .replacingOccurrences(of: "comhairle nan eilean siar", with: "eilean siar")
                .replacingOccurrences(of: "western isles", with: "eilean siar")
                .split(whereSeparator: { !$0.isLetter }).map(String.init)
            words.removeAll { ["council", "city", "of", "the"].contains($0) }
            return words.joined(separator: " ")
        }
        let wanted = core(text)
        guard !wanted.isEmpty else { return nil }
        if wanted.contains("independent") || wanted.contains("scis") {
            return organisations.first { $0.contains("SCIS") }
        }
        return organisations.first { core($0) == wanted }
    }
}
