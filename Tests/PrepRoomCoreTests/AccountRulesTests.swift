import XCTest
@testable import PrepRoomCore

final class AccountRulesTests: XCTestCase {
    func testPasswordRuleWantsLengthAndRefusesObviousOnes() {
        XCTAssertEqual(PasswordRule.check("short")?.field, "password")
        XCTAssertNotNil(PasswordRule.check("password123"))
        XCTAssertNotNil(PasswordRule.check("aaaaaaaaaaaa"), "too few distinct characters")
        XCTAssertNotNil(PasswordRule.check("jo@school.sch.uk", email: "jo@school.sch.uk"))
        XCTAssertNil(PasswordRule.check("correct horse battery"))
    }

    func testRegistrationNormalisesEmailAndNamesEachProblem() {
        let form = RegistrationForm(email: "  Jo.Bloggs@School.SCH.uk ", name: " ", password: "x", roles: [])
        XCTAssertEqual(form.email, "jo.bloggs@school.sch.uk")
        XCTAssertEqual(form.validate().map(\.field), ["name", "password", "roles"])
        XCTAssertEqual(RegistrationForm(email: "not-an-email", name: "Jo", password: "correct horse battery", roles: [.technician])
            .validate().map(\.field), ["email"])
    }

    func testRolesRoundTripAndIgnoreUnknownWords() {
        XCTAssertEqual(Role.decodeList("technician,wizard,admin"), [.technician, .admin])
        XCTAssertEqual(Role.encodeList([.admin, .technician]), "technician,admin")
    }

    func testAdminMayDoEverythingTechnicianNothingStaff() {
        XCTAssertTrue(Permissions([.admin]).canEditCatalogue)
        XCTAssertTrue(Permissions([.admin]).canManageAccounts)
        XCTAssertFalse(Permissions([.technician]).canEditCatalogue)
        XCTAssertFalse(Permissions([.technician]).isStaff)
        XCTAssertTrue(Permissions([.courseAdmin]).canScheduleRuns)
        XCTAssertFalse(Permissions([.courseAdmin]).canManageAccounts)
    }

    func testScopedRolesNeedTheirPlace() {
        XCTAssertEqual(RoleRules.scopeErrors(roles: [], hasCentre: false, organisationKind: nil).map(\.field), ["roles"])
        XCTAssertEqual(RoleRules.scopeErrors(roles: [.centreCoordinator], hasCentre: false, organisationKind: nil).map(\.field), ["centreId"])
        XCTAssertEqual(RoleRules.scopeErrors(roles: [.centreCoordinator], hasCentre: true, organisationKind: nil), [])
        XCTAssertEqual(RoleRules.scopeErrors(roles: [.laManager], hasCentre: false, organisationKind: .memberBody).map(\.field), ["organisationId"])
        XCTAssertEqual(RoleRules.scopeErrors(roles: [.laManager], hasCentre: false, organisationKind: .localAuthority), [])
        XCTAssertEqual(RoleRules.scopeErrors(roles: [.technician], hasCentre: false, organisationKind: nil), [])
    }

    func testThrottleWaitsGrowWithEachFailurePastTheAllowance() {
        let throttle = SignInThrottle()
        XCTAssertEqual(throttle.wait(afterFailures: 4, allowance: 5), 0)
        XCTAssertEqual(throttle.wait(afterFailures: 5, allowance: 5), 30)
        XCTAssertEqual(throttle.wait(afterFailures: 6, allowance: 5), 60)
        XCTAssertEqual(throttle.wait(afterFailures: 8, allowance: 5), 240)
        XCTAssertEqual(throttle.wait(afterFailures: 500, allowance: 5), 15 * 60, "capped, and no overflow")
    }

    func testAnAttackersFailuresDoNotLockTheOwnerOutOfTheirUsualContext() {
        let throttle = SignInThrottle()
        let now = Date(timeIntervalSince1970: 1_000_000)
        // Thirty wrong passwords for one account from an attacker's address, a second apart.
        let attack = (0..<30).map { SignInThrottle.Failure(at: now.addingTimeInterval(Double($0) - 30), address: "203.0.113.9") }
        let attacker = SignInThrottle.Context(address: "203.0.113.9")
        XCTAssertNotNil(throttle.retryAfter(account: attack, address: attack.map(\.at), context: attacker, now: now),
                        "the attacker waits")
        let owner = SignInThrottle.Context(address: "198.51.100.7", trustedDevice: "device-digest")
        XCTAssertNil(throttle.retryAfter(account: attack, address: [], context: owner, now: now), "the owner's browser does not")
        let ownerAtSchool = SignInThrottle.Context(address: "198.51.100.7", knownAddress: true)
        XCTAssertNil(throttle.retryAfter(account: attack, address: [], context: ownerAtSchool, now: now), "nor the owner's usual address")
        let stranger = SignInThrottle.Context(address: "192.0.2.1")
        XCTAssertNotNil(throttle.retryAfter(account: attack, address: [], context: stranger, now: now),
                        "an unknown context is slowed once the account has many failures")
    }

    func testTheOwnersOwnMistakesAreCountedInTheirContext() {
        let throttle = SignInThrottle()
        let now = Date(timeIntervalSince1970: 1_000_000)
        let mine = (0..<5).map { SignInThrottle.Failure(at: now.addingTimeInterval(Double($0) - 5), address: "198.51.100.7", device: "d") }
        let context = SignInThrottle.Context(address: "198.51.100.7", trustedDevice: "d")
        XCTAssertEqual(throttle.retryAfter(account: mine, address: [], context: context, now: now), mine.last!.at.addingTimeInterval(30))
        XCTAssertNil(throttle.retryAfter(account: Array(mine.prefix(4)), address: [], context: context, now: now))
        XCTAssertNil(throttle.retryAfter(account: mine, address: [], context: context, now: now.addingTimeInterval(3 * 3600)), "forgotten after the window")
    }

    func testASchoolBehindOneAddressIsNotShutOut() {
        let throttle = SignInThrottle()
        let now = Date(timeIntervalSince1970: 1_000_000)
        let schoolFailures = (0..<60).map { now.addingTimeInterval(Double($0) * 10 - 1200) }
        XCTAssertNil(throttle.retryAfter(account: [], address: schoolFailures, context: .init(address: "school"), now: now))
        let flood = (0..<150).map { now.addingTimeInterval(Double($0) - 150) }
        XCTAssertNotNil(throttle.retryAfter(account: [], address: flood, context: .init(address: "school"), now: now))
        XCTAssertNil(throttle.retryAfter(account: [], address: flood, context: .init(address: "school", knownAddress: true), now: now),
                     "a flood from the school's address does not shut out the people who work there")
    }

    func testPasswordsMustBeLongAndNotCommon() {
        XCTAssertNotNil(PasswordRule.check("Password12"), "ten characters is too short now")
        XCTAssertNotNil(PasswordRule.check("Summer2026!"))
        XCTAssertNotNil(PasswordRule.check("Summer2026!!!"), "a common word with digits and symbols round it")
        XCTAssertNotNil(PasswordRule.check("password1234"))
        XCTAssertNotNil(PasswordRule.check("qwertyuiop12"))
        XCTAssertNotNil(PasswordRule.check("1q2w3e4r5t6y"), "straight from the list")
        XCTAssertNil(PasswordRule.check("pipette burette flask"))
        XCTAssertGreaterThan(PasswordRule.common.count, 30_000)
    }

    func testOptionalEmailChoicesKeepWhatTheFormCouldNotShow() {
        // A technician unticks reminders: only that is opted out.
        XCTAssertEqual(OptionalEmail.optOuts(wanted: [.evaluationInvitations, .communityNotifications], roles: [.technician], current: []), [.expiryReminders])
        // A former admin who had turned the digest off keeps that choice, though the form
        // no longer offers the digest to them.
        XCTAssertEqual(OptionalEmail.optOuts(wanted: [.expiryReminders, .evaluationInvitations, .communityNotifications], roles: [.technician],
                                             current: [.registrationDigest, .expiryReminders]), [.registrationDigest])
        // An admin ticking everything opts out of nothing.
        XCTAssertEqual(OptionalEmail.optOuts(wanted: Set(OptionalEmail.allCases), roles: [.admin], current: [.registrationDigest]), [])
        XCTAssertFalse(OptionalEmail.registrationDigest.isOffered(to: [.technician, .courseAdmin]))
    }

    func testOptionalEmailStorageIsSortedAndDropsUnknownWords() {
        XCTAssertEqual(OptionalEmail.encode([.registrationDigest, .expiryReminders]), "expiry_reminders,registration_digest")
        XCTAssertEqual(OptionalEmail.decode("registration_digest,newsletter,,expiry_reminders"), [.registrationDigest, .expiryReminders])
        XCTAssertEqual(OptionalEmail.decode(nil), [])
        XCTAssertEqual(OptionalEmail.encode([]), "")
    }
}
