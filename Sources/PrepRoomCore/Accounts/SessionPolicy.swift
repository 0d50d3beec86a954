import Foundation

/// When a browser's session ends: after `idle` without a request, and `absolute` after it
/// began however busy it is (OWASP ASVS 3.3: 2 hours idle and 12 hours in all by default).
public struct SessionPolicy: Sendable, Equatable {
    public var idle: TimeInterval
    public var absolute: TimeInterval
    /// A session seen more recently than this is not written again just to say so: a page
    /// view costs no write, and idle time is still measured to within this.
    public var touchInterval: TimeInterval = 60

    public init(idle: TimeInterval = 2 * 3600, absolute: TimeInterval = 12 * 3600) {
        self.idle = idle
        self.absolute = absolute
    }

    public func isLive(createdAt: Date, lastSeenAt: Date, now: Date) -> Bool {
        now < lastSeenAt.addingTimeInterval(idle) && now < createdAt.addingTimeInterval(absolute)
    }

    public func needsTouch(lastSeenAt: Date, now: Date) -> Bool {
        now >= lastSeenAt.addingTimeInterval(touchInterval)
    }

    /// Sessions begun before this are over, however recently seen.
    public func oldestLiveStart(now: Date) -> Date { now.addingTimeInterval(-absolute) }
    /// Sessions last seen before this are over.
    public func oldestLiveSighting(now: Date) -> Date { now.addingTimeInterval(-idle) }
}
