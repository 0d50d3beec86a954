import Foundation
@testable import PrepRoomCore
import XCTest

final class StrategyRulesTests: XCTestCase {
    func testEveryUpdateCarriesANoteAndOnlyManagersEdit() {
        XCTAssertEqual(StrategyRules.changeErrors(from: .started, to: .onTrack, note: "Talk given"), [])
        XCTAssertEqual(StrategyRules.changeErrors(from: .onTrack, to: .onTrack, note: "Progress"), [], "a progress note keeps the status")
        XCTAssertEqual(StrategyRules.changeErrors(from: .started, to: nil, note: "  ").map(\.field), ["status", "note"])
        XCTAssertTrue(StrategyRules.mayEdit(Permissions([.manager])))
        XCTAssertTrue(StrategyRules.mayEdit(Permissions([.admin])))
        XCTAssertFalse(StrategyRules.mayEdit(Permissions([.courseAdmin])))
    }
}
