import XCTest
@testable import PrepRoomCore

final class SharedRulesTests: XCTestCase {
    func testDaysAreTheLondonDayAsAFormatterWritesThem() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = ServiceTime.zone
        formatter.dateFormat = "yyyy-MM-dd"
        // Every 7 hours and 13 minutes across the service's years, so clock changes,
        // midnights and leap days all come round.
        var date = ServiceTime.london(1972, 1, 1)
        let end = ServiceTime.london(2100, 12, 31, 23, 59)
        let long = DateFormatter(), short = DateFormatter()
        for (each, format) in [(long, "EEE d MMMM yyyy"), (short, "d MMM yyyy")] {
            each.locale = Locale(identifier: "en_GB"); each.timeZone = ServiceTime.zone; each.dateFormat = format
        }
        var checked = 0
        while date < end {
            XCTAssertEqual(ServiceTime.isoDay(date), formatter.string(from: date), "\(date)")
            XCTAssertEqual(ServiceTime.day(date), long.string(from: date), "\(date)")
            XCTAssertEqual(ServiceTime.shortDay(date), short.string(from: date), "\(date)")
            date = date.addingTimeInterval(7 * 3600 + 13 * 60)
            checked += 1
        }
        XCTAssertGreaterThan(checked, 150_000)
        // Either side of midnight on the night the clocks go back, and on a leap day.
        XCTAssertEqual(ServiceTime.isoDay(ServiceTime.london(2026, 10, 25, 0, 30)), "2026-10-25")
        XCTAssertEqual(ServiceTime.isoDay(ServiceTime.london(2026, 10, 24, 23, 59)), "2026-10-24")
        XCTAssertEqual(ServiceTime.isoDay(ServiceTime.london(2028, 2, 29, 0, 0)), "2028-02-29")
    }

    func testSlugs() {
        XCTAssertEqual(Slug.make("Safe Use of Fixed Workshop Machinery!"), "safe-use-of-fixed-workshop-machinery")
        XCTAssertTrue(Slug.isValid("chemical-handling"))
        XCTAssertFalse(Slug.isValid("Chemical Handling"))
        XCTAssertFalse(Slug.isValid("-x"))
    }

    func testPaginationNeverOverflows() {
        let huge = Pagination(page: Int.max, perPage: 50)
        XCTAssertEqual(huge.offset, Pagination.maxOffset / 50 * 50)
        XCTAssertEqual(Pagination(page: Int.min).offset, 0)
        XCTAssertEqual(Pagination(offset: Int.max, limit: Int.max).offset, Pagination.maxOffset)
        XCTAssertTrue(Pagination(offset: Int.max, limit: Int.max).hasNext(total: Int.max), "no overflow in offset + limit")
    }

    func testImpossibleTimesAreRefusedNotRolledOver() {
        XCTAssertNil(ServiceTime.parseISO8601("2026-02-30T10:00:00Z"))
        XCTAssertNil(ServiceTime.parseISO8601("0001-03-10T09:30:00Z"), "outside the years the service takes")
        XCTAssertNil(ServiceTime.parseISO8601("2027-03-10T24:00:00Z"))
        XCTAssertNil(ServiceTime.parseISO8601("2027-03-10T09:30:00"), "no zone")
        XCTAssertNil(ServiceTime.parseISO8601("2027-3-10T09:30:00Z"))
        XCTAssertEqual(ServiceTime.parseISO8601("2028-02-29T09:30:00Z")?.timeIntervalSince1970, 1_835_429_400)
        XCTAssertEqual(ServiceTime.parseISO8601("2027-03-10T10:30:00+01:00"), ServiceTime.parseISO8601("2027-03-10T09:30:00Z"))
        XCTAssertEqual(ServiceTime.parseISO8601("2027-03-10T09:30:00.500Z")?.timeIntervalSince1970, 1_804_671_000.5)
        XCTAssertNil(ServiceTime.parseDay("2027-02-29"))
        XCTAssertNotNil(ServiceTime.parseDay("2028-02-29"))
        XCTAssertNil(ServiceTime.parseLocalInput("2027-04-31T09:30"))
        XCTAssertNil(ServiceTime.parseLocalInput("2027-03-28T01:30"), "the hour the clocks skip in London")
        XCTAssertNil(ServiceTime.parseMonthKey("0001-01"))
    }

    func testPaginationClampsAndCounts() {
        let page = Pagination(offset: -5, limit: 1000)
        XCTAssertEqual(page.offset, 0)
        XCTAssertEqual(page.limit, Pagination.maxPerPage)
        let second = Pagination(page: 2, perPage: 20)
        XCTAssertEqual(second.offset, 20)
        XCTAssertEqual(second.pageCount(total: 41), 3)
        XCTAssertTrue(second.hasNext(total: 41))
        XCTAssertFalse(second.hasNext(total: 40))
    }

    func testLondonTimesRoundTripAcrossSummerTime() {
        let september = ServiceTime.london(2024, 9, 3, 9, 30)
        XCTAssertEqual(september.timeIntervalSince1970, 1_725_352_200, "09:30 BST is 08:30 UTC")
        XCTAssertEqual(ServiceTime.parseLocalInput("2024-09-03T09:30"), september)
        XCTAssertEqual(ServiceTime.localInputValue(september), "2024-09-03T09:30")
        XCTAssertEqual(ServiceTime.monthKey(ServiceTime.london(2027, 3, 1)), "2027-03")
        XCTAssertNil(ServiceTime.parseMonthKey("2027-13"))
    }

    func testICalendarFeedEscapesFoldsAndUsesUTC() {
        let start = ServiceTime.london(2024, 9, 3, 9, 30)
        let feed = ICalendar.feed(name: "Runs", events: [
            ICalendar.Event(uid: "a@preproom", start: start, end: start.addingTimeInterval(3600),
                            summary: "Chemical Handling; day 1, of 2", location: String(repeating: "Dunfermline ", count: 10)),
        ], stamp: start)
        XCTAssertTrue(feed.contains("DTSTART:20240903T083000Z\r\n"))
        XCTAssertTrue(feed.contains("SUMMARY:Chemical Handling\\; day 1\\, of 2\r\n"))
        XCTAssertTrue(feed.hasSuffix("END:VCALENDAR\r\n"))
        XCTAssertTrue(feed.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 }, "long lines are folded")
        XCTAssertTrue(feed.contains("\r\n Dunfermline") || feed.contains("\r\n unfermline") || feed.contains("\r\n "))
    }
}
