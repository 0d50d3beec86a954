import Foundation

/// The stages a school teaches, as the Scottish Government's school list has them.
public enum SchoolType: String, CaseIterable, Codable, Sendable {
    case primary, secondary, special

    public var label: String {
        switch self {
        case .primary: "Primary"
        case .secondary: "Secondary"
        case .special: "Special"
        }
    }
}

/// A school as the register holds it: the government's seed code, its name, the local
/// authority (or, for an independent school, SCIS) and its type.
public struct SchoolFacts: Sendable, Equatable {
    public var seedCode: String
    public var name: String
    /// The organisation's name: a local authority, or SCIS for an independent school.
    public var organisation: String
    public var type: SchoolType

    public init(seedCode: String, name: String, organisation: String, type: SchoolType) {
        self.seedCode = seedCode; self.name = name; self.organisation = organisation; self.type = type
    }
}

public enum SchoolRules {
    /// How many schools one person may name: a technician shared between a secondary and
    /// its cluster primaries names a few, not a whole authority.
    public static let mostPerPerson = 5

    /// The Scottish Government's seed code is seven digits.
    public static func seedCodeProblem(_ code: String) -> String? {
        code.count == 7 && code.allSatisfy({ $0.isASCII && $0.isNumber }) ? nil : "A seed code is seven digits, like 5244439"
    }

    /// Why a person's choice of schools cannot be saved, or nil. `known` are the ids that
    /// exist in the register.
    public static func choiceProblem(_ chosen: Set<UUID>, known: Set<UUID>) -> String? {
        if chosen.count > mostPerPerson { return "Choose at most \(mostPerPerson) schools" }
        if !chosen.isSubset(of: known) { return "Choose schools from the list" }
        return nil
    }
}
