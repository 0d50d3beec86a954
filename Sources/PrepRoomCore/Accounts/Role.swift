import Foundation

/// Roles from API.md. A person may hold several; `admin` may do everything.
public enum Role: String, CaseIterable, Codable, Sendable {
    case technician, teacher
    case centreCoordinator = "centre_coordinator"
    case laManager = "la_manager"
    case courseAdmin = "course_admin"
    case verifier, adviser, editor, moderator, admin
    /// Runs the strategy tracker and reads reports (API.md: "admin or manager role").
    case manager

    public var label: String {
        switch self {
        case .technician: "Technician"
        case .teacher: "Teacher"
        case .centreCoordinator: "Centre coordinator"
        case .laManager: "Local authority manager"
        case .courseAdmin: "Course admin"
        case .verifier: "Verifier"
        case .adviser: "Adviser"
        case .editor: "Editor"
        case .moderator: "Moderator"
        case .admin: "Admin"
        case .manager: "Manager"
        }
    }

    /// Roles held by the service's own staff, who may use staff pages of their area.
    public var isStaff: Bool {
        switch self {
        case .courseAdmin, .verifier, .adviser, .editor, .moderator, .admin, .manager: true
        case .technician, .teacher, .centreCoordinator, .laManager: false
        }
    }

    /// Roles a person may ask for when registering; the rest are granted by staff.
    public static let selfRegistrable: [Role] = [.technician, .teacher]

    /// Stored as a comma-separated list; unknown words are dropped rather than trusted.
    public static func decodeList(_ text: String) -> [Role] {
        text.split(separator: ",").compactMap { Role(rawValue: $0.trimmed) }
    }

    public static func encodeList(_ roles: [Role]) -> String {
        Role.allCases.filter(roles.contains).map(\.rawValue).joined(separator: ",")
    }
}

/// What a set of roles allows. One place, so pages and API agree.
public struct Permissions: Sendable {
    public let roles: Set<Role>
    public init(_ roles: some Sequence<Role>) { self.roles = Set(roles) }

    public func has(_ role: Role) -> Bool { roles.contains(.admin) || roles.contains(role) }
    public var isStaff: Bool { roles.contains { $0.isStaff } }
    public var canEditCatalogue: Bool { has(.courseAdmin) }
    public var canManageAccounts: Bool { has(.admin) }
    public var canScheduleRuns: Bool { has(.courseAdmin) || roles.contains(.centreCoordinator) }
}

public enum AccountStatus: String, CaseIterable, Codable, Sendable {
    /// Registered; waits for staff approval before signing in.
    case pending
    case approved
    case rejected
    /// Switched off by an admin (a leaver, a compromised account): cannot sign in, and its
    /// sessions and tokens ended when it was disabled.
    case disabled
    /// Erased at the person's request or as a leaver (`Erasure`): no name, no address, no
    /// way to sign in; kept as a row so the bookings it made still count in past reports.
    case erased
}

extension Permissions {
    /// The provider of a run records attendance and results and sees its delegates: course
    /// admins for every run, and a centre's coordinator for that centre's runs.
    public func provides(runCentre: UUID?, ownCentre: UUID?) -> Bool {
        if has(.courseAdmin) { return true }
        guard roles.contains(.centreCoordinator), let runCentre, let ownCentre else { return false }
        return runCentre == ownCentre
    }

    /// Staff who may cancel or move anyone's booking.
    public var managesBookings: Bool { has(.courseAdmin) }
}

/// Roles scoped to a place: a centre coordinator acts for one centre, an LA manager for one
/// local authority. Without it, the role would grant nothing or everything.
public enum RoleRules {
    /// The service must always have an admin: only an admin can approve registrations and
    /// grant roles, so taking the role from the last one would leave only the command line.
    public static func refusal(removingAdminWhenOthersAre otherApprovedAdmins: Int) -> String? {
        otherApprovedAdmins > 0 ? nil : "This is the service's last admin: make someone else an admin first."
    }

    /// Whether a person may change their own organisation on Your account. An LA manager's
    /// organisation is the authority whose people they see, so only an admin moves it;
    /// anyone else is just saying where they now work.
    public static func mayChooseOwnOrganisation(_ roles: [Role]) -> Bool {
        !roles.contains(.laManager)
    }

    /// Technicians and teachers name the schools they work at; the service's staff and an
    /// authority's managers do not work at one.
    public static func namesSchools(_ roles: [Role]) -> Bool {
        roles.contains(.technician) || roles.contains(.teacher)
    }

    public static func scopeErrors(roles: [Role], hasCentre: Bool, organisationKind: OrganisationKind?) -> [FieldError] {
        var errors: [FieldError] = []
        if roles.isEmpty { errors.append(FieldError("roles", "Choose at least one role")) }
        if roles.contains(.centreCoordinator) && !hasCentre {
            errors.append(FieldError("centreId", "A centre coordinator must belong to a centre"))
        }
        if roles.contains(.laManager) && organisationKind != .localAuthority {
            errors.append(FieldError("organisationId", "A local authority manager must belong to a local authority"))
        }
        return errors
    }
}

extension Permissions {
    /// Staff who review applications, change centres' status and grant course approvals.
    public var managesCentres: Bool { has(.courseAdmin) }
    /// Staff who read reports.
    public var readsReports: Bool { has(.manager) || has(.courseAdmin) || has(.verifier) }
}
