import Fluent
import Foundation
import PrepRoomCore

/// Loads the demo data (the real courses, dates, centres and objectives from the source
/// texts) into an empty database, all in one transaction.
public enum DemoSeeder {
    /// The database counts as empty when it holds no courses.
    public static func isEmpty(_ db: any Database) async throws -> Bool {
        try await Course.query(on: db).count() == 0
    }

    public static func seedIfEmpty(_ db: any Database, today: Date = Date()) async throws -> Bool {
        guard try await isEmpty(db) else { return false }
        try await seed(db, today: today)
        return true
    }

    /// `today` places the upcoming calendar (`DemoData.runs(loadedOn:)`); tests pass a clock.
    public static func seed(_ db: any Database, today: Date = Date()) async throws {
        try await db.writeTransaction { db in
            var organisationIDs: [String: UUID] = [:]
            for facts in DemoData.organisations {
                let organisation = Organisation(name: facts.name, kind: facts.kind)
                try await organisation.create(on: db)
                organisationIDs[facts.name] = organisation.id
            }
            for facts in DemoData.schools {
                guard let organisation = organisationIDs[facts.organisation] else {
                    throw SeedError("school \(facts.name) names unknown organisation \(facts.organisation)")
                }
                try await School(seedCode: facts.seedCode, name: facts.name, organisationID: organisation, type: facts.type).create(on: db)
            }
            var centreIDs: [String: UUID] = [:]
            for facts in DemoData.centres {
                guard let authority = organisationIDs[facts.localAuthority] else {
                    throw SeedError("centre \(facts.name) names unknown authority \(facts.localAuthority)")
                }
                let centre = Centre(name: facts.name, kind: facts.kind, localAuthorityID: authority,
                                    status: facts.status, venue: facts.venue)
                try await centre.create(on: db)
                let id = try centre.requireID()
                centreIDs[facts.name] = id
                try await CentreVenue(centreID: id, name: facts.venue).create(on: db)
                try await CentreStatusChange(centreID: id, from: nil, to: facts.status, reason: nil, by: nil,
                                             at: facts.status == .approved ? DemoData.centreProgrammeStart : DemoData.applicationsReceived).create(on: db)
            }
            // A refresher references its parent's code, so parents go in first.
            let ordered = DemoData.courses.sorted { ($0.refresherOf == nil ? 0 : 1) < ($1.refresherOf == nil ? 0 : 1) }
            var courseIDs: [String: UUID] = [:]
            for facts in ordered {
                let course = Course(facts)
                try await course.create(on: db)
                courseIDs[facts.code] = course.id
            }
            // The operating centres deliver the courses the programme offers them.
            for facts in DemoData.centres where facts.status == .approved {
                for course in DemoData.courses where course.centreDeliverable {
                    guard let centreID = centreIDs[facts.name], let courseID = courseIDs[course.code] else { continue }
                    try await CentreApproval(centreID: centreID, courseID: courseID, from: DemoData.centreProgrammeStart, by: nil,
                                             at: DemoData.centreProgrammeStart).create(on: db)
                }
            }
            for demo in DemoData.runs(loadedOn: today) {
                guard let courseID = courseIDs[demo.plan.courseCode] else {
                    throw SeedError("run names unknown course \(demo.plan.courseCode)")
                }
                let centreID = try demo.centre.map { name in
                    guard let id = centreIDs[name] else { throw SeedError("run names unknown centre \(name)") }
                    return id
                }
                _ = try await RunStore.create(demo.plan, courseID: courseID, centreID: centreID, on: db)
            }
            for (position, facts) in DemoData.objectives.enumerated() {
                let objective = Objective(facts, position: position)
                try await objective.create(on: db)
                try await ObjectiveStatusChange(objectiveID: try objective.requireID(), from: nil, to: facts.status,
                                                note: ObjectiveStatusChange.figureOneNote, by: nil, name: "PrepRoom",
                                                at: ObjectiveStatusChange.figureOneDate).create(on: db)
            }
        }
    }
}

struct SeedError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
