import Fluent
import Foundation
import SQLKit

/// A browser or address an account signed in from before: its usual context, exempt from
/// the throttle that slows attempts from unknown contexts (`SignInThrottle`). Only digests
/// are kept: the device cookie's, and the address's.
public final class SignInContext: Model, @unchecked Sendable {
    public static let schema = "sign_in_contexts"

    public enum Kind: String, Codable, Sendable { case device, address }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: User
    @Enum(key: "kind") public var kind: Kind
    @Field(key: "digest") public var digest: String
    @Field(key: "last_used_at") public var lastUsedAt: Date

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $user, $kind, $digest, $lastUsedAt] }

    public init() {}
    public init(userID: UUID, kind: Kind, digest: String, at: Date) {
        self.$user.id = userID; self.kind = kind; self.digest = digest; self.lastUsedAt = at
    }
}

/// A browser's session: who is signed in and the few values kept between its requests
/// (the CSRF token, a message for the next page). The cookie holds a random token; only
/// its digest is stored. Sessions end after `SessionPolicy`'s idle and absolute limits.
public final class BrowserSessionRecord: Model, @unchecked Sendable {
    public static let schema = "browser_sessions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "digest") public var digest: String
    @OptionalParent(key: "user_id") public var user: User?
    /// A JSON object of strings.
    @Field(key: "data") public var data: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "last_seen_at") public var lastSeenAt: Date
    /// The browser's own description, shortened, so a person can tell their sessions apart.
    @OptionalField(key: "user_agent") public var userAgent: String?

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $digest, $user, $data, $createdAt, $lastSeenAt, $userAgent] }

    public init() {}
    public init(digest: String, userID: UUID?, data: String, at: Date, userAgent: String?) {
        self.digest = digest; self.$user.id = userID; self.data = data
        self.createdAt = at; self.lastSeenAt = at; self.userAgent = userAgent
    }
}
