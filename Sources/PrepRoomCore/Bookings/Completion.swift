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
    /// Why a delegate did not complete, in the words the delegates page uses: the days
    /// missed (1-based) and, where assessed, a result short of a pass. Empty when complete.
    public static func shortfall(sessions: Int, attended: Set<Int>, assessed: Bool, outcome: ResultOutcome?) -> [String] {
        var why: [String] = []
        let missed = (0..<max(sessions, 0)).filter { !attended.contains($0) }.map { "day \($0 + 1)" }
        if !missed.isEmpty { why.append("missed " + missed.joined(separator: ", ")) }
        if assessed, outcome != .passed { why.append(outcome.map { "result: \($0.label.lowercased())" } ?? "no result recorded") }
        return why
    }

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
