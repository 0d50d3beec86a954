import Fluent
import Foundation
import PrepRoomCore

/// The schools a person said they work at. Theirs to change, and nothing else depends on
/// it once they are gone, so erasure deletes it.
extension PersonalDataArea {
    public static let schools = PersonalDataArea(
        name: "Schools",
        tables: [SchoolMembership.schema],
        export: { subject, db in
            let memberships = try await SchoolMembership.query(on: db).filter(\.$userID == subject.id).all()
            let names = Dictionary(uniqueKeysWithValues: try await School.query(on: db).filter(\.$id ~~ memberships.map(\.schoolID)).all()
                .compactMap { school in school.id.map { ($0, school) } })
            return [PersonalSection(key: "schools", title: "The schools you work at",
                                    why: "You named them, so that your local authority and the service know where you work.",
                                    records: memberships.map { membership in
                                        let school = names[membership.schoolID]
                                        return PersonalRecord([("school", school?.name ?? "?"), ("seedCode", school?.seedCode ?? ""),
                                                               ("since", PersonalRecord.text(membership.since))])
                                    })]
        },
        erase: { subject, _, db in
            try await SchoolMembership.query(on: db).filter(\.$userID == subject.id).delete()
        })
}
