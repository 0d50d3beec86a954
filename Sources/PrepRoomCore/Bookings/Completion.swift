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

    /// What a provider has still to do for a run that has started and is not closed, in the
    /// order the delegates page takes it: attendance for every day held so far, then (once
    /// the last day has started) a result for each delegate of an assessed course, then
    /// closing. `nil` while the run is under way and up to date.
    public static func nextStep(confirmed: Int, sessionsHeld: Int, attendanceMarks: Int, assessed: Bool,
                                results: Int, lastSessionStarted: Bool) -> DeliveryStep? {
        let marksDue = max(confirmed, 0) * max(sessionsHeld, 0)
        if attendanceMarks < marksDue { return .attendance(missing: marksDue - attendanceMarks) }
        guard lastSessionStarted else { return nil }
        if assessed, results < confirmed { return .results(missing: confirmed - results) }
        return .close
    }
}

/// The next thing a run's provider must do (`DeliveryRules.nextStep`).
public enum DeliveryStep: Equatable, Sendable {
    /// Attendance marks missing for days already held (one per delegate and day).
    case attendance(missing: Int)
    /// Delegates of an assessed course without a result.
    case results(missing: Int)
    /// Everything is recorded: closing issues the certificates.
    case close

    public var label: String {
        switch self {
        case .attendance(let missing): "Mark attendance (\(Wording.count(missing, "mark")) missing)"
        case .results(let missing): "Record results (\(Wording.count(missing, "delegate")) without one)"
        case .close: "Close the run"
        }
    }
}
