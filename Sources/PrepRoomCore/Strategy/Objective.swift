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
