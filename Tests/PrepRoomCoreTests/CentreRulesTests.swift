import Foundation
@testable import PrepRoomCore
import XCTest

final class CentreRulesTests: XCTestCase {
    func testStatusChangesFollowTheLifeOfACentre() {
        XCTAssertEqual(CentreRules.allowedChanges(from: .applicant), [.approved, .rejected])
        XCTAssertEqual(CentreRules.allowedChanges(from: .suspended), [.approved, .withdrawn])
        XCTAssertEqual(CentreRules.allowedChanges(from: .withdrawn), [])
        XCTAssertEqual(CentreRules.changeErrors(from: .applicant, to: .approved, reason: nil), [])
        XCTAssertEqual(CentreRules.changeErrors(from: .applicant, to: .rejected, reason: "  ").map(\.field), ["reason"])
        XCTAssertEqual(CentreRules.changeErrors(from: .rejected, to: .approved, reason: "again").map(\.field), ["status"])
    }

    func testAnApplicationNamesEveryMissingPiece() {
        let empty = CentreApplication(name: "", kind: nil, localAuthorityID: nil, contactName: "", contactEmail: "x", venues: [" "], statement: "short")
        XCTAssertEqual(CentreRules.applicationErrors(empty).map(\.field), ["name", "kind", "localAuthorityId", "contactName", "contactEmail", "venues", "statement"])
        XCTAssertEqual(CentreRules.venueErrors(venue: "lab 2", centreVenues: ["Room 1", "Lab 2"]), [])
        XCTAssertEqual(CentreRules.venueErrors(venue: nil, centreVenues: ["Room 1"]), [], "an online run has no venue")
        XCTAssertEqual(CentreRules.venueErrors(venue: "Elsewhere", centreVenues: ["Room 1"]).map(\.field), ["venue"])
        XCTAssertEqual(CentreRules.venues(fromLines: "Room 1\n\n Room 1 \r\nLab 2"), ["Room 1", "Lab 2"])
    }

    func testApprovalsCoverRunsFromTheirDateUntilWithdrawn() {
        let from = ServiceTime.london(2027, 3, 1), withdrawn = ServiceTime.london(2027, 6, 1)
        let approvals = [CourseApproval(courseCode: "chemical-handling", from: from, withdrawnAt: withdrawn)]
        XCTAssertNil(ApprovalRules.approval(in: approvals, courseCode: "chemical-handling", at: ServiceTime.london(2027, 2, 28)))
        XCTAssertNotNil(ApprovalRules.approval(in: approvals, courseCode: "chemical-handling", at: ServiceTime.london(2027, 3, 1, 9)))
        XCTAssertNil(ApprovalRules.approval(in: approvals, courseCode: "chemical-handling", at: ServiceTime.london(2027, 6, 2)))
        XCTAssertNil(ApprovalRules.approval(in: approvals, courseCode: "electrical-safety-and-pat", at: ServiceTime.london(2027, 4, 1)))
        XCTAssertEqual(ApprovalRules.grantErrors(centreDeliverable: false, centreStatus: .approved, alreadyApproved: false).map(\.field), ["courseCode"])
        XCTAssertEqual(ApprovalRules.grantErrors(centreDeliverable: true, centreStatus: .applicant, alreadyApproved: false), [])
    }

    func testDeliveryOutputCountsHoursToOneDecimal() {
        XCTAssertEqual(DeliveryOutput.roundedHours(5 * 3600 + 30 * 60), 5.5)
        let total = DeliveryOutput(runs: 1, delegatesCompleted: 2, cpdUnits: 4, trainingHours: 24) + DeliveryOutput(runs: 1, cpdUnits: 1, trainingHours: 6)
        XCTAssertEqual(total, DeliveryOutput(runs: 2, delegatesCompleted: 2, cpdUnits: 5, trainingHours: 30))
        XCTAssertEqual(ServiceTime.parseDay("2027-02-30"), nil)
        XCTAssertEqual(ServiceTime.parseDay("2027-03-01"), ServiceTime.london(2027, 3, 1))
    }
}
