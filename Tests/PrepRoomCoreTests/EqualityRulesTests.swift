import Foundation
@testable import PrepRoomCore
import XCTest

final class EqualityRulesTests: XCTestCase {
    func testSmallCellsAreSuppressedAndAnAllSuppressedTableSaysSo() {
        let table = EqualityRules.table(.sex, counts: ["Female": 5, "Male": 4])
        XCTAssertEqual(table.cells.map(\.cell), [.count(5), .suppressed, .suppressed], "Female, Male, Prefer not to say")
        XCTAssertFalse(table.allSuppressed)
        XCTAssertTrue(EqualityRules.table(.disability, counts: ["Yes": 1, "No": 4]).allSuppressed)
        XCTAssertEqual(EqualityAnswers([.sex: "Female", .ageBand: "12 to 15"]).errors().map(\.field), ["ageBand"])
        XCTAssertTrue(EqualityQuestion.allCases.allSatisfy { $0.categories.last == EqualityQuestion.preferNotToSay })
        XCTAssertEqual([5, 6, 7, 8, 12, 13].map(EqualityRules.rounded), [5, 5, 5, 10, 10, 15])
        XCTAssertEqual(EqualityRules.table(.sex, counts: ["Female": 6, "Male": 5]), EqualityRules.table(.sex, counts: ["Female": 5, "Male": 6]),
                       "one person more or less does not change what is shown")
        let october = EqualityRules.wholeMonths(from: ServiceTime.london(2026, 10, 1), to: ServiceTime.london(2026, 10, 7))
        XCTAssertEqual(october.from, ServiceTime.london(2026, 10, 1))
        XCTAssertEqual(october.to, ServiceTime.london(2026, 11, 1))
        XCTAssertEqual(EqualityRules.wholeMonths(from: ServiceTime.london(2026, 10, 1), to: ServiceTime.london(2026, 10, 14)).to, october.to)
    }
}
