import XCTest
@testable import PrepRoomCore

final class BookingRulesTests: XCTestCase {
    let now = ServiceTime.london(2026, 11, 23, 12)
    func run(_ status: RunStatus = .scheduled, startsInDays days: Double = 10, opens: Date? = nil, closes: Date? = nil, cutOff: Int? = nil) -> RunState {
        let start = now.addingTimeInterval(days * 86_400)
        return RunState(status: status, startsAt: start, endsAt: start.addingTimeInterval(86_400 + 6 * 3600),
                        bookingOpensAt: opens, bookingClosesAt: closes, cancellationCutOffHours: cutOff)
    }

    func refusal(_ run: RunState, holds: Bool = false, parent: (String, String)? = nil, held: Set<String> = []) -> BookingRefusal? {
        BookingRules.refusal(toBook: run, now: now, holdsBooking: holds, refreshes: parent.map { (code: $0.0, title: $0.1) }, heldCourseCodes: held)
    }

    func testEachRefusalAndItsCode() {
        XCTAssertNil(refusal(run()))
        XCTAssertEqual(refusal(run(.cancelled))?.code, "run_cancelled")
        XCTAssertEqual(refusal(run(.closed))?.code, "run_closed")
        XCTAssertEqual(refusal(run(startsInDays: -0.1))?.code, "run_started")
        XCTAssertEqual(refusal(run(startsInDays: -5))?.code, "run_closed")
        XCTAssertEqual(refusal(run(opens: now.addingTimeInterval(3600)))?.code, "booking_not_open")
        XCTAssertEqual(refusal(run(closes: now))?.code, "booking_closed")
        XCTAssertEqual(refusal(run(), holds: true)?.code, "already_booked")
        XCTAssertEqual(refusal(run(), parent: ("sufwm", "Safe Use"))?.code, "prerequisite_missing")
        XCTAssertNil(refusal(run(), parent: ("sufwm", "Safe Use"), held: ["sufwm"]))
        XCTAssertTrue(BookingRefusal.prerequisiteMissing(courseCode: "x", courseTitle: "Safe Use").message.contains("Safe Use"))
    }

    func testMembersCancelUntilTheCutOffStaffLater() {
        let soon = run(startsInDays: 1, cutOff: 48)
        XCTAssertEqual(BookingRules.refusal(toCancel: .confirmed, run: soon, byStaff: false, now: now)?.code, "cancellation_cut_off")
        XCTAssertNil(BookingRules.refusal(toCancel: .confirmed, run: soon, byStaff: true, now: now))
        XCTAssertNil(BookingRules.refusal(toCancel: .waitlisted, run: soon, byStaff: false, now: now), "leaving the waiting list is always allowed")
        XCTAssertEqual(BookingRules.refusal(toCancel: .cancelled, run: soon, byStaff: true, now: now)?.code, "not_cancellable")
    }

    func testMyBookingsOffersCancellingOnlyWhereTheRuleAllowsIt() {
        let later = run(startsInDays: 10, cutOff: 48), soon = run(startsInDays: 1, cutOff: 48)
        XCTAssertEqual(BookingRules.ownCancelling(.confirmed, run: later, now: now), .offered)
        XCTAssertEqual(BookingRules.ownCancelling(.waitlisted, run: soon, now: now), .offered, "the waiting list can be left until the end")
        XCTAssertEqual(BookingRules.ownCancelling(.confirmed, run: soon, now: now), .refused(.cancellationCutOffPassed(cutOff: soon.cancellationCutOff)),
                       "after the cut-off the page says why instead of offering a button that is refused")
        XCTAssertEqual(BookingRules.ownCancelling(.confirmed, run: run(startsInDays: -5), now: now), .none, "a run that is over is history")
        XCTAssertEqual(BookingRules.ownCancelling(.confirmed, run: run(.cancelled), now: now), .none)
        XCTAssertEqual(BookingRules.ownCancelling(.confirmed, run: run(.closed), now: now), .none)
        XCTAssertEqual(BookingRules.ownCancelling(.cancelled, run: later, now: now), .none)
    }

    func testBookingsMoveOffARunUntilItCloses() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        func run(_ status: RunStatus) -> RunState { RunState(status: status, startsAt: start, endsAt: start.addingTimeInterval(6 * 3600)) }
        XCTAssertNil(BookingRules.refusal(toMoveFrom: run(.scheduled)))
        XCTAssertNil(BookingRules.refusal(toMoveFrom: run(.cancelled)), "moving people off a cancelled run is what a move is for")
        XCTAssertEqual(BookingRules.refusal(toMoveFrom: run(.closed))?.code, "run_closed")
    }

    func testCompletionNeedsEverySessionAndAPassWhereAssessed() {
        XCTAssertTrue(Completion.isComplete(sessions: 2, attended: [0, 1], assessed: true, outcome: .passed))
        XCTAssertFalse(Completion.isComplete(sessions: 2, attended: [0], assessed: true, outcome: .passed))
        XCTAssertFalse(Completion.isComplete(sessions: 2, attended: [0, 1], assessed: true, outcome: .notPassed))
        XCTAssertFalse(Completion.isComplete(sessions: 2, attended: [0, 1], assessed: true, outcome: nil))
        XCTAssertTrue(Completion.isComplete(sessions: 1, attended: [0], assessed: false, outcome: nil))
    }
}

final class DeliveryStepTests: XCTestCase {
    func step(confirmed: Int = 4, held: Int = 2, marks: Int = 8, assessed: Bool = true, results: Int = 4, lastStarted: Bool = true) -> DeliveryStep? {
        DeliveryRules.nextStep(confirmed: confirmed, sessionsHeld: held, attendanceMarks: marks, assessed: assessed,
                               results: results, lastSessionStarted: lastStarted)
    }

    func testAttendanceForTheDaysHeldComesFirstThenResultsThenClosing() {
        XCTAssertEqual(step(marks: 5), .attendance(missing: 3), "4 delegates × 2 days held, 5 marked")
        XCTAssertEqual(step(marks: 5, results: 0), .attendance(missing: 3), "attendance before results")
        XCTAssertEqual(step(results: 1), .results(missing: 3))
        XCTAssertEqual(step(), .close)
        XCTAssertEqual(step(assessed: false, results: 0), .close, "an unassessed course needs no results")
    }

    func testARunUnderWayAndUpToDateNeedsNothingYet() {
        XCTAssertNil(step(held: 1, marks: 4, results: 0, lastStarted: false))
        XCTAssertEqual(step(held: 1, marks: 0, lastStarted: false), .attendance(missing: 4), "day one held, not marked")
        XCTAssertEqual(step(confirmed: 0, held: 2, marks: 0, results: 0), .close, "nobody came: close it")
    }

    func testTheLabelsCountWhatIsMissing() {
        XCTAssertEqual(DeliveryStep.attendance(missing: 1).label, "Mark attendance (1 mark missing)")
        XCTAssertEqual(DeliveryStep.results(missing: 2).label, "Record results (2 delegates without one)")
    }
}
