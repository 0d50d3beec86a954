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

public enum CentreKind: String, CaseIterable, Codable, Sendable {
    case college, council, other
}

public enum CentreStatus: String, CaseIterable, Codable, Sendable {
    case applicant, approved, suspended, withdrawn
}

/// An Accredited Centre (or applicant) as the annual report lists it.
public struct CentreFacts: Sendable, Equatable {
    public var name: String
    public var kind: CentreKind
    public var localAuthority: String
    public var status: CentreStatus
    public var venue: String
    public init(name: String, kind: CentreKind, localAuthority: String, status: CentreStatus, venue: String) {
        self.name = name; self.kind = kind; self.localAuthority = localAuthority; self.status = status; self.venue = venue
    }
}
