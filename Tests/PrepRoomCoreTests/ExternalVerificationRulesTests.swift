import Foundation
@testable import PrepRoomCore
import XCTest

final class ExternalVerificationRulesTests: XCTestCase {
    let policy = ExternalVerificationPolicy(largeCohortThreshold: 12, sampleRate: 0.1)

    func testEachCriterionSelectsAndIsNamed() {
        let seed = seedAbove(0.1)
        let quiet = DeliveryFacts(firstDeliveryOfCourse: false, cohort: 12, previousOutcome: .accepted)
        XCTAssertEqual(ExternalVerificationRules.select(quiet, policy: policy, seed: seed).reasons, [])
        XCTAssertFalse(ExternalVerificationRules.select(quiet, policy: policy, seed: seed).selected)
        XCTAssertEqual(ExternalVerificationRules.select(.init(firstDeliveryOfCourse: true, cohort: 3, previousOutcome: nil), policy: policy, seed: seed).reasons,
                       [.firstDelivery])
        XCTAssertEqual(ExternalVerificationRules.select(.init(firstDeliveryOfCourse: false, cohort: 13, previousOutcome: nil), policy: policy, seed: seed).reasons,
                       [.largeCohort], "larger than the threshold, not equal to it")
        XCTAssertEqual(ExternalVerificationRules.select(.init(firstDeliveryOfCourse: false, cohort: 1, previousOutcome: .notAccepted), policy: policy, seed: seed).reasons,
                       [.previousNotAccepted])
        XCTAssertEqual(ExternalVerificationRules.select(.init(firstDeliveryOfCourse: true, cohort: 20, previousOutcome: .notAccepted), policy: policy, seed: seed).reasons,
                       [.firstDelivery, .largeCohort, .previousNotAccepted], "every reason that applies is recorded")
    }

    func testTheRandomSampleIsReproducibleFromItsSeedAndNearTheRate() {
        XCTAssertEqual(ExternalVerificationRules.draw(seed: 42), ExternalVerificationRules.draw(seed: 42))
        // SplitMix64's first output for seed 0 is 0xE220A8397B1DCDAF; the draw is its top 53 bits over 2^53.
        XCTAssertEqual(ExternalVerificationRules.draw(seed: 0), Double(UInt64(0xE220_A839_7B1D_CDAF) >> 11) / Double(UInt64(1) << 53))
        let quiet = DeliveryFacts(firstDeliveryOfCourse: false, cohort: 5, previousOutcome: nil)
        let picked = (0..<10_000).filter { ExternalVerificationRules.select(quiet, policy: policy, seed: UInt64($0) &* 7919).reasons == [.random] }.count
        XCTAssertTrue((850...1150).contains(picked), "about one in ten: \(picked)")
        let never = ExternalVerificationPolicy(largeCohortThreshold: 12, sampleRate: 0)
        XCTAssertFalse((0..<1000).contains { ExternalVerificationRules.select(quiet, policy: never, seed: UInt64($0)).selected })
    }

    func testOutcomesNeedWhatTheCentreMustReadAndVerifiersNotTheirOwnCentre() {
        XCTAssertEqual(ExternalVerificationRules.outcomeErrors(.accepted, recommendations: nil, actions: nil), [])
        XCTAssertEqual(ExternalVerificationRules.outcomeErrors(.acceptedWithRecommendations, recommendations: " ", actions: nil).map(\.field), ["recommendations"])
        XCTAssertEqual(ExternalVerificationRules.outcomeErrors(.notAccepted, recommendations: nil, actions: nil).map(\.field), ["actions"])
        XCTAssertEqual(ExternalVerificationRules.outcomeErrors(nil, recommendations: nil, actions: nil).map(\.field), ["outcome"])
        XCTAssertTrue(ExternalVerificationOutcome.acceptedWithRecommendations.releasesCertificates)
        XCTAssertFalse(ExternalVerificationOutcome.notAccepted.releasesCertificates)
        let centre = UUID()
        XCTAssertTrue(ExternalVerificationRules.mayVerify(Permissions([.verifier]), ownCentre: nil, runCentre: centre))
        XCTAssertFalse(ExternalVerificationRules.mayVerify(Permissions([.verifier]), ownCentre: centre, runCentre: centre))
        XCTAssertFalse(ExternalVerificationRules.mayVerify(Permissions([.courseAdmin]), ownCentre: nil, runCentre: centre))
        // Seeing a verification: the run's provider and any verifier, nobody else.
        XCTAssertTrue(ExternalVerificationRules.maySee(Permissions([.verifier]), ownCentre: nil, runCentre: centre))
        XCTAssertTrue(ExternalVerificationRules.maySee(Permissions([.centreCoordinator]), ownCentre: centre, runCentre: centre))
        XCTAssertFalse(ExternalVerificationRules.maySee(Permissions([.centreCoordinator]), ownCentre: UUID(), runCentre: centre))
        XCTAssertFalse(ExternalVerificationRules.maySee(Permissions([.technician]), ownCentre: nil, runCentre: centre))
        // A centre's page: deliveries to staff and its own coordinator, approvals to staff.
        let own = CentreView(Permissions([.centreCoordinator]), coordinatorOf: centre, centre: centre)
        XCTAssertEqual([own.own, own.staff, own.showsDeliveries], [true, false, true])
        let other = CentreView(Permissions([.centreCoordinator]), coordinatorOf: UUID(), centre: centre)
        XCTAssertFalse(other.showsDeliveries)
        XCTAssertEqual(CentreView(Permissions([.courseAdmin]), coordinatorOf: nil, centre: centre).staff, true)
        XCTAssertFalse(CentreView(nil, coordinatorOf: nil, centre: centre).showsDeliveries, "a visitor")
        XCTAssertEqual(ExternalVerificationPolicy(largeCohortThreshold: 0, sampleRate: 1.5).errors().map(\.field), ["largeCohortThreshold", "sampleRate"])
    }

    private func seedAbove(_ rate: Double) -> UInt64 {
        (0...).lazy.map(UInt64.init).first { ExternalVerificationRules.draw(seed: $0) >= rate }!
    }
}
