import XCTest
@testable import PrepRoomCore

final class SchoolListTests: XCTestCase {
    let organisations = DemoData.organisations.map(\.name)

    func testTheListsOwnSpellingsOfAuthoritiesAreMatched() {
        XCTAssertEqual(SchoolList.match(authority: "Edinburgh City", among: organisations), "City of Edinburgh Council")
        XCTAssertEqual(SchoolList.match(authority: "Aberdeen City", among: organisations), "Aberdeen City Council")
        XCTAssertEqual(SchoolList.match(authority: "Aberdeenshire", among: organisations), "Aberdeenshire Council")
        XCTAssertEqual(SchoolList.match(authority: "Argyll & Bute", among: organisations), "Argyll and Bute Council")
        XCTAssertEqual(SchoolList.match(authority: "Na h-Eileanan Siar", among: organisations), "Comhairle nan Eilean Siar")
        XCTAssertEqual(SchoolList.match(authority: "fife council", among: organisations), "Fife Council")
        XCTAssertEqual(SchoolList.match(authority: "Independent", among: organisations), "Scottish Council of Independent Schools (SCIS)")
        XCTAssertNil(SchoolList.match(authority: "Cumbria", among: organisations))
        XCTAssertNil(SchoolList.match(authority: "", among: organisations))
    }

    func testRowsByHeadingAndEveryBadRowWithItsLine() {
        let csv = """
        LA Name,Seed Code,School Name,Centre Type,Post Code
        Fife,5244439,Dunfermline High School,Secondary,KY12 7DZ
        Edinburgh City,8123456,"Leith Primary School, Edinburgh",Primary,EH6 6NP
        Fife,524443,Short Code School,Secondary,
        Cumbria,5000001,Carlisle School,Secondary,
        Fife,5244439,Dunfermline Twice,Secondary,
        Fife,5000002,,Nursery,
        """
        let parsed = SchoolList.parse(csv, organisations: organisations)
        XCTAssertEqual(parsed.rows.map(\.line), [2, 3])
        XCTAssertEqual(parsed.rows[1].school, SchoolFacts(seedCode: "8123456", name: "Leith Primary School, Edinburgh",
                                                           organisation: "City of Edinburgh Council", type: .primary))
        XCTAssertEqual(parsed.problems.map(\.line), [4, 5, 6, 7])
        XCTAssertTrue(parsed.problems[0].message.contains("seven digits"))
        XCTAssertTrue(parsed.problems[1].message.contains("\"Cumbria\" is not a local authority"))
        XCTAssertEqual(parsed.problems[2].message, "The seed code 5244439 is also on line 2")
        XCTAssertEqual(parsed.problems[3].message, "The school has no name; The type is not primary, secondary or special")
    }

    func testTheTypeFromDepartmentColumnsAndAMissingColumnNamed() {
        let csv = "SeedCode,Name,Local Authority,Primary Department,Secondary Department,Special Department\n5100001,Alloa Academy,Clackmannanshire,No,Yes,No\n8100002,Sauchie Primary,Clackmannanshire,Yes,No,No\n"
        XCTAssertEqual(SchoolList.parse(csv, organisations: organisations).rows.map(\.school.type), [.secondary, .primary])
        let missing = SchoolList.parse("Seed Code,Name\n5100001,X\n", organisations: organisations)
        XCTAssertEqual(missing.rows, [])
        XCTAssertEqual(missing.problems.first?.message, "The header row has no column for: LA Name, School Type (or the Primary/Secondary/Special Department columns)")
    }
}
