/// Accredited Centres: colleges and councils that deliver the service's courses locally.
public enum CentreKind: String, CaseIterable, Codable, Sendable {
    case college, council, other

    public var label: String { rawValue.capitalized }
}

/// Where a centre stands with the service. Only an approved centre delivers courses.
public enum CentreStatus: String, CaseIterable, Codable, Sendable {
    /// Has applied; staff have not decided yet.
    case applicant
    /// An operating Accredited Centre.
    case approved
    /// Stopped from scheduling for now (its existing certificates stand).
    case suspended
    /// No longer a centre, by its choice or the service's.
    case withdrawn
    /// The application was turned down.
    case rejected

    public var label: String { rawValue.capitalized }
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
