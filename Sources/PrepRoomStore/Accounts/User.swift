import Fluent
import Foundation
import PrepRoomCore

/// A person with an account. Registration leaves them `pending` until staff approve.
public final class User: Model, @unchecked Sendable {
    public static let schema = "users"

    @ID(key: .id) public var id: UUID?
    /// Stored normalised (lower-case, trimmed): see `RegistrationForm.normalise`.
    @Field(key: "email") public var email: String
    @Field(key: "name") public var name: String
    @Field(key: "password_hash") public var passwordHash: String
    /// Comma-separated role names; read through `roles`.
    @Field(key: "roles") public var roleList: String
    @Enum(key: "status") public var status: AccountStatus
    /// The local authority or member body the person works for.
    @OptionalParent(key: "organisation_id") public var organisation: Organisation?
    /// For centre coordinators: the centre they coordinate. An id rather than a parent:
    /// accounts sit below centres in the order of areas (README, "How the code is laid
    /// out"), so a person names their centre without knowing what a centre is.
    @OptionalField(key: "centre_id") public var centreID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @OptionalField(key: "approved_at") public var approvedAt: Date?
    /// Why an admin disabled the account (status `disabled`).
    @OptionalField(key: "disabled_reason") public var disabledReason: String?
    /// The optional emails turned off (`OptionalEmail.encode`); nil: all on.
    @OptionalField(key: "email_opt_outs") public var emailOptOuts: String?
    /// The last successful sign-in (browser or API token); nil before the first, or for
    /// accounts from before it was kept.
    @OptionalField(key: "last_signed_in_at") public var lastSignedInAt: Date?
    /// When the account was erased (status `erased`): name and address are gone from it.
    @OptionalField(key: "erased_at") public var erasedAt: Date?

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $email, $name, $passwordHash, $roleList, $status, $organisation, $centreID, $createdAt, $approvedAt, $disabledReason, $emailOptOuts, $lastSignedInAt, $erasedAt] }

    public init() {}
    public init(id: UUID? = nil, email: String, name: String, passwordHash: String, roles: [Role],
                status: AccountStatus, organisationID: UUID? = nil) {
        self.id = id; self.email = email; self.name = name; self.passwordHash = passwordHash
        self.roleList = Role.encodeList(roles); self.status = status; self.$organisation.id = organisationID
        self.centreID = nil
    }

    public var roles: [Role] {
        get { Role.decodeList(roleList) }
        set { roleList = Role.encodeList(newValue) }
    }

    public var permissions: Permissions { Permissions(roles) }
}

/// An API bearer token. Only a SHA-256 digest of the token is stored, so a copy of the
/// database does not hand out working tokens.
public final class UserToken: Model, @unchecked Sendable {
    public static let schema = "user_tokens"

    @ID(key: .id) public var id: UUID?
    @Field(key: "digest") public var digest: String
    @Parent(key: "user_id") public var user: User
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Field(key: "expires_at") public var expiresAt: Date
    /// What the person called it, so they can tell their tokens apart when revoking one.
    @OptionalField(key: "label") public var label: String?

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $digest, $user, $createdAt, $expiresAt, $label] }

    public init() {}
    public init(digest: String, userID: UUID, expiresAt: Date, label: String? = nil) {
        self.digest = digest; self.$user.id = userID; self.expiresAt = expiresAt; self.label = label
    }
}

/// A failed sign-in, kept briefly so `SignInThrottle` can slow guessing on every instance.
public final class SignInFailure: Model, @unchecked Sendable {
    public static let schema = "sign_in_failures"

    @ID(key: .id) public var id: UUID?
    @Field(key: "email") public var email: String
    @Field(key: "address") public var address: String
    @Field(key: "at") public var at: Date
    /// The digest of the device cookie the attempt carried, if any.
    @OptionalField(key: "device") public var device: String?

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $email, $address, $at, $device] }

    public init() {}
    public init(email: String, address: String, at: Date, device: String? = nil) {
        self.email = email; self.address = address; self.at = at; self.device = device
    }
}

extension User {
    /// Whether this person still receives an optional email of this kind.
    public func wants(_ email: OptionalEmail) -> Bool { !OptionalEmail.decode(emailOptOuts).contains(email) }
}
