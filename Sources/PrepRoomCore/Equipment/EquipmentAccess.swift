import Foundation

/// What a person may do with a school's equipment register.
public enum EquipmentAccess: Sendable, Equatable, Comparable {
    case none
    /// Read the register, its history and dashboard (a local authority manager for their
    /// authority's schools, the service's advisers and managers).
    case view
    /// Add and import items, record checks, change an item's status: the technicians and
    /// teachers who work at the school, and admins.
    case work

    public static func of(_ permissions: Permissions, worksAtSchool: Bool, schoolOrganisation: UUID, ownOrganisation: UUID?) -> EquipmentAccess {
        if permissions.has(.admin) { return .work }
        if worksAtSchool && (permissions.roles.contains(.technician) || permissions.roles.contains(.teacher)) { return .work }
        if permissions.roles.contains(.laManager) && ownOrganisation == schoolOrganisation { return .view }
        if seesEveryAuthority(permissions) { return .view }
        return .none
    }

    /// Admins and advisers set how often each kind of equipment is checked.
    public static func mayChangeIntervals(_ permissions: Permissions) -> Bool {
        permissions.has(.admin) || permissions.has(.adviser)
    }

    /// The service's own people who look at any authority's equipment, choosing which.
    public static func seesEveryAuthority(_ permissions: Permissions) -> Bool {
        permissions.has(.admin) || permissions.has(.adviser) || permissions.has(.manager)
    }

    /// Whose menu has the equipment pages: the people of schools, local authority managers,
    /// and the service's people who see every authority.
    public static func usesEquipmentPages(_ permissions: Permissions) -> Bool {
        [.technician, .teacher, .laManager].contains(where: permissions.roles.contains) || seesEveryAuthority(permissions)
    }
}
