import Fluent
import Foundation
import PrepRoomCore

/// An Accredited Centre, or an organisation applying to become one.
public final class Centre: Model, @unchecked Sendable {
    public static let schema = "centres"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Enum(key: "kind") public var kind: CentreKind
    @Parent(key: "local_authority_id") public var localAuthority: Organisation
    @Enum(key: "status") public var status: CentreStatus
    @Field(key: "venue") public var venue: String
    /// The centre's address (its first venue is the same, see `CentreVenue`).
    @OptionalField(key: "contact_email") public var contactEmail: String?
    @OptionalField(key: "contact_name") public var contactName: String?
    /// What the organisation wrote when it applied.
    @OptionalField(key: "statement") public var statement: String?
    /// The account that applied; it becomes the centre's coordinator on approval.
    @OptionalField(key: "applied_by") public var appliedBy: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Children(for: \.$centre) public var venues: [CentreVenue]

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $name, $kind, $localAuthority, $status, $venue, $contactEmail, $contactName, $statement, $appliedBy, $createdAt, $venues] }

    public init() {}
    public init(id: UUID? = nil, name: String, kind: CentreKind, localAuthorityID: UUID, status: CentreStatus, venue: String) {
        self.id = id; self.name = name; self.kind = kind; self.$localAuthority.id = localAuthorityID
        self.status = status; self.venue = venue
    }
}
