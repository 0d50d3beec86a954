import Foundation

/// Who may put a run in the calendar, and for which provider.
public enum SchedulingRules {
    public enum Decision: Equatable, Sendable {
        case allowed
        case forbidden(String)
    }

    /// - Parameters:
    ///   - ownCentre: the centre a coordinator belongs to, if any.
    ///   - runCentre: the centre that would deliver the run; nil for the service itself.
    ///   - centreDeliverable: whether the course may be delivered by centres at all.
    ///   - centreApproved: whether the centre is an approved (operating) centre.
    public static func maySchedule(_ permissions: Permissions, ownCentre: UUID?, runCentre: UUID?,
                                   centreDeliverable: Bool, centreApproved: Bool) -> Decision {
        if permissions.has(.courseAdmin) {
            if runCentre != nil && !centreDeliverable {
                return .forbidden("This course is not one that Accredited Centres may deliver.")
            }
            return .allowed
        }
        guard permissions.roles.contains(.centreCoordinator) else {
            return .forbidden("Only course admins and centre coordinators can schedule runs.")
        }
        guard let ownCentre else {
            return .forbidden("Your account is not linked to a centre yet; ask the service to link it.")
        }
        guard let runCentre, runCentre == ownCentre else {
            return .forbidden("Centre coordinators can schedule runs for their own centre only.")
        }
        guard centreApproved else {
            return .forbidden("Your centre is not an approved Accredited Centre, so it cannot schedule runs.")
        }
        guard centreDeliverable else {
            return .forbidden("Your centre is not approved to deliver this course.")
        }
        return .allowed
    }

    /// Changing a run may not take away places already confirmed.
    public static func validateChange(newCapacity: Int, confirmed: Int) -> [FieldError] {
        newCapacity < confirmed
            ? [FieldError("capacity", "Capacity cannot be less than the \(confirmed) places already confirmed")]
            : []
    }
}
