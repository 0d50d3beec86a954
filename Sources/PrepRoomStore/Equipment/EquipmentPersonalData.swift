import Fluent
import Foundation
import PrepRoomCore

/// The tasks a person is named for, their calendar address, and the checks they recorded.
/// The namings and the address go with the person. They are the school's compliance record (who examined
/// the fume cupboard, who leak-tested the source), which the school must keep, so erasure
/// keeps each check and removes the person from it: the id goes and the name becomes
/// "a former member of staff".
extension PersonalDataArea {
    public static let equipment = PersonalDataArea(
        name: "Equipment checks",
        tables: [EquipmentCheck.schema, EquipmentFeed.schema, EquipmentTaskHolder.schema],
        export: { subject, db in
            let checks = try await EquipmentCheck.query(on: db).filter(\.$checkedByID == subject.id).sort(\.$checkedOn).all()
            let items = Dictionary(uniqueKeysWithValues: try await EquipmentItem.query(on: db).filter(\.$id ~~ Set(checks.map(\.itemID))).all()
                .compactMap { item in item.id.map { ($0, item) } })
            let feeds = try await EquipmentFeed.query(on: db).filter(\.$userID == subject.id).all()
            let named = try await EquipmentTaskHolder.query(on: db).filter(\.$userID == subject.id).all()
            let schoolNames = Dictionary(uniqueKeysWithValues: try await School.query(on: db).filter(\.$id ~~ Set(named.map(\.schoolID))).all()
                .compactMap { school in school.id.map { ($0, school.name) } })
            return [PersonalSection(key: "equipmentTasks", title: "Tasks your schools named you for",
                                    why: "Your school named you as the person for a task that needs training, such as leak-testing its sources.",
                                    records: named.map { PersonalRecord([("school", schoolNames[$0.schoolID] ?? "?"), ("task", $0.task.label),
                                                                         ("since", PersonalRecord.text($0.namedAt))]) }),
                    PersonalSection(key: "equipmentCalendar", title: "Your calendar address for equipment checks",
                                    why: "You asked for it, so that your calendar shows the checks due at your schools. Only a digest of it is kept.",
                                    records: feeds.map { PersonalRecord([("created", PersonalRecord.text($0.createdAt))]) }),
                    PersonalSection(key: "equipmentChecks", title: "Equipment checks you recorded",
                                    why: "Your school keeps them as its record of statutory checks, and who did each.",
                                    records: checks.map { check in
                                        let item = items[check.itemID]
                                        return PersonalRecord([("item", item?.description ?? "?"), ("assetTag", item?.assetTag),
                                                               ("checkedOn", PersonalRecord.text(check.checkedOn)),
                                                               ("result", check.result.rawValue), ("readings", check.readings),
                                                               ("notes", check.notes), ("certificate", check.certificateNumber)])
                                    })]
        },
        erase: { subject, _, db in
            try await EquipmentFeed.query(on: db).filter(\.$userID == subject.id).delete()
            try await EquipmentTaskHolder.query(on: db).filter(\.$userID == subject.id).delete()
            try await EquipmentCheck.query(on: db).filter(\.$checkedByID == subject.id)
                .set(\.$checkedByID, to: nil).set(\.$checkedByName, to: EquipmentCheck.formerStaff).update()
        })
}

extension EquipmentCheck {
    /// Who a check says did it once that person's account is erased.
    public static let formerStaff = "A former member of staff"
}
