import Foundation

/// The outcome a provider records for a delegate on an assessed course.
public enum ResultOutcome: String, CaseIterable, Codable, Sendable {
    case passed
    case notPassed = "not_passed"
    case notAssessed = "not_assessed"

    public var label: String {
        switch self {
        case .passed: "Passed"
        case .notPassed: "Not passed"
        case .notAssessed: "Not assessed"
        }
    }
}

/// Completion: every session attended, and passed where the course is assessed.
public enum Completion {
    public static func isComplete(sessions: Int, attended: Set<Int>, assessed: Bool, outcome: ResultOutcome?) -> Bool {
        guard sessions > 0, (0..<sessions).allSatisfy(attended.contains) else { return false }
        return assessed ? outcome == .passed : true
    }
}

/// When a provider may close a run and certificate its delegates.
public enum DeliveryRules {
    /// Not before the last session has started: certificates follow the course, not precede it.
    public static func mayClose(lastSessionStart: Date, now: Date) -> Bool { now >= lastSessionStart }
}
