import XCTest
@testable import PrepRoomCore

final class CourseRulesTests: XCTestCase {
    func facts(_ change: (inout CourseFacts) -> Void = { _ in }) -> CourseFacts {
        var course = CourseFacts(code: "glass-work", title: "Glass Work", summary: "Working glass safely.", subject: .chemistry,
                                 audiences: [.technician], format: .faceToFace, durationDays: 1, certificated: true, scqfLevel: 5, scqfCredits: 1)
        change(&course)
        return course
    }

    func testAValidCourse() { XCTAssertEqual(CourseRules.validate(facts(), knownCodes: []), []) }

    func testProblemsAreNamedByField() {
        XCTAssertEqual(CourseRules.validate(facts { $0.code = "Glass Work" }, knownCodes: []).map(\.field), ["code"])
        XCTAssertEqual(CourseRules.validate(facts { $0.scqfLevel = nil }, knownCodes: []).map(\.field), ["scqfLevel"])
        XCTAssertEqual(CourseRules.validate(facts { $0.durationDays = 0 }, knownCodes: []).map(\.field), ["durationDays"])
        XCTAssertEqual(CourseRules.validate(facts { $0.refresherOf = "nothing" }, knownCodes: ["glass-work"]).map(\.field), ["refresherOf"])
        XCTAssertEqual(CourseRules.validate(facts { $0.refresherOf = "glass-work" }, knownCodes: ["glass-work"]).map(\.field), ["refresherOf"])
    }
}
