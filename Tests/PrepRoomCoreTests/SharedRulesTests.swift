import XCTest
@testable import PrepRoomCore

final class SharedRulesTests: XCTestCase {
    func testUUIDTextReadsAndWritesWhatFoundationDoes() {
        for _ in 0..<2_000 {
            let id = UUID()
            XCTAssertEqual(UUIDText.string(id), id.uuidString)
            XCTAssertEqual(UUIDText.parse(id.uuidString), id)
            XCTAssertEqual(UUIDText.parse(id.uuidString.lowercased()), id)
        }
        let good = "05A1E089-10BA-4080-B3D7-D2A3CD8585A6"
        var variants = ["", "05A1E089", good + "0", String(good.dropLast()), good.replacingOccurrences(of: "-", with: ""),
                     "05A1E08910-BA-4080-B3D7-D2A3CD8585A6", "05A1E089-10BA-4080-B3D7-D2A3CD8585AG", "05A1E089-10BA-4080-B3D7 D2A3CD8585A6",
                     "05A1E089-10BA-4080-B3D7-D2A3CD8585Å", "{5A1E089-10BA-4080-B3D7-D2A3CD8585A6}", " 5A1E089-10BA-4080-B3D7-D2A3CD8585A6"]
        // Every single-character change of a good id, as Foundation judges it.
        for index in good.indices {
            for replacement in ["-", "g", "0", "f", " ", "é"] {
                variants.append(good.replacingCharacters(in: index...index, with: replacement))
            }
        }
        // Foundation reads with sscanf and takes some of these (a space or sign before a
        // pair of digits); the ids SQLite holds are always written in full, so stricter is
        // right: never a different id, and nothing but 8-4-4-4-12 hex digits.
        let canonical = try! NSRegularExpression(pattern: "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")
        for text in variants {
            let whole = canonical.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            XCTAssertEqual(UUIDText.parse(text), whole ? UUID(uuidString: text) : nil, "\(text)")
        }
        for text in ["05a1e089-10ba-4080-b3d7-d2a3cd8585a6", "00000000-0000-0000-0000-000000000000", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"] {
            XCTAssertEqual(UUIDText.parse(text), UUID(uuidString: text))
        }
    }

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
