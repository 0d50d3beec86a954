import Foundation
import XCTest
@testable import PrepRoomCore

final class SchoolRulesTests: XCTestCase {
    func testASeedCodeIsSevenDigits() {
        XCTAssertNil(SchoolRules.seedCodeProblem("5244439"))
        for wrong in ["524443", "52444390", "52444a9", "５２４４４３９", " 524443", ""] {
            XCTAssertNotNil(SchoolRules.seedCodeProblem(wrong), wrong)
        }
    }

    func testAPersonNamesAFewKnownSchools() {
        let known = Set((0..<8).map { _ in UUID() })
        XCTAssertNil(SchoolRules.choiceProblem([], known: known), "none is a choice too")
        XCTAssertNil(SchoolRules.choiceProblem(Set(known.prefix(5)), known: known))
        XCTAssertEqual(SchoolRules.choiceProblem(known, known: known), "Choose at most 5 schools")
        XCTAssertEqual(SchoolRules.choiceProblem([UUID()], known: known), "Choose schools from the list")
    }

    func testEveryAuthorityHasDemoSchoolsWithTheirOwnSeedCodes() {
        let schools = DemoData.schools
        XCTAssertEqual(Set(schools.map(\.seedCode)).count, schools.count, "seed codes are unique")
        XCTAssertTrue(schools.allSatisfy { SchoolRules.seedCodeProblem($0.seedCode) == nil })
        let organisations = Set(DemoData.organisations.map(\.name))
        XCTAssertTrue(schools.allSatisfy { organisations.contains($0.organisation) })
        for authority in DemoData.organisations where authority.kind == .localAuthority {
            XCTAssertGreaterThanOrEqual(schools.filter { $0.organisation == authority.name }.count, 3, authority.name)
        }
        XCTAssertEqual(DemoData.demoTowns.count, 32)
        XCTAssertTrue(schools.contains { $0.name == "Dunfermline Academy" && $0.organisation == "Fife Council" && $0.type == .secondary })
    }
}
