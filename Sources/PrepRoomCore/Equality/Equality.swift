import Foundation

/// Optional equality monitoring in the GSS harmonised categories (Scotland's census
/// wording for ethnic group). Every question can be left blank or answered "Prefer not to
/// say"; answers are kept apart from identity and shown only as aggregates.
public enum EqualityQuestion: String, CaseIterable, Codable, Sendable {
    case ageBand, sex, trans, sexualOrientation, ethnicGroup, disability

    public var text: String {
        switch self {
        case .ageBand: "What is your age?"
        case .sex: "What is your sex?"
        case .trans: "Do you consider yourself to be trans, or have a trans history?"
        case .sexualOrientation: "Which of the following best describes your sexual orientation?"
        case .ethnicGroup: "What is your ethnic group?"
        case .disability: "Do you have any physical or mental health conditions or illnesses lasting or expected to last 12 months or more?"
        }
    }

    /// Short heading for reports.
    public var heading: String {
        switch self {
        case .ageBand: "Age"
        case .sex: "Sex"
        case .trans: "Trans or trans history"
        case .sexualOrientation: "Sexual orientation"
        case .ethnicGroup: "Ethnic group"
        case .disability: "Long-term health condition"
        }
    }

    public static let preferNotToSay = "Prefer not to say"

    /// The categories, in the harmonised order, ending with "Prefer not to say".
    public var categories: [String] {
        let answers: [String] = switch self {
        case .ageBand: ["16 to 24", "25 to 34", "35 to 44", "45 to 54", "55 to 64", "65 or over"]
        case .sex: ["Female", "Male"]
        case .trans: ["Yes", "No"]
        case .sexualOrientation: ["Heterosexual or straight", "Gay or lesbian", "Bisexual", "Other sexual orientation"]
        case .ethnicGroup: ["White", "Mixed or multiple ethnic groups", "Asian, Asian Scottish or Asian British",
                            "African, Scottish African or British African", "Caribbean or Black", "Other ethnic group"]
        case .disability: ["Yes", "No"]
        }
        return answers + [Self.preferNotToSay]
    }
}

/// One person's answers: question → category; absent questions were left blank.
public struct EqualityAnswers: Sendable, Equatable, Codable {
    public var answers: [EqualityQuestion: String]
    public init(_ answers: [EqualityQuestion: String] = [:]) { self.answers = answers }

    public func errors() -> [FieldError] {
        answers.compactMap { question, answer in
            question.categories.contains(answer) ? nil : FieldError(question.rawValue, "Choose one of the answers listed, or leave it blank")
        }.sorted { $0.field < $1.field }
    }
}

public enum EqualityRules {
    /// Cells with fewer people than this are never shown, so nobody can be picked out.
    public static let smallestShown = 5

    public enum Cell: Sendable, Equatable, Codable {
        case count(Int)
        case suppressed
    }

    public struct Table: Sendable, Equatable {
        public var question: EqualityQuestion
        public var cells: [(category: String, cell: Cell)]
        /// True when every cell is under the threshold: the table would show nothing.
        public var allSuppressed: Bool { cells.allSatisfy { $0.cell == .suppressed } }

        public static func == (a: Table, b: Table) -> Bool {
            a.question == b.question && a.cells.map(\.category) == b.cells.map(\.category) && a.cells.map(\.cell) == b.cells.map(\.cell)
        }
    }

    /// Shown counts are rounded to the nearest multiple of this, as statistical offices
    /// publish small counts: two reports whose periods differ by one person then show the
    /// same figure, so subtracting one from the other no longer reveals that person.
    public static let roundingBase = 5

    /// A question's counts as they may be shown: every category, with counts under
    /// `smallestShown` (zero included, since a visible zero beside a suppressed total
    /// gives a small number away) suppressed and the rest rounded to `roundingBase`.
    public static func table(_ question: EqualityQuestion, counts: [String: Int]) -> Table {
        Table(question: question, cells: question.categories.map { category in
            let n = counts[category] ?? 0
            return (category, n >= smallestShown ? .count(rounded(n)) : .suppressed)
        })
    }

    /// To the nearest multiple of `roundingBase`, halves up: 6 → 5, 8 → 10.
    public static func rounded(_ n: Int) -> Int {
        (n + roundingBase / 2) / roundingBase * roundingBase
    }

    /// The whole calendar months (London) that hold `from` up to the day before `to`: the
    /// report's period. Periods a day apart, chosen to take one person in or out, cover the
    /// same months and so give the same figures.
    public static func wholeMonths(from: Date, to: Date) -> (from: Date, to: Date) {
        let first = ServiceTime.startOfMonth(from)
        let lastDay = to.addingTimeInterval(-1)
        let end = ServiceTime.addingMonths(1, to: ServiceTime.startOfMonth(lastDay))
        return (first, max(end, ServiceTime.addingMonths(1, to: first)))
    }
}
