/// A catalogue entry as the source texts describe it, independent of storage.
/// The demo data is written in these; the store turns them into rows.
public struct CourseFacts: Sendable, Equatable {
    public var code: String
    public var title: String
    public var summary: String
    /// What the course covers, one item per line.
    public var covers: [String]
    public var subject: Subject
    public var audiences: [Audience]
    public var format: CourseFormat
    public var durationDays: Double
    public var assessed: Bool
    public var certificated: Bool
    public var scqfLevel: Int?
    public var scqfCredits: Int?
    /// How long a certificate stays current; nil means it does not expire.
    public var validityMonths: Int?
    /// The code of the course this one refreshes.
    public var refresherOf: String?
    /// The competence a certificate grants, e.g. microbiology "Level 3".
    public var competence: String?
    /// Whether Accredited Centres may be approved to deliver it.
    public var centreDeliverable: Bool

    public init(
        code: String, title: String, summary: String, covers: [String] = [],
        subject: Subject, audiences: [Audience], format: CourseFormat, durationDays: Double,
        assessed: Bool = false, certificated: Bool = false, scqfLevel: Int? = nil, scqfCredits: Int? = nil,
        validityMonths: Int? = nil, refresherOf: String? = nil, competence: String? = nil,
        centreDeliverable: Bool = false
    ) {
        self.code = code; self.title = title; self.summary = summary; self.covers = covers
        self.subject = subject; self.audiences = audiences; self.format = format
        self.durationDays = durationDays; self.assessed = assessed; self.certificated = certificated
        self.scqfLevel = scqfLevel; self.scqfCredits = scqfCredits; self.validityMonths = validityMonths
        self.refresherOf = refresherOf; self.competence = competence; self.centreDeliverable = centreDeliverable
    }
}
