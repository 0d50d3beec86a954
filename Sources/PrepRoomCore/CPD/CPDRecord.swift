import Foundation

/// The kinds of professional learning the texts list; technicians record them for
/// professional registration (RSciTech).
public enum CPDKind: String, CaseIterable, Codable, Sendable {
    case courseOrWorkshop = "course_or_workshop"
    case qualificationStudy = "qualification_study"
    case onlineLearning = "online_learning"
    case observation
    case shadowing
    case visit
    case exhibitionOrConference = "exhibition_or_conference"
    case reflectionOrReading = "reflection_or_reading"

    public var label: String {
        switch self {
        case .courseOrWorkshop: "Training course or workshop"
        case .qualificationStudy: "Studying for a qualification"
        case .onlineLearning: "Online course, webinar or podcast"
        case .observation: "Observation (observer or observed)"
        case .shadowing: "Shadowing a colleague"
        case .visit: "Visiting another school or college"
        case .exhibitionOrConference: "Exhibition or conference"
        case .reflectionOrReading: "Self-reflection, reading or research"
        }
    }
}

/// One line of a person's CPD record: an informal entry they added, or a certificate.
public struct CPDItem: Sendable, Equatable {
    public var date: Date
    public var kind: CPDKind
    public var title: String
    public var hours: Double
    public var scqfCredits: Int
    public var reflection: String?
    public var evidenceURL: String?
    /// Set when the item is a certificate (it entered the record by itself).
    public var certificateNumber: String?

    public init(date: Date, kind: CPDKind, title: String, hours: Double, scqfCredits: Int = 0,
                reflection: String? = nil, evidenceURL: String? = nil, certificateNumber: String? = nil) {
        self.date = date; self.kind = kind; self.title = title; self.hours = hours; self.scqfCredits = scqfCredits
        self.reflection = reflection; self.evidenceURL = evidenceURL; self.certificateNumber = certificateNumber
    }
}

public enum CPDRules {
    /// A course day counts as six hours of learning when a certificate enters the record.
    public static let hoursPerCourseDay = 6.0

    public static func validate(kind: CPDKind?, title: String, date: Date?, hours: Double?, evidenceURL: String?, now: Date) -> [FieldError] {
        var errors: [FieldError] = []
        if kind == nil { errors.append(FieldError("kind", "Choose the kind of learning")) }
        if title.isBlank { errors.append(FieldError("title", "Enter what you did")) }
        if let date {
            if date > now { errors.append(FieldError("date", "The date must be today or in the past")) }
        } else {
            errors.append(FieldError("date", "Enter the date, like 2026-11-20"))
        }
        if let hours {
            if hours < 0 { errors.append(FieldError("hours", "Hours cannot be negative")) }
            else if hours == 0 || hours > 1000 { errors.append(FieldError("hours", "Hours must be more than 0 and at most 1000")) }
        } else {
            errors.append(FieldError("hours", "Enter the hours, like 1.5"))
        }
        if let url = evidenceURL, !url.isEmpty, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
            errors.append(FieldError("evidenceUrl", "The evidence link must start with https://"))
        }
        return errors
    }

    public struct Totals: Sendable, Equatable {
        public var hours: Double
        public var scqfCredits: Int
        public var entries: Int
    }

    /// Totals by calendar year (in London), newest first.
    public static func totalsByYear(_ items: [CPDItem]) -> [(year: Int, totals: Totals)] {
        let calendar = ServiceTime.calendar
        let grouped = Dictionary(grouping: items) { calendar.component(.year, from: $0.date) }
        return grouped.keys.sorted(by: >).map { ($0, total(grouped[$0]!)) }
    }

    public static func totalsByKind(_ items: [CPDItem]) -> [(kind: CPDKind, totals: Totals)] {
        let grouped = Dictionary(grouping: items, by: \.kind)
        return CPDKind.allCases.compactMap { kind in grouped[kind].map { (kind, total($0)) } }
    }

    public static func total(_ items: [CPDItem]) -> Totals {
        Totals(hours: items.reduce(0) { $0 + $1.hours }, scqfCredits: items.reduce(0) { $0 + $1.scqfCredits }, entries: items.count)
    }
}
