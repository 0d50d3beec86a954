import XCTest
@testable import PrepRoomCore

final class SchedulingRulesTests: XCTestCase {
    let centre = UUID(), other = UUID()

    func standing(_ id: UUID, _ status: CentreStatus = .approved, approved: Bool = true) -> SchedulingRules.CentreStanding {
        SchedulingRules.CentreStanding(id: id, name: "Forth Valley College", status: status, approvedForCourse: approved)
    }

    func decide(_ roles: [Role], own: UUID?, centre: SchedulingRules.CentreStanding?, deliverable: Bool = true) -> SchedulingRules.Decision {
        SchedulingRules.maySchedule(Permissions(roles), ownCentre: own, centre: centre, courseTitle: "Chemical Handling", centreDeliverable: deliverable)
    }

    func testCourseAdminsScheduleForTheServiceAndForCentresApprovedForTheCourse() {
        XCTAssertEqual(decide([.courseAdmin], own: nil, centre: nil, deliverable: false), .allowed)
        XCTAssertEqual(decide([.courseAdmin], own: nil, centre: standing(centre)), .allowed)
        guard case .forbidden = decide([.courseAdmin], own: nil, centre: standing(centre), deliverable: false) else { return XCTFail("not deliverable") }
        guard case .forbidden = decide([.courseAdmin], own: nil, centre: standing(centre, approved: false)) else { return XCTFail("not approved") }
    }

    func testCoordinatorsScheduleForTheirOwnApprovedCentreAndItsApprovedCoursesOnly() {
        XCTAssertEqual(decide([.centreCoordinator], own: centre, centre: standing(centre)), .allowed)
        guard case .forbidden(let other) = decide([.centreCoordinator], own: centre, centre: standing(self.other)) else { return XCTFail() }
        XCTAssertTrue(other.contains("own centre"))
        guard case .forbidden = decide([.centreCoordinator], own: centre, centre: nil) else { return XCTFail("the service's own runs") }
        guard case .forbidden(let unapproved) = decide([.centreCoordinator], own: centre, centre: standing(centre, approved: false)) else { return XCTFail() }
        XCTAssertTrue(unapproved.contains("not approved to deliver Chemical Handling"), unapproved)
        guard case .forbidden = decide([.technician], own: nil, centre: nil) else { return XCTFail("technicians") }
    }

    func testASuspendedOrUnapprovedCentreMeetsAConflictWhateverTheCourse() {
        for status in [CentreStatus.suspended, .applicant, .withdrawn] {
            guard case .conflict(let message) = decide([.centreCoordinator], own: centre, centre: standing(centre, status)) else {
                return XCTFail("\(status)")
            }
            XCTAssertTrue(message.contains(status.rawValue))
            guard case .conflict = decide([.centreCoordinator], own: centre, centre: standing(centre, status, approved: false)) else {
                return XCTFail("the centre's state is the first thing said")
            }
        }
    }

    func testCapacityCannotDropBelowConfirmedPlaces() {
        XCTAssertEqual(SchedulingRules.validateChange(newCapacity: 10, confirmed: 12).map(\.field), ["capacity"])
        XCTAssertEqual(SchedulingRules.validateChange(newCapacity: 12, confirmed: 12), [])
    }
}
