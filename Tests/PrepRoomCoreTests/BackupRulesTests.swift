import XCTest
@testable import PrepRoomCore

final class BackupRulesTests: XCTestCase {
    private func at(_ text: String) -> Date {
        BackupName.date(text) ?? Date.distantPast
    }

    func testNamesSayWhenInUTCAndReadBack() {
        let name = BackupName(takenAt: Date(timeIntervalSince1970: 1_796_488_125.75), fileExtension: "sqlite")
        XCTAssertEqual(name.fileName, "preproom-20261205T162845Z.sqlite")
        XCTAssertEqual(BackupName(fileName: name.fileName), name)
        XCTAssertEqual(BackupName(fileName: "preproom-20261205T162845Z.pgdump")?.fileExtension, "pgdump")
    }

    func testOtherFilesAndImpossibleDatesAreNotBackups() {
        for other in ["preproom-20261205T162845Z.sqlite.partial", "notes.txt", "preproom-20260231T120000Z.sqlite",
                      "preproom-20261205T246000Z.sqlite", "preproom-2026125T16284Z.sqlite", "other-20261205T162845Z.sqlite",
                      "preproom-٢٠٢٦1205T162845Z.sqlite"] {
            XCTAssertNil(BackupName(fileName: other), other)
        }
    }

    func testRetentionKeepsTheNewestOfEachRecentDayAndWeek() {
        // Three backups a day for 40 days, newest 2026-12-05 (a Saturday).
        var backups: [BackupName] = []
        let last = at("20261205T220000Z")
        for day in 0..<40 {
            for hour in [2, 10, 22] {
                backups.append(BackupName(takenAt: last.addingTimeInterval(Double(-day * 86_400 + (hour - 22) * 3_600)), fileExtension: "sqlite"))
            }
        }
        let deleted = Set(BackupRetention(daily: 7, weekly: 4).toDelete(backups).map(\.fileName))
        let kept = backups.map(\.fileName).filter { !deleted.contains($0) }.sorted()
        // 7 days' last backups (29 Nov … 5 Dec) and the last of the 4 ISO weeks: the
        // weeks ending 5 Dec (already kept), 29 Nov (kept), 22 Nov and 15 Nov (Sundays).
        XCTAssertEqual(kept, [
            "preproom-20261115T220000Z.sqlite", "preproom-20261122T220000Z.sqlite",
            "preproom-20261129T220000Z.sqlite", "preproom-20261130T220000Z.sqlite", "preproom-20261201T220000Z.sqlite",
            "preproom-20261202T220000Z.sqlite", "preproom-20261203T220000Z.sqlite", "preproom-20261204T220000Z.sqlite",
            "preproom-20261205T220000Z.sqlite",
        ])
        XCTAssertEqual(BackupRetention(daily: 7, weekly: 4).toDelete(backups).first?.fileName, "preproom-20261027T020000Z.sqlite",
                       "oldest first")
    }

    func testTheNewestIsKeptEvenWithNothingToKeep() {
        let backups = [at("20261205T100000Z"), at("20261204T100000Z")].map { BackupName(takenAt: $0, fileExtension: "pgdump") }
        XCTAssertEqual(BackupRetention(daily: 0, weekly: 0).toDelete(backups).map(\.fileName), ["preproom-20261204T100000Z.pgdump"])
        XCTAssertEqual(BackupRetention().toDelete([]), [])
    }

    func testTheWeeksKeptAreTheLongerOfTheDailyAndWeeklyReach() {
        XCTAssertEqual(BackupRetention(daily: 7, weekly: 4).weeksKept, 4)
        XCTAssertEqual(BackupRetention(daily: 30, weekly: 0).weeksKept, 5, "30 daily backups reach into a fifth week")
        XCTAssertEqual(BackupRetention(daily: 0, weekly: 0).weeksKept, 0)
    }
}
