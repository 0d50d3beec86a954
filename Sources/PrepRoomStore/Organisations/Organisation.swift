import Fluent
import Foundation
import PrepRoomCore

/// A member organisation: a local authority or a member body such as SCIS.
public final class Organisation: Model, @unchecked Sendable {
    public static let schema = "organisations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Enum(key: "kind") public var kind: OrganisationKind

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $name, $kind] }

    public init() {}
    public init(id: UUID? = nil, name: String, kind: OrganisationKind) {
        self.id = id; self.name = name; self.kind = kind
    }
}
