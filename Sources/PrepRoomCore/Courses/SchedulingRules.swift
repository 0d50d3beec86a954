import Foundation

/// Who may put a run in the calendar, and for which provider.
public enum SchedulingRules {
    public enum Decision: Equatable, Sendable {
        case allowed
        /// Not this person's to do (403).
        case forbidden(String)
        /// Theirs, but not in the centre's present state (409).
        case conflict(String)
    }

    /// The centre that would deliver a run, as scheduling needs to see it.
    public struct CentreStanding: Sendable, Equatable {
        public var id: UUID
        public var name: String
        public var status: CentreStatus
        /// Whether the centre holds an approval for this course covering the run's start.
        public var approvedForCourse: Bool

        public init(id: UUID, name: String, status: CentreStatus, approvedForCourse: Bool) {
            self.id = id; self.name = name; self.status = status; self.approvedForCourse = approvedForCourse
        }
    }

    /// - Parameters:
    ///   - ownCentre: the centre a coordinator belongs to, if any.
    ///   - centre: the centre that would deliver the run; nil for the service itself.
    ///   - courseTitle: for the messages.
    ///   - centreDeliverable: whether the course may be delivered by centres at all.
    public static func maySchedule(_ permissions: Permissions, ownCentre: UUID?, centre: CentreStanding?,
                                   courseTitle: String, centreDeliverable: Bool) -> Decision {
        let admin = permissions.has(.courseAdmin)
        if !admin {
            guard permissions.roles.contains(.centreCoordinator) else {
                return .forbidden("Only course admins and centre coordinators can schedule runs.")
            }
            guard let ownCentre else {
                return .forbidden("Your account is not linked to a centre yet; ask the service to link it.")
            }
            guard let centre, centre.id == ownCentre else {
                return .forbidden("Centre coordinators can schedule runs for their own centre only.")
            }
        }
        guard let centre else { return .allowed }
        if !centreDeliverable {
            return .forbidden("\(courseTitle) is not one of the courses that Accredited Centres may deliver.")
        }
        if centre.status != .approved {
            return .conflict("\(centre.name) is \(centre.status.rawValue), so it cannot schedule runs until the service approves it again.")
        }
        if !centre.approvedForCourse {
            return .forbidden("\(centre.name) is not approved to deliver \(courseTitle) on that date. Ask the service to approve the centre for this course first.")
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
