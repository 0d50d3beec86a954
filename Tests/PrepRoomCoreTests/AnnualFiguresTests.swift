import Foundation
@testable import PrepRoomCore
import XCTest

final class AnnualFiguresTests: XCTestCase {
    func testRunsToClearAWaitingListRoundUp() {
        XCTAssertEqual(AnnualFigures.runsToClear(waiting: 0, placesPerRun: 16), 0)
        XCTAssertEqual(AnnualFigures.runsToClear(waiting: 16, placesPerRun: 16), 1)
        XCTAssertEqual(AnnualFigures.runsToClear(waiting: 17, placesPerRun: 16), 2)
        XCTAssertEqual(AnnualFigures.TrainingDays(delivered: 1921, target: 1536).percentOfTarget, 125, "the texts' year")
        XCTAssertEqual(AnnualFigures.ranked([.init(label: "B", value: 2), .init(label: "A", value: 2), .init(label: "C", value: 5)]).map(\.label), ["C", "A", "B"])
    }

    func testBarChartsScaleToTheLargestAndShowAZero() {
        let chart = BarChart.layout([("Fife & Angus", 3), ("Highland", 0), (String(repeating: "x", count: 50), 6)])
        XCTAssertEqual(chart.bars.map(\.length), [170, 1, 340], "the largest fills the plot; a zero is a sliver")
        XCTAssertEqual(chart.bars.map(\.y), [6, 34, 62])
        XCTAssertEqual(chart.height, 90)
        XCTAssertEqual(chart.bars[2].label.count, 34, "long labels are cut to fit")
        XCTAssertEqual(BarChart.layout([]).height, 34, "an empty chart keeps one row's height")
    }
}
