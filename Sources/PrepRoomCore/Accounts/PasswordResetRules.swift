import Foundation

/// Resetting a forgotten password: an emailed link that works once and not for long. The
/// form answers the same whether or not the address has an account, so it cannot be used
/// to find out who has one.
public enum PasswordResetRules {
    /// How long an emailed link works.
    public static let lifetime: TimeInterval = 3600

    /// A second request for one account this soon after the last sends no second email,
    /// so the form cannot be used to flood somebody's inbox.
    public static let resendInterval: TimeInterval = 120

    /// Whether another link may be emailed, given when the last one was.
    public static func maySend(lastSentAt: Date?, now: Date) -> Bool {
        guard let lastSentAt else { return true }
        return now.timeIntervalSince(lastSentAt) >= resendInterval || lastSentAt > now
    }

    /// The link's lifetime in words, as the email and the pages say it.
    public static var lifetimeText: String { "\(Int(lifetime / 60)) minutes" }
}
