import Foundation
@testable import PrepRoomCore
import XCTest

final class EvaluationRulesTests: XCTestCase {
    func testAnswersAreCheckedByKindAndEveryMistakeNamed() {
        let rating = EvaluationQuestion(kind: .rating, prompt: "Delivery"), choice = EvaluationQuestion(kind: .choice, prompt: "Again?", options: ["Yes", "No"])
        let note = EvaluationQuestion(kind: .text, prompt: "Comments", required: false)
        XCTAssertEqual(EvaluationRules.errors([rating.id: .rating(5), choice.id: .choice("Yes")], for: [rating, choice, note]), [])
        XCTAssertEqual(EvaluationRules.errors([rating.id: .rating(0), choice.id: .choice("Maybe")], for: [rating, choice, note]).map(\.field),
                       [rating.id.uuidString, choice.id.uuidString])
        XCTAssertEqual(EvaluationRules.errors([:], for: [rating, note]).map(\.field), [rating.id.uuidString], "optional questions may be skipped")
    }

    func testStepsOpenAlongTheDelegatesTimeline() {
        let start = Date().addingTimeInterval(86_400)
        let booked = EvaluationRules.Timeline(confirmed: true, runStartsAt: start, completedAt: nil)
        XCTAssertTrue(EvaluationRules.isOpen(.pre, booked, now: Date()))
        XCTAssertFalse(EvaluationRules.isOpen(.pre, booked, now: start.addingTimeInterval(1)), "closes when the course starts")
        XCTAssertFalse(EvaluationRules.isOpen(.post, booked, now: Date()))
        let done = Date()
        let completed = EvaluationRules.Timeline(confirmed: true, runStartsAt: done.addingTimeInterval(-86_400), completedAt: done)
        XCTAssertTrue(EvaluationRules.isOpen(.post, completed, now: done))
        XCTAssertFalse(EvaluationRules.isOpen(.impact, completed, now: done.addingTimeInterval(11 * 7 * 86_400)))
        XCTAssertTrue(EvaluationRules.isOpen(.impact, completed, now: done.addingTimeInterval(12 * 7 * 86_400)))
        XCTAssertEqual(EvaluationRules.responseRate(responses: 1, eligible: 3), 33)
    }
}
