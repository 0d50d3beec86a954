import XCTest
@testable import PrepRoomCore

final class RunRulesTests: XCTestCase {
    private let day = ServiceTime.london(2027, 3, 10, 9, 30)

    private func plan(capacity: Int = 16, sessions: [SessionTimes]? = nil, opens: Date? = nil, closes: Date? = nil) -> RunPlan {
        RunPlan(courseCode: "chemical-handling", capacity: capacity, venue: "SSERC, Dunfermline",
                sessions: sessions ?? [SessionTimes(start: day, end: day.addingTimeInterval(6 * 3600))],
                bookingOpensAt: opens, bookingClosesAt: closes)
    }

    func testAValidPlanHasNoErrors() {
        XCTAssertEqual(RunRules.validate(plan(), format: .faceToFace), [])
    }

    func testCapacityMustBePositive() {
        XCTAssertEqual(RunRules.validate(plan(capacity: 0), format: .faceToFace).map(\.field), ["capacity"])
        XCTAssertEqual(RunRules.validate(plan(capacity: -3), format: .faceToFace).map(\.field), ["capacity"])
    }

    func testASessionEndingBeforeItStartsNamesThatSession() {
        let second = SessionTimes(start: day.addingTimeInterval(86_400), end: day.addingTimeInterval(86_000))
        let errors = RunRules.validate(plan(sessions: [SessionTimes(start: day, end: day.addingTimeInterval(3600)), second]), format: .faceToFace)
        XCTAssertEqual(errors.map(\.field), ["sessions[1].end"])
    }

    func testBookingWindowMustCloseAfterItOpens() {
        let errors = RunRules.validate(plan(opens: day.addingTimeInterval(-86_400), closes: day.addingTimeInterval(-90_000)), format: .faceToFace)
        XCTAssertEqual(errors.map(\.field), ["bookingClosesAt"])
    }

    func testOverlappingSessionsAreRefused() {
        let first = SessionTimes(start: day, end: day.addingTimeInterval(6 * 3600))
        let second = SessionTimes(start: day.addingTimeInterval(3600), end: day.addingTimeInterval(7 * 3600))
        XCTAssertEqual(RunRules.validate(plan(sessions: [first, second]), format: .faceToFace).map(\.field), ["sessions[1].start"])
    }

    func testOnlineRunsNeedALinkNotAVenue() {
        var online = plan()
        online.venue = nil
        XCTAssertEqual(RunRules.validate(online, format: .onlineLive).map(\.field), ["onlineLink"])
        online.onlineLink = "https://meet.example.org/techmeet"
        XCTAssertEqual(RunRules.validate(online, format: .onlineLive), [])
    }

    func testBookingIsOpenOnlyInsideTheWindowAndBeforeTheStart() {
        let opens = day.addingTimeInterval(-10 * 86_400), closes = day.addingTimeInterval(-86_400)
        func open(_ now: Date, _ status: RunStatus = .scheduled) -> Bool {
            RunRules.bookingIsOpen(status: status, opensAt: opens, closesAt: closes, startsAt: day, now: now)
        }
        XCTAssertFalse(open(opens.addingTimeInterval(-1)))
        XCTAssertTrue(open(opens))
        XCTAssertFalse(open(closes))
        XCTAssertFalse(open(opens.addingTimeInterval(60), .cancelled))
    }

    func testPlacesLeftIsNeverNegative() {
        XCTAssertEqual(RunRules.placesLeft(capacity: 16, confirmed: 3), 13)
        XCTAssertEqual(RunRules.placesLeft(capacity: 16, confirmed: 20), 0)
    }
}
