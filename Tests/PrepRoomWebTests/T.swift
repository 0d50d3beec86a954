import XCTest
import VaporTesting
@testable import PrepRoomWeb
final class W: XCTestCase { func testX() { } }
