import Foundation
import XCTest
@testable import PrepRoomCore

final class EquipmentRulesTests: XCTestCase {
    let now = ServiceTime.london(2027, 3, 10, 14, 30)

    func testTheNextCheckFollowsTheIntervalAndAFailIsDueAgainAtOnce() {
        let checked = ServiceTime.london(2026, 1, 31, 16)
        XCTAssertEqual(EquipmentRules.nextDue(lastChecked: checked, added: now, intervalMonths: 14), ServiceTime.london(2027, 3, 31))
        XCTAssertEqual(EquipmentRules.nextDue(lastChecked: checked, added: now, intervalMonths: 1), ServiceTime.london(2026, 2, 28), "end of month, not rolled into March")
        XCTAssertEqual(EquipmentRules.nextDue(lastChecked: nil, added: now, intervalMonths: 12), ServiceTime.london(2027, 3, 10), "never checked: due the day it joins")
        XCTAssertEqual(EquipmentRules.nextDue(lastChecked: checked, added: now, intervalMonths: 12, lastResult: .fail), ServiceTime.london(2026, 1, 31))
        XCTAssertEqual(EquipmentRules.nextDue(lastChecked: checked, added: now, intervalMonths: 12, lastResult: .passWithAdvisory), ServiceTime.london(2027, 1, 31))
    }

    func testALateCheckIsHistoryAndTheLatestSetsTheStanding() {
        let added = ServiceTime.london(2020, 1, 1)
        let current = EquipmentRules.Standing(lastChecked: ServiceTime.london(2027, 1, 5), nextDue: ServiceTime.london(2028, 3, 5), status: .inUse)
        XCTAssertEqual(EquipmentRules.standing(after: .fail, on: ServiceTime.london(2026, 6, 1), was: current, added: added, intervalMonths: 14), current,
                       "an older paper record changes nothing")
        let failed = EquipmentRules.standing(after: .fail, on: ServiceTime.london(2027, 3, 1), was: current, added: added, intervalMonths: 14)
        XCTAssertEqual(failed, .init(lastChecked: ServiceTime.london(2027, 3, 1), nextDue: ServiceTime.london(2027, 3, 1), status: .outOfUse))
        let mended = EquipmentRules.standing(after: .pass, on: ServiceTime.london(2027, 3, 8), was: failed, added: added, intervalMonths: 14)
        XCTAssertEqual(mended, .init(lastChecked: ServiceTime.london(2027, 3, 8), nextDue: ServiceTime.london(2028, 5, 8), status: .inUse))
        let first = EquipmentRules.standing(after: .pass, on: ServiceTime.london(2027, 3, 8),
                                            was: .init(lastChecked: nil, nextDue: added, status: .inUse), added: added, intervalMonths: 12)
        XCTAssertEqual(first.nextDue, ServiceTime.london(2028, 3, 8), "the first check of a new item")
    }

    func testDueTodayIsInTimeAndThirtyDaysIsDueSoon() {
        let today = ServiceTime.london(2027, 3, 10)
        XCTAssertEqual(EquipmentRules.dueState(nextDue: today, status: .inUse, now: now), .dueSoon)
        XCTAssertEqual(EquipmentRules.dueState(nextDue: ServiceTime.london(2027, 3, 9), status: .inUse, now: now), .overdue)
        XCTAssertEqual(EquipmentRules.dueState(nextDue: ServiceTime.london(2027, 4, 9), status: .outOfUse, now: now), .dueSoon)
        XCTAssertEqual(EquipmentRules.dueState(nextDue: ServiceTime.london(2027, 4, 10), status: .inUse, now: now), .ok)
        XCTAssertEqual(EquipmentRules.dueState(nextDue: ServiceTime.london(2020, 1, 1), status: .disposed, now: now), .none, "a disposed item is never due")
    }

    func testAFailPutsAnItemOutOfUseUntilAPassAndDisposalIsFinal() {
        XCTAssertEqual(EquipmentRules.status(after: .fail, was: .inUse), .outOfUse)
        XCTAssertEqual(EquipmentRules.status(after: .pass, was: .outOfUse), .inUse)
        XCTAssertEqual(EquipmentRules.status(after: .passWithAdvisory, was: .outOfUse), .inUse)
        XCTAssertEqual(EquipmentRules.status(after: .pass, was: .disposed), .disposed)
        XCTAssertNotNil(EquipmentRules.checkConflict(status: .disposed))
        XCTAssertNil(EquipmentRules.checkConflict(status: .outOfUse))
    }

    func testACheckNeedsAPastDayAResultAndNumbersForReadings() {
        XCTAssertEqual(EquipmentRules.checkProblems(checkedOn: ServiceTime.london(2027, 3, 10), typedDate: true, result: .pass, notes: "", now: now), [])
        XCTAssertEqual(EquipmentRules.checkProblems(checkedOn: ServiceTime.london(2027, 3, 11), typedDate: true, result: .pass, notes: "", now: now).map(\.field), ["checkedOn"])
        XCTAssertEqual(EquipmentRules.checkProblems(checkedOn: nil, typedDate: true, result: nil, notes: "", now: now).map(\.field), ["checkedOn", "result"])
        XCTAssertEqual(EquipmentRules.reading("0,35"), .some(0.35))
        XCTAssertEqual(EquipmentRules.reading(" "), .some(nil))
        XCTAssertNil(EquipmentRules.reading("-1"))
        XCTAssertNil(EquipmentRules.reading("1e400"))
        XCTAssertNil(EquipmentRules.reading("lots"))
    }

    func testACheckKeepsAPDFOrAnImageKnownByItsFirstBytes() {
        XCTAssertEqual(CheckDocument.kind(filename: "LEV.PDF", prefix: Array("%PDF-1.7".utf8), size: 1000), .pdf)
        XCTAssertEqual(CheckDocument.kind(filename: "sheet.png", prefix: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], size: 10), .png)
        XCTAssertEqual(CheckDocument.kind(filename: "wipe.jpeg", prefix: [0xFF, 0xD8, 0xFF, 0xE0], size: 10), .jpeg)
        XCTAssertNil(CheckDocument.kind(filename: "report.pdf", prefix: Array("<html>".utf8), size: 10), "a web page named .pdf")
        XCTAssertNil(CheckDocument.kind(filename: "report.html", prefix: Array("%PDF-1.7".utf8), size: 10), "a PDF named .html")
        XCTAssertNil(CheckDocument.kind(filename: "big.pdf", prefix: Array("%PDF-1.7".utf8), size: CheckDocument.maxBytes + 1))
        XCTAssertTrue(CheckDocument.problem(size: CheckDocument.maxBytes + 1).message.contains("at most 5 MB"))
    }

    func testEachReminderCoversItsDueDatesAndALateRunSendsOnlyWhatAppliesThen() {
        let today = ServiceTime.london(2027, 3, 10)
        XCTAssertEqual(EquipmentReminder.dueSoon.dueDates(now: now).from, today)
        XCTAssertEqual(EquipmentReminder.dueSoon.dueDates(now: now).through, ServiceTime.london(2027, 4, 9))
        XCTAssertNil(EquipmentReminder.overdue.dueDates(now: now).from, "overdue by any amount")
        XCTAssertEqual(EquipmentReminder.overdue.dueDates(now: now).through, ServiceTime.london(2027, 3, 9), "due today is not overdue")
        XCTAssertEqual(EquipmentReminder.escalated.dueDates(now: now).through, ServiceTime.london(2027, 2, 8), "30 days overdue")
        // An item first seen 40 days overdue is in the overdue and escalation ranges, not the "due soon" one.
        let late = ServiceTime.london(2027, 1, 29)
        XCTAssertTrue(late < EquipmentReminder.dueSoon.dueDates(now: now).from!)
        XCTAssertTrue(late <= EquipmentReminder.escalated.dueDates(now: now).through)
        // The window agrees with the dashboard's: what is reminded as due soon shows as due soon.
        XCTAssertEqual(DueWindow(now: now).soonUntil, EquipmentReminder.dueSoon.dueDates(now: now).through)
    }

    func testOnlyTheRightPeopleChangeIntervalsOrSeeEveryAuthority() {
        XCTAssertTrue(EquipmentAccess.mayChangeIntervals(Permissions([.adviser])))
        XCTAssertTrue(EquipmentAccess.mayChangeIntervals(Permissions([.admin])))
        XCTAssertFalse(EquipmentAccess.mayChangeIntervals(Permissions([.manager, .technician, .courseAdmin])))
        XCTAssertTrue(EquipmentAccess.seesEveryAuthority(Permissions([.manager])))
        XCTAssertFalse(EquipmentAccess.seesEveryAuthority(Permissions([.laManager])))
        XCTAssertTrue(EquipmentAccess.usesEquipmentPages(Permissions([.teacher])))
        XCTAssertFalse(EquipmentAccess.usesEquipmentPages(Permissions([.centreCoordinator, .courseAdmin, .verifier])))
        let school = UUID(), elsewhere = UUID()
        XCTAssertEqual(EquipmentAccess.of(Permissions([.technician]), worksAtSchool: true, schoolOrganisation: school, ownOrganisation: nil), .work)
        XCTAssertEqual(EquipmentAccess.of(Permissions([.technician]), worksAtSchool: false, schoolOrganisation: school, ownOrganisation: school), .none)
        XCTAssertEqual(EquipmentAccess.of(Permissions([.laManager]), worksAtSchool: false, schoolOrganisation: school, ownOrganisation: school), .view)
        XCTAssertEqual(EquipmentAccess.of(Permissions([.laManager]), worksAtSchool: false, schoolOrganisation: school, ownOrganisation: elsewhere), .none)
    }

    func testTheDefaultCategoriesCiteTheirIntervals() {
        let categories = Dictionary(uniqueKeysWithValues: EquipmentRules.defaultCategories.map { ($0.key, $0) })
        XCTAssertEqual(categories["fume-cupboard"]?.intervalMonths, 14, "COSHH: at least every 14 months")
        XCTAssertEqual(categories["sealed-radioactive-source"]?.intervalMonths, 24, "IRR17: at least every 2 years")
        XCTAssertEqual(categories["portable-electrical-class-sets"]?.intervalMonths, 12)
        XCTAssertEqual(categories["sealed-radioactive-source"]?.task, .leakTestingSources)
        XCTAssertTrue(EquipmentRules.defaultCategories.allSatisfy { !$0.basis.isEmpty && EquipmentRules.intervalMonths.contains($0.intervalMonths) })
    }
}

final class AuthorisationTests: XCTestCase {
    let now = ServiceTime.london(2027, 3, 10, 12)

    func held(_ code: String, expires: Date?, revoked: Bool = false, number: String = "PR-1") -> Authorisation.Held {
        .init(number: number, courseCode: code, expiresAt: expires, revoked: revoked)
    }

    func testACurrentCertificateOfTheTasksCourseOrItsRefresherAuthorises() {
        let until = ServiceTime.london(2028, 1, 1)
        XCTAssertEqual(Authorisation.decide(.patTesting, held: [held("electrical-safety-and-pat", expires: until)], now: now),
                       .authorised(number: "PR-1", until: until))
        XCTAssertEqual(Authorisation.decide(.fixedWorkshopMachinery, held: [held("safe-use-of-fixed-workshop-machinery-refresher", expires: nil)], now: now),
                       .authorised(number: "PR-1", until: nil), "the refresher authorises, and no expiry is current for ever")
        let longest = Authorisation.decide(.patTesting, held: [held("electrical-safety-and-pat", expires: until, number: "A"),
                                                               held("electrical-safety-and-pat", expires: ServiceTime.london(2029, 1, 1), number: "B")], now: now)
        XCTAssertEqual(longest, .authorised(number: "B", until: ServiceTime.london(2029, 1, 1)))
    }

    func testAnExpiredRevokedOrMissingCertificateIsRefusedWithTheReason() {
        let lapsed = ServiceTime.london(2025, 1, 10)
        XCTAssertEqual(Authorisation.decide(.leakTestingSources, held: [held("working-with-radioactive-sources", expires: lapsed)], now: now),
                       .refused(.expired(lapsed)))
        XCTAssertEqual(Authorisation.decide(.leakTestingSources, held: [held("working-with-radioactive-sources", expires: now)], now: now),
                       .refused(.expired(now)), "expiring this very moment is expired")
        XCTAssertEqual(Authorisation.decide(.leakTestingSources, held: [held("working-with-radioactive-sources", expires: nil, revoked: true)], now: now),
                       .refused(.revoked))
        XCTAssertEqual(Authorisation.decide(.leakTestingSources, held: [held("electrical-safety-and-pat", expires: nil)], now: now),
                       .refused(.notTrained), "another course's certificate does not count")
        XCTAssertEqual(Authorisation.decide(.level3Microbiology, held: [], now: now), .refused(.notTrained))
        XCTAssertTrue(Authorisation.message(.expired(lapsed), task: .leakTestingSources).contains("expired on Fri 10 January 2025"))
        XCTAssertTrue(Authorisation.message(.expired(lapsed), task: .leakTestingSources, person: "Ann Bell").hasPrefix("Ann Bell's certificate"))
        XCTAssertTrue(Authorisation.message(.notTrained, task: .patTesting, person: "Ann Bell").hasSuffix("and Ann Bell holds none."))
    }

    func testEveryTaskNamesACourseOfTheCatalogue() {
        let codes = Set(DemoData.courses.filter(\.certificated).map(\.code))
        for task in ControlledTask.allCases {
            XCTAssertFalse(task.authorisingCourses.isEmpty)
            XCTAssertTrue(Set(task.authorisingCourses).isSubset(of: codes), "\(task) names \(task.authorisingCourses)")
        }
    }
}

final class EquipmentRegisterCSVTests: XCTestCase {
    let now = ServiceTime.london(2027, 3, 10, 12)
    let categories = EquipmentRules.defaultCategories.map { (key: $0.key, name: $0.name) }

    func testRowsAreReadByHeadingInAnyOrderAndCase() {
        let text = "\u{FEFF}description,ASSET TAG,category,Last checked,Status\r\nFume cupboard,FC-1,Fume cupboards and local exhaust ventilation,2026-11-02,\r\n"
            + "Power pack,PP-1,portable-electrical-class-sets,,Out of use\r\n\r\n"
        let parsed = EquipmentRegisterCSV.parse(text, categories: categories, now: now)
        XCTAssertEqual(parsed.problems, [])
        XCTAssertEqual(parsed.rows.map(\.assetTag), ["FC-1", "PP-1"])
        XCTAssertEqual(parsed.rows[0].categoryKey, "fume-cupboard")
        XCTAssertEqual(parsed.rows[0].lastChecked, ServiceTime.london(2026, 11, 2))
        XCTAssertEqual(parsed.rows[1].status, .outOfUse)
        XCTAssertEqual(parsed.rows[1].line, 3)
    }

    func testEveryBadRowIsListedWithItsLine() {
        let text = """
            Asset tag,Category,Description,Last checked
            A1,fume-cupboard,Fume cupboard,2026-02-30
            A1,fume-cupboard,Second,
            ,fume-cupboard,No tag,
            A3,kettle,Kettle,
            A4,fume-cupboard,Future,2027-03-11
            A5,fume-cupboard,,
            """
        let parsed = EquipmentRegisterCSV.parse(text, categories: categories, now: now)
        XCTAssertEqual(parsed.problems.map(\.line), [2, 4, 5, 6, 7])
        XCTAssertTrue(parsed.problems[0].message.contains("2026-02-30"), "an impossible date is refused, not rolled over")
        XCTAssertEqual(parsed.rows.map(\.line), [3], "the first A1 was bad, so the second is not a duplicate")
        XCTAssertTrue(EquipmentRegisterCSV.parse("Tag,Kind\nA,b", categories: categories, now: now).problems[0].message.contains("Asset tag, Category, Description"))
        XCTAssertEqual(EquipmentRegisterCSV.parse("", categories: categories, now: now).problems.map(\.line), [1])
    }
}
