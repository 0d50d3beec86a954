import Foundation

/// Slows password guessing without handing attackers a way to lock people out.
///
/// Failures count against three things, each with its own allowance before the waits
/// start; past it every further failure doubles the wait (30 s, 1 min, 2 min, … up to 15
/// minutes):
/// - **this account from this context**: the browser (a device cookie, given at an
///   earlier successful sign-in) or, without one, the address: 5 free failures;
/// - **this account from unknown contexts**: 10 free failures. The owner's usual context
///   (their device cookie, or an address they signed in from before) is exempt, so the
///   right password from there still works while an attacker elsewhere is slowed;
/// - **this address, whatever the account**: 100 free failures, because a whole school
///   signs in from one NAT address. An account's usual context is exempt here too, so one
///   person guessing at a school's address cannot shut out everyone who works there.
/// The failures live in the database so every instance agrees (OWASP's "device cookies").
public struct SignInThrottle: Sendable {
    public struct Failure: Sendable, Equatable {
        public var at: Date
        public var address: String
        /// The device cookie's digest, when the failed attempt carried one.
        public var device: String?

        public init(at: Date, address: String, device: String? = nil) {
            self.at = at; self.address = address; self.device = device
        }
    }

    /// Where an attempt comes from, as far as this account is concerned.
    public struct Context: Sendable, Equatable {
        public var address: String
        /// The digest of a device cookie this account signed in with before.
        public var trustedDevice: String?
        /// This account signed in from this address before.
        public var knownAddress: Bool

        public init(address: String, trustedDevice: String? = nil, knownAddress: Bool = false) {
            self.address = address; self.trustedDevice = trustedDevice; self.knownAddress = knownAddress
        }

        public var isUsual: Bool { trustedDevice != nil || knownAddress }
    }

    public var contextAllowance = 5
    public var unknownContextsAllowance = 10
    public var addressAllowance = 100
    /// Failures older than this are forgotten.
    public var window: TimeInterval = 60 * 60
    public var firstWait: TimeInterval = 30
    public var longestWait: TimeInterval = 15 * 60

    public init() {}

    public func windowStart(now: Date) -> Date { now.addingTimeInterval(-window) }

    /// The wait after `count` failures with `allowance` free: 0 within it, then doubling.
    public func wait(afterFailures count: Int, allowance: Int) -> TimeInterval {
        guard count >= allowance else { return 0 }
        let doublings = min(count - allowance, 20)
        return min(firstWait * pow(2, Double(doublings)), longestWait)
    }

    /// nil when this attempt may go ahead; else the moment the next one will be allowed.
    /// `account` are the account's recent failures; `address` the address's (any account).
    public func retryAfter(account: [Failure], address: [Date], context: Context, now: Date) -> Date? {
        let since = windowStart(now: now)
        let recent = account.filter { $0.at > since }
        var groups: [(times: [Date], allowance: Int)] = []
        if let device = context.trustedDevice {
            groups.append((recent.filter { $0.device == device }.map(\.at), contextAllowance))
        } else {
            groups.append((recent.filter { $0.address == context.address }.map(\.at), contextAllowance))
        }
        if !context.isUsual {
            groups.append((recent.map(\.at), unknownContextsAllowance))
            groups.append((address.filter { $0 > since }, addressAllowance))
        }
        let until = groups.compactMap { group -> Date? in
            guard let last = group.times.max() else { return nil }
            let wait = self.wait(afterFailures: group.times.count, allowance: group.allowance)
            return wait > 0 ? last.addingTimeInterval(wait) : nil
        }.max()
        guard let until, until > now else { return nil }
        return until
    }
}
