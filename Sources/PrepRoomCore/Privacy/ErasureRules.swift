import Foundation

/// What an erased account becomes. Erasure removes who a person was, not what happened:
/// their bookings stay as rows of an account with no name, so the figures of past reports
/// do not change, and their certificates still verify by number without a name.
public enum Erasure {
    /// The name an erased account shows wherever a list of people includes it.
    public static let erasedName = "Erased account"
    /// What a certificate check shows instead of the holder's name.
    public static let withheldHolder = "Name withheld at the holder's request"
    /// What replaces the person's name and address inside text the service wrote about
    /// them (an email to someone else, an audit entry).
    public static let redaction = "[erased]"

    /// An address that is unique (the column is) and can never receive mail: `.invalid` is
    /// reserved for exactly this (RFC 2606).
    public static func placeholderEmail(for id: UUID) -> String { "erased-\(id.uuidString.lowercased())@erased.invalid" }

    /// Whether `text` names the person: their email address anywhere, in any case, or
    /// their name as whole words (so "Ann" does not match "Annual").
    public static func mentions(_ text: String, name: String, email: String) -> Bool {
        scrub(text, name: name, email: email) != text
    }

    /// `text` with the person's email address and name replaced by `redaction`.
    public static func scrub(_ text: String, name: String, email: String) -> String {
        var text = text
        let email = email.trimmingCharacters(in: .whitespaces)
        if !email.isEmpty { text = text.replacingOccurrences(of: email, with: redaction, options: .caseInsensitive) }
        let name = name.trimmingCharacters(in: .whitespaces)
        guard name.count >= 2 else { return text }
        let pattern = "(?<![\\p{L}\\p{N}])" + NSRegularExpression.escapedPattern(for: name) + "(?![\\p{L}\\p{N}])"
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return text }
        return regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text),
                                              withTemplate: NSRegularExpression.escapedTemplate(for: redaction))
    }
}

/// When an account counts as inactive and is listed for an admin to review (keep,
/// disable, or erase): no sign-in for `months`, counted from the last sign-in, or from
/// registration for someone who never signed in.
public struct InactivityRule: Equatable, Sendable {
    public static let allowedMonths = 6...240
    /// Three years: a technician may go a whole certificate's validity between courses.
    public static let defaultMonths = 36

    public let months: Int

    /// Nil for a number of months outside `allowedMonths`.
    public init?(months: Int) {
        guard Self.allowedMonths.contains(months) else { return nil }
        self.months = months
    }

    private init(checked months: Int) { self.months = months }

    public static let standard = InactivityRule(checked: defaultMonths)

    /// Accounts last active before this are inactive.
    public func cutoff(now: Date) -> Date {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC") ?? utc.timeZone
        return utc.date(byAdding: .month, value: -months, to: now) ?? now
    }

    public func isInactive(lastSignedIn: Date?, registered: Date?, now: Date) -> Bool {
        guard let last = lastSignedIn ?? registered else { return false }
        return last < cutoff(now: now)
    }
}
