import Foundation
import XCTest
@testable import PrepRoomCore

final class DigestAndRangeRulesTests: XCTestCase {
    func testADigestDayRunsFromSevenToSevenLondonTimeAcrossClockChanges() {
        XCTAssertEqual(DigestDay.of(ServiceTime.london(2027, 1, 12, 6, 59)), "2027-01-11")
        XCTAssertEqual(DigestDay.of(ServiceTime.london(2027, 1, 12, 7, 0)), "2027-01-12")
        XCTAssertEqual(DigestDay.of(ServiceTime.london(2027, 1, 12, 23, 59)), "2027-01-12")
        XCTAssertEqual(DigestDay.of(ServiceTime.london(2027, 1, 1, 0, 30)), "2026-12-31", "across a year")
        // The clocks go forward at 01:00 on 28 March 2027 and back at 02:00 on 31 October.
        XCTAssertEqual(DigestDay.of(ServiceTime.london(2027, 3, 28, 6, 30)), "2027-03-27")
        XCTAssertEqual(DigestDay.of(ServiceTime.london(2027, 3, 28, 7, 5)), "2027-03-28")
        XCTAssertEqual(DigestDay.of(ServiceTime.london(2027, 10, 31, 6, 55)), "2027-10-30")
        XCTAssertEqual(DigestDay.of(ServiceTime.london(2027, 10, 31, 7, 0)), "2027-10-31")
    }

    func testAnOpenRangeTakesEitherEndAndRefusesOneBackwards() throws {
        let first = ServiceTime.london(2026, 9, 1), last = ServiceTime.london(2026, 9, 30)
        let both = try XCTUnwrap(ReportPeriod.openRange(firstDay: first, lastDay: last))
        XCTAssertEqual(both.from, first)
        XCTAssertEqual(both.before, ServiceTime.london(2026, 10, 1), "the last day is included")
        XCTAssertEqual(ReportPeriod.openRange(firstDay: first, lastDay: first)?.before, ServiceTime.london(2026, 9, 2), "one day")
        XCTAssertNil(ReportPeriod.openRange(firstDay: last, lastDay: first))
        let open = try XCTUnwrap(ReportPeriod.openRange(firstDay: nil, lastDay: nil))
        XCTAssertNil(open.from); XCTAssertNil(open.before)
        XCTAssertEqual(ReportPeriod.openRange(firstDay: nil, lastDay: last)?.before, ServiceTime.london(2026, 10, 1))
    }
}
