public enum ObjectiveStatus: String, CaseIterable, Codable, Sendable {
    case notStarted = "not_started"
    case started
    case onTrack = "on_track"
    case atRisk = "at_risk"
    case stopped
    case completed

    /// The column headings of Figure 1.
    public var label: String {
        switch self {
        case .notStarted: "Not started"
        case .started: "Started"
        case .onTrack: "On track"
        case .atRisk: "At risk"
        case .stopped: "Stopped"
        case .completed: "Completed"
        }
    }
}

public enum Horizon: String, CaseIterable, Codable, Sendable {
    case mediumTerm = "medium_term"
    case longTerm = "long_term"

    public var label: String {
        switch self {
        case .mediumTerm: "Medium term to March 2027"
        case .longTerm: "Long term to March 2031"
        }
    }
}

public struct ObjectiveFacts: Sendable, Equatable {
    public var code: String
    public var workstream: String
    public var title: String
    public var lead: String
    public var horizon: Horizon
    public var status: ObjectiveStatus
    public init(code: String, workstream: String, title: String, lead: String, horizon: Horizon, status: ObjectiveStatus) {
        self.code = code; self.workstream = workstream; self.title = title; self.lead = lead
        self.horizon = horizon; self.status = status
    }
}

/// How an objective's status may move: to any status (progress is not one-way: an objective
/// on track can fall at risk), and always with a note, since the history is what a board
/// reads to see why an objective is where it is. A note with the same status records progress.
public enum StrategyRules {
    public static func changeErrors(from: ObjectiveStatus, to: ObjectiveStatus?, note: String?) -> [FieldError] {
        var errors: [FieldError] = []
        if to == nil {
            errors.append(FieldError("status", "Choose one of: " + ObjectiveStatus.allCases.map(\.label).joined(separator: ", ")))
        }
        if (note ?? "").isBlank {
            errors.append(FieldError("note", "Write a note saying why the status changes, or what has happened"))
        }
        return errors
    }

    /// Who may change the tracker (API.md: admin or manager).
    public static func mayEdit(_ permissions: Permissions) -> Bool { permissions.has(.manager) }
}
