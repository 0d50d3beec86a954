import Foundation
@testable import PrepRoomCore
import XCTest

final class InvitationRulesTests: XCTestCase {
    func testOnlyFreshStepsAreChased() {
        let now = Date()
        let lately = EvaluationRules.Timeline(confirmed: true, runStartsAt: now.addingTimeInterval(-5 * 86_400), completedAt: now.addingTimeInterval(-3 * 86_400))
        XCTAssertTrue(EvaluationRules.shouldInvite(.post, lately, now: now))
        XCTAssertFalse(EvaluationRules.shouldInvite(.impact, lately, now: now), "not open yet")
        let yearsAgo = EvaluationRules.Timeline(confirmed: true, runStartsAt: now.addingTimeInterval(-800 * 86_400), completedAt: now.addingTimeInterval(-799 * 86_400))
        XCTAssertTrue(EvaluationRules.isOpen(.post, yearsAgo, now: now), "a delegate may still answer")
        XCTAssertFalse(EvaluationRules.shouldInvite(.post, yearsAgo, now: now), "but is not chased")
        XCTAssertFalse(EvaluationRules.shouldInvite(.impact, yearsAgo, now: now))
        let impactDue = EvaluationRules.Timeline(confirmed: true, runStartsAt: now.addingTimeInterval(-90 * 86_400), completedAt: now.addingTimeInterval(-85 * 86_400))
        XCTAssertTrue(EvaluationRules.shouldInvite(.impact, impactDue, now: now))
        XCTAssertLessThan(EvaluationRules.invitationHorizon(now: now), impactDue.runStartsAt)
    }
}
