import XCTest
@testable import PrepRoomCore
final class T: XCTestCase { func testX() { XCTAssertEqual(PrepRoomCoreVersion.name, "PrepRoom") } }
