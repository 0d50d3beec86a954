import Foundation

/// Where a suggested theme for a twilight Meet stands. Staff plan it, then schedule it as a
/// run in the catalogue, or decline it with a reason.
public enum MeetsTopicStatus: String, CaseIterable, Codable, Sendable {
    case suggested, planned, scheduled, declined

    public var label: String {
        switch self {
        case .suggested: "Suggested"
        case .planned: "Planned"
        case .scheduled: "Scheduled"
        case .declined: "Declined"
        }
    }

    /// Members vote (and withdraw a vote) while staff have not yet decided.
    public var takesVotes: Bool { self == .suggested || self == .planned }
}

/// Meets topics: technicians suggest themes for twilight Meets (objective T2: "themes
/// suggested by technicians"), others vote, and the course admins who schedule runs decide.
public enum MeetsTopicRules {
    public static let titleLength = 8...TextLimit.title
    /// Why it matters: a paragraph, not an essay.
    public static let whyLength = 1...TextLimit.reason
    /// The kit someone might show, optional.
    public static let kitLength = 0...TextLimit.reason

    /// Course admins schedule runs, so they decide what becomes a Meet.
    public static func mayDecide(_ permissions: Permissions) -> Bool { permissions.canEditCatalogue }

    /// A decline says why, for the suggester.
    public static func problems(reason: String?) -> [FieldError] { CommunityRules.problems(reason: reason) }

    public static func problems(title: String?, why: String?, kit: String?) -> [FieldError] {
        var problems: [FieldError] = []
        let title = (title ?? "").trimmed, why = (why ?? "").trimmed, kit = (kit ?? "").trimmed
        if !titleLength.contains(title.count) {
            problems.append(FieldError("title", "Give the topic a title of \(titleLength.lowerBound) to \(titleLength.upperBound) characters"))
        }
        if why.isEmpty { problems.append(FieldError("why", "Say why it matters to technicians")) }
        else if why.count > whyLength.upperBound { problems.append(FieldError("why", "Keep why it matters to \(whyLength.upperBound) characters")) }
        if kit.count > kitLength.upperBound { problems.append(FieldError("kit", "Keep the kit to show to \(kitLength.upperBound) characters")) }
        return problems
    }

    /// Staff's next step from where a topic stands: nil when it may be taken. A decided
    /// topic (scheduled or declined) stays decided; planning is optional on the way.
    public static func refusal(from current: MeetsTopicStatus, to next: MeetsTopicStatus) -> String? {
        switch (current, next) {
        case (.suggested, .planned), (.suggested, .scheduled), (.suggested, .declined), (.planned, .scheduled), (.planned, .declined):
            return nil
        case (_, .suggested):
            return "A topic cannot go back to suggested."
        case (let current, let next) where current == next:
            return "The topic is already \(current.label.lowercased())."
        default:
            return "The topic is \(current.label.lowercased()): it cannot become \(next.label.lowercased())."
        }
    }
}

/// The emails a Meets topic's decision sends: to everyone who voted for it (and its
/// suggester) when it is scheduled, and to its suggester when it is declined.
public enum MeetsNotices {
    public static func scheduled(to email: String, name: String, topic: String, course: String, dates: String, link: String) -> EmailMessage {
        EmailMessage(to: email, subject: "A Meet on \"\(topic)\" is scheduled",
                     body: "Dear \(name),\n\nYou asked for a Meet on \"\(topic)\", and it is now scheduled: \(course), \(dates).\n\nBook your place: \(link)\n\nPlaces are limited, so book soon if you want to come." + EmailMessage.signOff)
    }

    public static func declined(to email: String, name: String, topic: String, reason: String, link: String) -> EmailMessage {
        EmailMessage(to: email, subject: "Your Meets topic \"\(topic)\"",
                     body: "Dear \(name),\n\nThank you for suggesting \"\(topic)\" for a Meet. We have decided not to run it.\n\nThe reason: \(reason)\n\nThe list of suggestions: \(link)" + EmailMessage.signOff)
    }
}
