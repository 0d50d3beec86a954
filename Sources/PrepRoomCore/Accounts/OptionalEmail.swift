/// The emails a person may choose not to receive. Everything else the service sends is
/// about something they did or must act on (a booking, a password reset, a place that came
/// up, a certificate issued) and always goes.
public enum OptionalEmail: String, CaseIterable, Sendable {
    case expiryReminders = "expiry_reminders"
    case evaluationInvitations = "evaluation_invitations"
    case registrationDigest = "registration_digest"
    /// Techné's notifications by email, as they happen or in a daily digest.
    case communityNotifications = "community_notifications"

    public var label: String {
        switch self {
        case .expiryReminders: "Reminders before a certificate expires"
        case .evaluationInvitations: "Invitations to a course's questionnaires"
        case .registrationDigest: "The daily list of registrations waiting for approval"
        case .communityNotifications: "Techné notifications: mentions, replies and new topics you follow"
        }
    }

    public var hint: String {
        switch self {
        case .expiryReminders: "90 and 30 days before, naming the refresher and its next runs. My certificates shows expiry dates either way."
        case .evaluationInvitations: "Before, after and some months after each course. My page lists those waiting either way."
        case .registrationDigest: "Once a day when someone new waits. The accounts page lists them either way."
        case .communityNotifications: "As they happen or once a day (choose on your notifications page). The bell in the menu counts them either way."
        }
    }

    /// Only admins approve registrations, so only they are offered the digest.
    public func isOffered(to roles: [Role]) -> Bool {
        self != .registrationDigest || roles.contains(.admin)
    }

    /// The opt-outs after a person ticks `wanted` among the emails offered to `roles`. A
    /// choice about an email not offered (an admin's digest, kept while they are not an
    /// admin) stays as it was: the form could not show it, so it says nothing about it.
    public static func optOuts(wanted: Set<OptionalEmail>, roles: [Role], current: Set<OptionalEmail>) -> Set<OptionalEmail> {
        let offered = Set(allCases.filter { $0.isOffered(to: roles) })
        return offered.subtracting(wanted).union(current.subtracting(offered))
    }

    /// As stored: the opted-out kinds, sorted and comma-separated; unknown words are dropped.
    public static func decode(_ stored: String?) -> Set<OptionalEmail> {
        Set((stored ?? "").split(separator: ",").compactMap { OptionalEmail(rawValue: String($0)) })
    }

    public static func encode(_ optedOut: Set<OptionalEmail>) -> String {
        optedOut.map(\.rawValue).sorted().joined(separator: ",")
    }
}

extension EmailMessage {
    /// This message as one of the optional emails `kind`, with the link that stops them.
    public func stoppable(_ kind: OptionalEmail, at link: String) -> EmailMessage {
        stoppable(what: kind.label, at: link)
    }
}
