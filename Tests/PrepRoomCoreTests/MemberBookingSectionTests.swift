import XCTest
@testable import PrepRoomCore

final class MemberBookingSectionTests: XCTestCase {
    private let now = ServiceTime.london(2030, 3, 6, 12)
    private func run(_ status: RunStatus = .scheduled, days: Double) -> RunState {
        let start = now.addingTimeInterval(days * 86_400)
        return RunState(status: status, startsAt: start, endsAt: start.addingTimeInterval(6 * 3600))
    }

    func testABookingIsWhereItsRunAndStatusPutIt() {
        XCTAssertEqual(MemberBookingSection.of(.confirmed, run: run(days: 5), now: now), .upcoming)
        XCTAssertEqual(MemberBookingSection.of(.waitlisted, run: run(days: 5), now: now), .waiting)
        XCTAssertEqual(MemberBookingSection.of(.confirmed, run: run(days: -5), now: now), .past, "finished, not yet closed")
        XCTAssertEqual(MemberBookingSection.of(.confirmed, run: run(.closed, days: -5), now: now), .past)
        XCTAssertEqual(MemberBookingSection.of(.confirmed, run: run(.closed, days: 1), now: now), .past, "closed early counts as over")
        XCTAssertEqual(MemberBookingSection.of(.waitlisted, run: run(days: -5), now: now), .cancelled, "the list never reached them")
        XCTAssertEqual(MemberBookingSection.of(.cancelled, run: run(days: 5), now: now), .cancelled)
        XCTAssertEqual(MemberBookingSection.of(.confirmed, run: run(.cancelled, days: 5), now: now), .cancelled)
        XCTAssertEqual(MemberBookingSection.of(.confirmed, run: run(days: -0.1), now: now), .upcoming, "under way today")
    }

    func testWhatATakenPlaceBookingSays() {
        XCTAssertEqual(MemberBookingSection.outcome(completed: true, run: run(.closed, days: -5)), "Completed")
        XCTAssertEqual(MemberBookingSection.outcome(completed: false, run: run(.closed, days: -5)), "Not completed")
        XCTAssertEqual(MemberBookingSection.outcome(completed: false, run: run(days: -5)), "Results to come")
        XCTAssertTrue(MemberBookingSection.upcoming.soonestFirst)
        XCTAssertFalse(MemberBookingSection.past.soonestFirst)
    }
}

final class CompletionShortfallTests: XCTestCase {
    func testTheReasonsADelegateDidNotComplete() {
        XCTAssertEqual(Completion.shortfall(sessions: 3, attended: [0, 2], assessed: false, outcome: nil), ["missed day 2"])
        XCTAssertEqual(Completion.shortfall(sessions: 2, attended: [], assessed: true, outcome: .notPassed),
                       ["missed day 1, day 2", "result: not passed"])
        XCTAssertEqual(Completion.shortfall(sessions: 1, attended: [0], assessed: true, outcome: nil), ["no result recorded"])
        XCTAssertEqual(Completion.shortfall(sessions: 2, attended: [0, 1], assessed: true, outcome: .passed), [])
        XCTAssertEqual(Completion.shortfall(sessions: -1, attended: [], assessed: false, outcome: nil), [])
    }
}
