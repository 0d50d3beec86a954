import Foundation

/// An organisation's application to become an Accredited Centre, as it is submitted.
public struct CentreApplication: Sendable, Equatable {
    public var name: String
    public var kind: CentreKind?
    /// The local authority the centre serves (its id as text, from a form or JSON).
    public var localAuthorityID: UUID?
    public var contactName: String
    public var contactEmail: String
    /// Where courses would be delivered, one a line.
    public var venues: [String]
    /// Why the organisation wants to deliver the courses, and what it has for them.
    public var statement: String

    public init(name: String, kind: CentreKind?, localAuthorityID: UUID?, contactName: String, contactEmail: String,
                venues: [String], statement: String) {
        self.name = name; self.kind = kind; self.localAuthorityID = localAuthorityID; self.contactName = contactName
        self.contactEmail = contactEmail; self.venues = venues; self.statement = statement
    }
}

public enum CentreRules {
    /// The status changes staff may make. Rejected and withdrawn are final: an organisation
    /// that wants to try again applies afresh, so the old decision stays on record.
    public static func allowedChanges(from status: CentreStatus) -> [CentreStatus] {
        switch status {
        case .applicant: [.approved, .rejected]
        case .approved: [.suspended, .withdrawn]
        case .suspended: [.approved, .withdrawn]
        case .rejected, .withdrawn: []
        }
    }

    /// Every change away from approval needs a reason the centre can read.
    public static func needsReason(_ status: CentreStatus) -> Bool { status != .approved }

    public static func changeErrors(from: CentreStatus, to: CentreStatus, reason: String?) -> [FieldError] {
        guard allowedChanges(from: from).contains(to) else {
            return [FieldError("status", "A centre that is \(from.rawValue) cannot become \(to.rawValue)")]
        }
        if needsReason(to), (reason ?? "").isBlank {
            return [FieldError("reason", "Give the reason the centre will be told")]
        }
        return []
    }

    /// A statement of at least this many characters, not counting white space around it.
    public static let minimumStatement = 20

    public static func applicationErrors(_ application: CentreApplication) -> [FieldError] {
        var errors: [FieldError] = []
        if application.name.isBlank { errors.append(FieldError("name", "Enter the organisation's name")) }
        if application.kind == nil { errors.append(FieldError("kind", "Choose college, council or other")) }
        if application.localAuthorityID == nil { errors.append(FieldError("localAuthorityId", "Choose the local authority the centre serves")) }
        if application.contactName.isBlank { errors.append(FieldError("contactName", "Enter the name of the contact")) }
        if !RegistrationForm.looksLikeEmail(application.contactEmail) {
            errors.append(FieldError("contactEmail", "Enter the contact's email address, like name@college.ac.uk"))
        }
        if application.venues.isEmpty || application.venues.contains(where: \.isBlank) {
            errors.append(FieldError("venues", "Enter at least one venue where courses would be delivered, each with its name"))
        }
        if application.statement.trimmed.count < minimumStatement {
            errors.append(FieldError("statement", "Tell us in a sentence or two why you want to deliver the courses and what you have for them"))
        }
        return errors
    }

    /// A centre delivers at its own venues (or online): the venue must be one of them.
    public static func venueErrors(venue: String?, centreVenues: [String]) -> [FieldError] {
        let given = (venue ?? "").trimmed
        guard !given.isEmpty, !centreVenues.contains(where: { $0.caseInsensitiveCompare(given) == .orderedSame }) else { return [] }
        return [FieldError("venue", "Choose one of the centre's venues: " + centreVenues.joined(separator: "; "))]
    }

    /// Venues from a form's text box: one a line, blank lines and repeats dropped.
    public static func venues(fromLines text: String) -> [String] {
        var seen = Set<String>()
        return text.split(whereSeparator: \.isNewline).map { $0.trimmed }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}

/// A centre's approval to deliver one course, from a date, until withdrawn.
public struct CourseApproval: Sendable, Equatable {
    public var courseCode: String
    public var from: Date
    public var withdrawnAt: Date?

    public init(courseCode: String, from: Date, withdrawnAt: Date? = nil) {
        self.courseCode = courseCode; self.from = from; self.withdrawnAt = withdrawnAt
    }

    /// Whether a run starting at `date` falls under this approval.
    public func covers(_ date: Date) -> Bool {
        date >= from && (withdrawnAt.map { date < $0 } ?? true)
    }
}

public enum ApprovalRules {
    /// Why a course cannot be granted to a centre, if it cannot.
    public static func grantErrors(centreDeliverable: Bool, centreStatus: CentreStatus, alreadyApproved: Bool) -> [FieldError] {
        if !centreDeliverable {
            return [FieldError("courseCode", "This course is not one that Accredited Centres may deliver")]
        }
        if centreStatus == .rejected || centreStatus == .withdrawn {
            return [FieldError("courseCode", "This centre is \(centreStatus.rawValue), so it cannot be approved for courses")]
        }
        if alreadyApproved {
            return [FieldError("courseCode", "This centre is already approved for this course")]
        }
        return []
    }

    /// The approval under which a centre may deliver `courseCode` starting at `date`, if any.
    public static func approval(in approvals: [CourseApproval], courseCode: String, at date: Date) -> CourseApproval? {
        approvals.first { $0.courseCode == courseCode && $0.covers(date) }
    }
}

/// What a centre's page shows to whom: its runs and their verification only to the
/// service's staff and the centre's own coordinator; the courses to approve only to staff.
public struct CentreView: Sendable, Equatable {
    public var staff: Bool
    public var own: Bool
    public var showsDeliveries: Bool { staff || own }

    public init(_ permissions: Permissions?, coordinatorOf ownCentre: UUID?, centre: UUID) {
        staff = permissions?.managesCentres == true
        own = (permissions?.roles.contains(.centreCoordinator) ?? false) && ownCentre == centre
    }
}
