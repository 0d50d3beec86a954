import Fluent
import Foundation
import PrepRoomCore

/// A school of the register (`SchoolFacts`): the government's seed code, its name, the
/// organisation it belongs to (a local authority, or SCIS) and its type.
public final class School: Model, @unchecked Sendable {
    public static let schema = "schools"

    @ID(key: .id) public var id: UUID?
    @Field(key: "seed_code") public var seedCode: String
    @Field(key: "name") public var name: String
    @Field(key: "organisation_id") public var organisationID: UUID
    @Enum(key: "type") public var type: SchoolType

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $seedCode, $name, $organisationID, $type] }

    public init() {}
    public init(id: UUID? = nil, seedCode: String, name: String, organisationID: UUID, type: SchoolType) {
        self.id = id; self.seedCode = seedCode; self.name = name; self.organisationID = organisationID; self.type = type
    }
}

/// A person working at a school (technicians and teachers name one or more). The person is
/// held by id: schools come before accounts in the order of areas.
public final class SchoolMembership: Model, @unchecked Sendable {
    public static let schema = "school_members"

    @ID(key: .id) public var id: UUID?
    @Field(key: "school_id") public var schoolID: UUID
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "since") public var since: Date

    public var properties: [any AnyProperty] { [$id, $schoolID, $userID, $since] }

    public init() {}
    public init(schoolID: UUID, userID: UUID, since: Date) {
        self.schoolID = schoolID; self.userID = userID; self.since = since
    }
}
