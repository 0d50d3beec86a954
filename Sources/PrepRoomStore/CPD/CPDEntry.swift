import Fluent
import Foundation
import PrepRoomCore

/// Informal learning a member records. Certificates join the record without an entry.
public final class CPDEntry: Model, @unchecked Sendable {
    public static let schema = "cpd_entries"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: User
    @Enum(key: "kind") public var kind: CPDKind
    @Field(key: "title") public var title: String
    @Field(key: "date") public var date: Date
    @Field(key: "hours") public var hours: Double
    @OptionalField(key: "reflection") public var reflection: String?
    @OptionalField(key: "evidence_url") public var evidenceURL: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $user, $kind, $title, $date, $hours, $reflection, $evidenceURL, $createdAt] }

    public init() {}

    public var item: CPDItem {
        CPDItem(date: date, kind: kind, title: title, hours: hours, reflection: reflection, evidenceURL: evidenceURL)
    }
}
