import Foundation
@testable import PrepRoomCore
import XCTest

final class VerificationRulesTests: XCTestCase {
    let policy = VerificationPolicy(largeCohortThreshold: 12, sampleRate: 0.1)

    func testEachCriterionSelectsAndIsNamed() {
        let seed = seedAbove(0.1)
        let quiet = DeliveryFacts(firstDeliveryOfCourse: false, cohort: 12, previousOutcome: .accepted)
        XCTAssertEqual(VerificationRules.select(quiet, policy: policy, seed: seed).reasons, [])
        XCTAssertFalse(VerificationRules.select(quiet, policy: policy, seed: seed).selected)
        XCTAssertEqual(VerificationRules.select(.init(firstDeliveryOfCourse: true, cohort: 3, previousOutcome: nil), policy: policy, seed: seed).reasons,
                       [.firstDelivery])
        XCTAssertEqual(VerificationRules.select(.init(firstDeliveryOfCourse: false, cohort: 13, previousOutcome: nil), policy: policy, seed: seed).reasons,
                       [.largeCohort], "larger than the threshold, not equal to it")
        XCTAssertEqual(VerificationRules.select(.init(firstDeliveryOfCourse: false, cohort: 1, previousOutcome: .notAccepted), policy: policy, seed: seed).reasons,
                       [.previousNotAccepted])
        XCTAssertEqual(VerificationRules.select(.init(firstDeliveryOfCourse: true, cohort: 20, previousOutcome: .notAccepted), policy: policy, seed: seed).reasons,
                       [.firstDelivery, .largeCohort, .previousNotAccepted], "every reason that applies is recorded")
    }

    func testTheRandomSampleIsReproducibleFromItsSeedAndNearTheRate() {
        XCTAssertEqual(VerificationRules.draw(seed: 42), VerificationRules.draw(seed: 42))
        // SplitMix64's first output for seed 0 is 0xE220A8397B1DCDAF; the draw is its top 53 bits over 2^53.
        XCTAssertEqual(VerificationRules.draw(seed: 0), Double(UInt64(0xE220_A839_7B1D_CDAF) >> 11) / Double(UInt64(1) << 53))
        let quiet = DeliveryFacts(firstDeliveryOfCourse: false, cohort: 5, previousOutcome: nil)
        let picked = (0..<10_000).filter { VerificationRules.select(quiet, policy: policy, seed: UInt64($0) &* 7919).reasons == [.random] }.count
        XCTAssertTrue((850...1150).contains(picked), "about one in ten: \(picked)")
        let never = VerificationPolicy(largeCohortThreshold: 12, sampleRate: 0)
        XCTAssertFalse((0..<1000).contains { VerificationRules.select(quiet, policy: never, seed: UInt64($0)).selected })
    }

    func testOutcomesNeedWhatTheCentreMustReadAndVerifiersNotTheirOwnCentre() {
        XCTAssertEqual(VerificationRules.outcomeErrors(.accepted, recommendations: nil, actions: nil), [])
        XCTAssertEqual(VerificationRules.outcomeErrors(.acceptedWithRecommendations, recommendations: " ", actions: nil).map(\.field), ["recommendations"])
        XCTAssertEqual(VerificationRules.outcomeErrors(.notAccepted, recommendations: nil, actions: nil).map(\.field), ["actions"])
        XCTAssertEqual(VerificationRules.outcomeErrors(nil, recommendations: nil, actions: nil).map(\.field), ["outcome"])
        XCTAssertTrue(VerificationOutcome.acceptedWithRecommendations.releasesCertificates)
        XCTAssertFalse(VerificationOutcome.notAccepted.releasesCertificates)
        let centre = UUID()
        XCTAssertTrue(VerificationRules.mayVerify(Permissions([.verifier]), ownCentre: nil, runCentre: centre))
        XCTAssertFalse(VerificationRules.mayVerify(Permissions([.verifier]), ownCentre: centre, runCentre: centre))
        XCTAssertFalse(VerificationRules.mayVerify(Permissions([.courseAdmin]), ownCentre: nil, runCentre: centre))
        XCTAssertEqual(VerificationPolicy(largeCohortThreshold: 0, sampleRate: 1.5).errors().map(\.field), ["largeCohortThreshold", "sampleRate"])
    }

    private func seedAbove(_ rate: Double) -> UInt64 {
        (0...).lazy.map(UInt64.init).first { VerificationRules.draw(seed: $0) >= rate }!
    }
}

final class CentreRulesTests: XCTestCase {
    func testStatusChangesFollowTheLifeOfACentre() {
        XCTAssertEqual(CentreRules.allowedChanges(from: .applicant), [.approved, .rejected])
        XCTAssertEqual(CentreRules.allowedChanges(from: .suspended), [.approved, .withdrawn])
        XCTAssertEqual(CentreRules.allowedChanges(from: .withdrawn), [])
        XCTAssertEqual(CentreRules.changeErrors(from: .applicant, to: .approved, reason: nil), [])
        XCTAssertEqual(CentreRules.changeErrors(from: .applicant, to: .rejected, reason: "  ").map(\.field), ["reason"])
        XCTAssertEqual(CentreRules.changeErrors(from: .rejected, to: .approved, reason: "again").map(\.field), ["status"])
    }

    func testAnApplicationNamesEveryMissingPiece() {
        let empty = CentreApplication(name: "", kind: nil, localAuthorityID: nil, contactName: "", contactEmail: "x", venues: [" "], statement: "short")
        XCTAssertEqual(CentreRules.applicationErrors(empty).map(\.field), ["name", "kind", "localAuthorityId", "contactName", "contactEmail", "venues", "statement"])
        XCTAssertEqual(CentreRules.venueErrors(venue: "lab 2", centreVenues: ["Room 1", "Lab 2"]), [])
        XCTAssertEqual(CentreRules.venueErrors(venue: nil, centreVenues: ["Room 1"]), [], "an online run has no venue")
        XCTAssertEqual(CentreRules.venueErrors(venue: "Elsewhere", centreVenues: ["Room 1"]).map(\.field), ["venue"])
        XCTAssertEqual(CentreRules.venues(fromLines: "Room 1\n\n Room 1 \r\nLab 2"), ["Room 1", "Lab 2"])
    }

    func testApprovalsCoverRunsFromTheirDateUntilWithdrawn() {
        let from = ServiceTime.london(2027, 3, 1), withdrawn = ServiceTime.london(2027, 6, 1)
        let approvals = [CourseApproval(courseCode: "chemical-handling", from: from, withdrawnAt: withdrawn)]
        XCTAssertNil(ApprovalRules.approval(in: approvals, courseCode: "chemical-handling", at: ServiceTime.london(2027, 2, 28)))
        XCTAssertNotNil(ApprovalRules.approval(in: approvals, courseCode: "chemical-handling", at: ServiceTime.london(2027, 3, 1, 9)))
        XCTAssertNil(ApprovalRules.approval(in: approvals, courseCode: "chemical-handling", at: ServiceTime.london(2027, 6, 2)))
        XCTAssertNil(ApprovalRules.approval(in: approvals, courseCode: "electrical-safety-and-pat", at: ServiceTime.london(2027, 4, 1)))
        XCTAssertEqual(ApprovalRules.grantErrors(centreDeliverable: false, centreStatus: .approved, alreadyApproved: false).map(\.field), ["courseCode"])
        XCTAssertEqual(ApprovalRules.grantErrors(centreDeliverable: true, centreStatus: .applicant, alreadyApproved: false), [])
    }

    func testDeliveryOutputCountsHoursToOneDecimal() {
        XCTAssertEqual(DeliveryOutput.roundedHours(5 * 3600 + 30 * 60), 5.5)
        let total = DeliveryOutput(runs: 1, delegatesCompleted: 2, cpdUnits: 4, trainingHours: 24) + DeliveryOutput(runs: 1, cpdUnits: 1, trainingHours: 6)
        XCTAssertEqual(total, DeliveryOutput(runs: 2, delegatesCompleted: 2, cpdUnits: 5, trainingHours: 30))
        XCTAssertEqual(ServiceTime.parseDay("2027-02-30"), nil)
        XCTAssertEqual(ServiceTime.parseDay("2027-03-01"), ServiceTime.london(2027, 3, 1))
    }
}

final class StrategyRulesTests: XCTestCase {
    func testEveryUpdateCarriesANoteAndOnlyManagersEdit() {
        XCTAssertEqual(StrategyRules.changeErrors(from: .started, to: .onTrack, note: "Talk given"), [])
        XCTAssertEqual(StrategyRules.changeErrors(from: .onTrack, to: .onTrack, note: "Progress"), [], "a progress note keeps the status")
        XCTAssertEqual(StrategyRules.changeErrors(from: .started, to: nil, note: "  ").map(\.field), ["status", "note"])
        XCTAssertTrue(StrategyRules.mayEdit(Permissions([.manager])))
        XCTAssertTrue(StrategyRules.mayEdit(Permissions([.admin])))
        XCTAssertFalse(StrategyRules.mayEdit(Permissions([.courseAdmin])))
    }
}

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

final class EqualityRulesTests: XCTestCase {
    func testSmallCellsAreSuppressedAndAnAllSuppressedTableSaysSo() {
        let table = EqualityRules.table(.sex, counts: ["Female": 5, "Male": 4])
        XCTAssertEqual(table.cells.map(\.cell), [.count(5), .suppressed, .suppressed], "Female, Male, Prefer not to say")
        XCTAssertFalse(table.allSuppressed)
        XCTAssertTrue(EqualityRules.table(.disability, counts: ["Yes": 1, "No": 4]).allSuppressed)
        XCTAssertEqual(EqualityAnswers([.sex: "Female", .ageBand: "12 to 15"]).errors().map(\.field), ["ageBand"])
        XCTAssertTrue(EqualityQuestion.allCases.allSatisfy { $0.categories.last == EqualityQuestion.preferNotToSay })
        XCTAssertEqual([5, 6, 7, 8, 12, 13].map(EqualityRules.rounded), [5, 5, 5, 10, 10, 15])
        XCTAssertEqual(EqualityRules.table(.sex, counts: ["Female": 6, "Male": 5]), EqualityRules.table(.sex, counts: ["Female": 5, "Male": 6]),
                       "one person more or less does not change what is shown")
        let october = EqualityRules.wholeMonths(from: ServiceTime.london(2026, 10, 1), to: ServiceTime.london(2026, 10, 7))
        XCTAssertEqual(october.from, ServiceTime.london(2026, 10, 1))
        XCTAssertEqual(october.to, ServiceTime.london(2026, 11, 1))
        XCTAssertEqual(EqualityRules.wholeMonths(from: ServiceTime.london(2026, 10, 1), to: ServiceTime.london(2026, 10, 14)).to, october.to)
    }
}

final class EvaluationRulesTests: XCTestCase {
    func testAnswersAreCheckedByKindAndEveryMistakeNamed() {
        let rating = EvaluationQuestion(kind: .rating, prompt: "Delivery"), choice = EvaluationQuestion(kind: .choice, prompt: "Again?", options: ["Yes", "No"])
        let note = EvaluationQuestion(kind: .text, prompt: "Comments", required: false)
        XCTAssertEqual(EvaluationRules.errors([rating.id: .rating(5), choice.id: .choice("Yes")], for: [rating, choice, note]), [])
        XCTAssertEqual(EvaluationRules.errors([rating.id: .rating(0), choice.id: .choice("Maybe")], for: [rating, choice, note]).map(\.field),
                       [rating.id.uuidString, choice.id.uuidString])
        XCTAssertEqual(EvaluationRules.errors([:], for: [rating, note]).map(\.field), [rating.id.uuidString], "optional questions may be skipped")
    }

    func testStepsOpenAlongTheDelegatesTimeline() {
        let start = Date().addingTimeInterval(86_400)
        let booked = EvaluationRules.Timeline(confirmed: true, runStartsAt: start, completedAt: nil)
        XCTAssertTrue(EvaluationRules.isOpen(.pre, booked, now: Date()))
        XCTAssertFalse(EvaluationRules.isOpen(.pre, booked, now: start.addingTimeInterval(1)), "closes when the course starts")
        XCTAssertFalse(EvaluationRules.isOpen(.post, booked, now: Date()))
        let done = Date()
        let completed = EvaluationRules.Timeline(confirmed: true, runStartsAt: done.addingTimeInterval(-86_400), completedAt: done)
        XCTAssertTrue(EvaluationRules.isOpen(.post, completed, now: done))
        XCTAssertFalse(EvaluationRules.isOpen(.impact, completed, now: done.addingTimeInterval(11 * 7 * 86_400)))
        XCTAssertTrue(EvaluationRules.isOpen(.impact, completed, now: done.addingTimeInterval(12 * 7 * 86_400)))
        XCTAssertEqual(EvaluationRules.responseRate(responses: 1, eligible: 3), 33)
    }
}

final class SettingRulesTests: XCTestCase {
    func testStaffSettingsAndNewQuestionsAreCheckedInOnePlace() {
        XCTAssertEqual(AnnualFigures.targetErrors(1536), [])
        XCTAssertEqual(AnnualFigures.targetErrors(0).map(\.field), ["target"])
        XCTAssertEqual(AnnualFigures.targetErrors(nil).map(\.field), ["target"])
        XCTAssertEqual(EvaluationRules.impactWeeksErrors(12), [])
        XCTAssertEqual(EvaluationRules.impactWeeksErrors(105).map(\.field), ["weeks"])
        XCTAssertEqual(EvaluationRules.questionErrors(step: .post, kind: .choice, prompt: "Again?", options: ["Yes"]).map(\.field), ["options"])
        XCTAssertEqual(EvaluationRules.questionErrors(step: nil, kind: nil, prompt: " ", options: []).map(\.field), ["step", "kind", "prompt"])
        XCTAssertEqual(EvaluationRules.questionErrors(step: .pre, kind: .text, prompt: "Aims?", options: []), [])
    }
}

final class InvitationRulesTests: XCTestCase {
    func testOnlyFreshStepsAreChased() {
        let now = Date()
        let lately = EvaluationRules.Timeline(confirmed: true, runStartsAt: now.addingTimeInterval(-5 * 86_400), completedAt: now.addingTimeInterval(-3 * 86_400))
        XCTAssertTrue(EvaluationRules.shouldInvite(.post, lately, now: now))
        XCTAssertFalse(EvaluationRules.shouldInvite(.impact, lately, now: now), "not open yet")
        let yearsAgo = EvaluationRules.Timeline(confirmed: true, runStartsAt: now.addingTimeInterval(-800 * 86_400), completedAt: now.addingTimeInterval(-799 * 86_400))
        XCTAssertTrue(EvaluationRules.isOpen(.post, yearsAgo, now: now), "a delegate may still answer")
        XCTAssertFalse(EvaluationRules.shouldInvite(.post, yearsAgo, now: now), "but is not chased")
        XCTAssertFalse(EvaluationRules.shouldInvite(.impact, yearsAgo, now: now))
        let impactDue = EvaluationRules.Timeline(confirmed: true, runStartsAt: now.addingTimeInterval(-90 * 86_400), completedAt: now.addingTimeInterval(-85 * 86_400))
        XCTAssertTrue(EvaluationRules.shouldInvite(.impact, impactDue, now: now))
        XCTAssertLessThan(EvaluationRules.invitationHorizon(now: now), impactDue.runStartsAt)
    }
}
