import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// The equipment across several schools: a technician's or teacher's own schools; for a
/// local authority manager every school of the authority, whose authorisations lapse in
/// the next 90 days, and which schools have equipment no one there is authorised to
/// check; the service's admins, advisers and managers choose an authority.
package struct EquipmentOverview {
    package let db: any Database
    package var now = Date()

    package init(db: any Database) { self.db = db }

    package struct View: Sendable {
        package var heading: String
        package var schools: [SchoolEquipmentSummary]
        /// Only for an authority.
        package var lapsing: [LapsingAuthorisation]?
        package var uncovered: [(school: String, schoolID: UUID, task: ControlledTask)]?
        /// For staff: the authorities to choose from, and the one chosen.
        package var authorities: [Organisation] = []
        package var chosen: UUID?
        package var now: Date
    }

    package func of(_ user: User, organisation requested: UUID?) async throws -> View {
        let permissions = user.permissions
        let serviceWide = EquipmentAccess.seesEveryAuthority(permissions)
        var organisation: UUID?
        if serviceWide { organisation = requested }
        else if permissions.roles.contains(.laManager) { organisation = user.$organisation.id }
        if let organisation {
            guard let authority = try await OrganisationStore.find(organisation, on: db) else { throw ServiceError.notFound("local authority") }
            let courses = ControlledTask.allCases.flatMap(\.authorisingCourses)
            let (schools, categoriesInUse) = try await EquipmentOverviewQuery.schools(organisationID: organisation, now: now, on: db)
            let tasks = Dictionary(try await EquipmentStore.categories(on: db).compactMap { category in category.id.flatMap { id in category.task.map { (id, $0) } } },
                                   uniquingKeysWith: { a, _ in a })
            let names = Dictionary(schools.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            let needed = categoriesInUse.reduce(into: [UUID: (school: String, tasks: Set<ControlledTask>)]()) { result, entry in
                result[entry.key] = (names[entry.key] ?? "", Set(entry.value.compactMap { tasks[$0] }))
            }
            return View(heading: "Equipment in \(authority.name)'s schools", schools: schools,
                        lapsing: try await EquipmentOverviewQuery.lapsing(organisationID: organisation, courses: courses, now: now, on: db),
                        uncovered: try await EquipmentOverviewQuery.uncovered(organisationID: organisation, needed: needed, now: now, on: db),
                        authorities: serviceWide ? try await OrganisationStore.all(on: db) : [], chosen: organisation, now: now)
        }
        if serviceWide {
            return View(heading: "Equipment checks", schools: [], authorities: try await OrganisationStore.all(on: db), now: now)
        }
        guard EquipmentAccess.usesEquipmentPages(permissions) else {
            throw ServiceError.forbidden("The equipment pages are for schools' technicians and teachers, local authority managers and the service's advisers.")
        }
        let mine = try await SchoolStore.of(person: user.requireID(), on: db).map(\.id)
        return View(heading: "Equipment in my schools",
                    schools: try await EquipmentOverviewQuery.schools(organisationID: nil, schoolIDs: mine, now: now, on: db).schools, now: now)
    }

    /// One list of an overview as CSV: "schools", "lapsing" or "uncovered"; nil for another name.
    package static func csv(_ view: View, list: String) -> String? {
        switch list {
        case "schools":
            return CSV.render([["School", "Seed code", "Items", "Overdue", "Due in \(EquipmentRules.dueSoonDays) days"]]
                + view.schools.map { [$0.name, $0.seedCode, String($0.items), String($0.overdue), String($0.dueSoon)] })
        case "lapsing":
            return CSV.render([["Person", "School", "Certificate", "Expires", "Refresher booked"]]
                + (view.lapsing ?? []).map { [$0.name, $0.school, $0.courseTitle, ServiceTime.isoDay($0.expiresAt), $0.booked ? "Yes" : "No"] })
        case "uncovered":
            return CSV.render([["School", "Task nobody is authorised for"]] + (view.uncovered ?? []).map { [$0.school, $0.task.label] })
        default:
            return nil
        }
    }
}
