/// Member organisations: the 32 local authorities and member bodies such as SCIS.
public enum OrganisationKind: String, CaseIterable, Codable, Sendable {
    case localAuthority = "local_authority"
    case memberBody = "member_body"
}

public struct OrganisationFacts: Sendable, Equatable {
    public var name: String
    public var kind: OrganisationKind
    public init(name: String, kind: OrganisationKind) { self.name = name; self.kind = kind }
}
