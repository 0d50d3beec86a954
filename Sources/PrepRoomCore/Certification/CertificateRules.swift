import Foundation

/// Certificate numbers, expiry and the reminders that lead to a refresher.
public enum CertificateRules {
    /// Crockford's base-32 alphabet: no I, L, O or U, so a number read aloud or typed from
    /// paper is not mistaken.
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// "PR-7KQ2-M9XD-4TWA-H3": 16 random symbols (80 bits), so numbers cannot be guessed.
    public static func newNumber<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let symbols = (0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return "PR-" + stride(from: 0, to: 16, by: 4).map { String(symbols[$0..<$0 + 4]) }.joined(separator: "-")
    }

    public static func newNumber() -> String {
        var generator = SystemRandomNumberGenerator()
        return newNumber(using: &generator)
    }

    /// Normalises what a person typed: case, spaces, dashes (none, or in other places, or
    /// typographic ones), a missing "PR" prefix, and the letters the alphabet leaves out
    /// because they look like digits (O for 0, I and L for 1). Sixteen symbols come back
    /// grouped as the number is printed; anything else comes back compacted (it matches
    /// no certificate).
    public static func normalise(_ typed: String) -> String {
        let compact = typed.uppercased().filter { !$0.isWhitespace && !"-\u{2010}\u{2011}\u{2012}\u{2013}\u{2014}\u{2212}".contains($0) }
        var symbols = Substring(compact)
        if symbols.count == 18, symbols.hasPrefix("PR") { symbols = symbols.dropFirst(2) }
        guard symbols.count == 16 else { return compact }
        let body = symbols.map { character -> Character in
            switch character {
            case "O": "0"
            case "I", "L": "1"
            default: character
            }
        }
        return "PR-" + stride(from: 0, to: 16, by: 4).map { String(body[$0..<$0 + 4]) }.joined(separator: "-")
    }

    public static func expiry(issuedAt: Date, validityMonths: Int?) -> Date? {
        guard let months = validityMonths else { return nil }
        return ServiceTime.addingMonths(months, to: issuedAt)
    }

    public enum Standing: String, Sendable, Equatable, CaseIterable {
        case current
        case expiringSoon = "expiring_soon"
        case expired
        case revoked
    }

    public static let expiringWindowDays = 90

    public static func standing(expiresAt: Date?, revoked: Bool, now: Date) -> Standing {
        if revoked { return .revoked }
        guard let expiresAt else { return .current }
        if expiresAt <= now { return .expired }
        if expiresAt.timeIntervalSince(now) <= Double(expiringWindowDays) * 86_400 { return .expiringSoon }
        return .current
    }

    /// One certificate a person holds, as the renewal rule reads it.
    public struct Held: Sendable {
        public var courseCode: String
        public var expiresAt: Date?
        public var revoked: Bool
        public init(courseCode: String, expiresAt: Date?, revoked: Bool) {
            self.courseCode = courseCode; self.expiresAt = expiresAt; self.revoked = revoked
        }
    }

    /// Renewed: the person holds another certificate of the same course, not revoked, that
    /// lasts longer (or never expires). A renewed certificate is not "to renew", is not
    /// reminded about, and is not listed as lapsing. `AuthorityOverviewQuery` states the
    /// same rule in SQL.
    public static func isRenewed(_ certificate: Held, among held: [Held]) -> Bool {
        guard let expiresAt = certificate.expiresAt else { return false }
        return held.contains { other in
            other.courseCode == certificate.courseCode && !other.revoked && (other.expiresAt.map { $0 > expiresAt } ?? true)
        }
    }

    /// Expiring within the window or expired, and not renewed: what a person should renew.
    public static func isDueForRenewal(_ certificate: Held, among held: [Held], now: Date) -> Bool {
        [.expiringSoon, .expired].contains(standing(expiresAt: certificate.expiresAt, revoked: certificate.revoked, now: now))
            && !isRenewed(certificate, among: held)
    }

    /// The reminders sent before expiry, each once.
    public enum Reminder: String, CaseIterable, Sendable {
        case ninetyDays = "expiry_90"
        case thirtyDays = "expiry_30"

        public var daysBefore: Int { self == .ninetyDays ? 90 : 30 }
    }

    /// The reminders due now: those whose moment has come while the certificate is still
    /// current and which have not been sent. The 90-day one is skipped once the 30-day
    /// one is due, so a late first run does not send two at once.
    public static func dueReminders(expiresAt: Date?, revoked: Bool, alreadySent: Set<Reminder>, now: Date) -> [Reminder] {
        guard let expiresAt, !revoked, expiresAt > now else { return [] }
        let daysLeft = expiresAt.timeIntervalSince(now) / 86_400
        if daysLeft <= 30 { return alreadySent.contains(.thirtyDays) ? [] : [.thirtyDays] }
        if daysLeft <= 90 { return alreadySent.contains(.ninetyDays) ? [] : [.ninetyDays] }
        return []
    }
}
