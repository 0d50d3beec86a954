import XCTest
@testable import PrepRoomCore

final class CSVReaderTests: XCTestCase {
    func testQuotedFieldsCommasLineBreaksAndDoubledQuotes() {
        let text = "\u{FEFF}Seed Code,School Name\r\n5244439,\"Dunfermline High School, Fife\"\r\n\r\n8123456,\"St \"\"Ninian's\"\"\nPrimary\"\n5000001,Last"
        let records = CSVReader.records(text)
        XCTAssertEqual(records.map(\.fields), [["Seed Code", "School Name"], ["5244439", "Dunfermline High School, Fife"],
                                                ["8123456", "St \"Ninian's\"\nPrimary"], ["5000001", "Last"]])
        XCTAssertEqual(records.map(\.line), [1, 2, 4, 6], "each record names the line it starts on; blank lines count")
    }

    func testEmptyFieldsAndNoFinalLineBreak() {
        XCTAssertEqual(CSVReader.records("a,,c\n,\n").map(\.fields), [["a", "", "c"], ["", ""]])
        XCTAssertEqual(CSVReader.records("").count, 0)
    }
}
