import Foundation
@testable import PrepRoomCore
import XCTest

final class SettingRulesTests: XCTestCase {
    func testStaffSettingsAndNewQuestionsAreCheckedInOnePlace() {
        XCTAssertEqual(AnnualFigures.targetErrors(1536), [])
        XCTAssertEqual(AnnualFigures.targetErrors(0).map(\.field), ["target"])
        XCTAssertEqual(AnnualFigures.targetErrors(nil).map(\.field), ["target"])
        XCTAssertEqual(EvaluationRules.impactWeeksErrors(12), [])
        XCTAssertEqual(EvaluationRules.impactWeeksErrors(105).map(\.field), ["weeks"])
        XCTAssertEqual(EvaluationRules.questionErrors(step: .post, kind: .choice, prompt: "Again?", options: ["Yes"]).map(\.field), ["options"])
        XCTAssertEqual(EvaluationRules.questionErrors(step: nil, kind: nil, prompt: " ", options: []).map(\.field), ["step", "kind", "prompt"])
        XCTAssertEqual(EvaluationRules.questionErrors(step: .pre, kind: .text, prompt: "Aims?", options: []), [])
    }
}
