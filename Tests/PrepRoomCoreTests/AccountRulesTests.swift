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
}

final class SchedulingRulesTests: XCTestCase {
    let centre = UUID(), other = UUID()

    func standing(_ id: UUID, _ status: CentreStatus = .approved, approved: Bool = true) -> SchedulingRules.CentreStanding {
        SchedulingRules.CentreStanding(id: id, name: "Forth Valley College", status: status, approvedForCourse: approved)
    }

    func decide(_ roles: [Role], own: UUID?, centre: SchedulingRules.CentreStanding?, deliverable: Bool = true) -> SchedulingRules.Decision {
        SchedulingRules.maySchedule(Permissions(roles), ownCentre: own, centre: centre, courseTitle: "Chemical Handling", centreDeliverable: deliverable)
    }

    func testCourseAdminsScheduleForTheServiceAndForCentresApprovedForTheCourse() {
        XCTAssertEqual(decide([.courseAdmin], own: nil, centre: nil, deliverable: false), .allowed)
        XCTAssertEqual(decide([.courseAdmin], own: nil, centre: standing(centre)), .allowed)
        guard case .forbidden = decide([.courseAdmin], own: nil, centre: standing(centre), deliverable: false) else { return XCTFail("not deliverable") }
        guard case .forbidden = decide([.courseAdmin], own: nil, centre: standing(centre, approved: false)) else { return XCTFail("not approved") }
    }

    func testCoordinatorsScheduleForTheirOwnApprovedCentreAndItsApprovedCoursesOnly() {
        XCTAssertEqual(decide([.centreCoordinator], own: centre, centre: standing(centre)), .allowed)
        guard case .forbidden(let other) = decide([.centreCoordinator], own: centre, centre: standing(self.other)) else { return XCTFail() }
        XCTAssertTrue(other.contains("own centre"))
        guard case .forbidden = decide([.centreCoordinator], own: centre, centre: nil) else { return XCTFail("the service's own runs") }
        guard case .forbidden(let unapproved) = decide([.centreCoordinator], own: centre, centre: standing(centre, approved: false)) else { return XCTFail() }
        XCTAssertTrue(unapproved.contains("not approved to deliver Chemical Handling"), unapproved)
        guard case .forbidden = decide([.technician], own: nil, centre: nil) else { return XCTFail("technicians") }
    }

    func testASuspendedOrUnapprovedCentreMeetsAConflictWhateverTheCourse() {
        for status in [CentreStatus.suspended, .applicant, .withdrawn] {
            guard case .conflict(let message) = decide([.centreCoordinator], own: centre, centre: standing(centre, status)) else {
                return XCTFail("\(status)")
            }
            XCTAssertTrue(message.contains(status.rawValue))
            guard case .conflict = decide([.centreCoordinator], own: centre, centre: standing(centre, status, approved: false)) else {
                return XCTFail("the centre's state is the first thing said")
            }
        }
    }

    func testCapacityCannotDropBelowConfirmedPlaces() {
        XCTAssertEqual(SchedulingRules.validateChange(newCapacity: 10, confirmed: 12).map(\.field), ["capacity"])
        XCTAssertEqual(SchedulingRules.validateChange(newCapacity: 12, confirmed: 12), [])
    }
}

final class SharedRulesTests: XCTestCase {
    func testSlugs() {
        XCTAssertEqual(Slug.make("Safe Use of Fixed Workshop Machinery!"), "safe-use-of-fixed-workshop-machinery")
        XCTAssertTrue(Slug.isValid("chemical-handling"))
        XCTAssertFalse(Slug.isValid("Chemical Handling"))
        XCTAssertFalse(Slug.isValid("-x"))
    }

    func testPaginationNeverOverflows() {
        let huge = Pagination(page: Int.max, perPage: 50)
        XCTAssertEqual(huge.offset, Pagination.maxOffset / 50 * 50)
        XCTAssertEqual(Pagination(page: Int.min).offset, 0)
        XCTAssertEqual(Pagination(offset: Int.max, limit: Int.max).offset, Pagination.maxOffset)
        XCTAssertTrue(Pagination(offset: Int.max, limit: Int.max).hasNext(total: Int.max), "no overflow in offset + limit")
    }

    func testImpossibleTimesAreRefusedNotRolledOver() {
        XCTAssertNil(ServiceTime.parseISO8601("2026-02-30T10:00:00Z"))
        XCTAssertNil(ServiceTime.parseISO8601("0001-03-10T09:30:00Z"), "outside the years the service takes")
        XCTAssertNil(ServiceTime.parseISO8601("2027-03-10T24:00:00Z"))
        XCTAssertNil(ServiceTime.parseISO8601("2027-03-10T09:30:00"), "no zone")
        XCTAssertNil(ServiceTime.parseISO8601("2027-3-10T09:30:00Z"))
        XCTAssertEqual(ServiceTime.parseISO8601("2028-02-29T09:30:00Z")?.timeIntervalSince1970, 1_835_429_400)
        XCTAssertEqual(ServiceTime.parseISO8601("2027-03-10T10:30:00+01:00"), ServiceTime.parseISO8601("2027-03-10T09:30:00Z"))
        XCTAssertEqual(ServiceTime.parseISO8601("2027-03-10T09:30:00.500Z")?.timeIntervalSince1970, 1_804_671_000.5)
        XCTAssertNil(ServiceTime.parseDay("2027-02-29"))
        XCTAssertNotNil(ServiceTime.parseDay("2028-02-29"))
        XCTAssertNil(ServiceTime.parseLocalInput("2027-04-31T09:30"))
        XCTAssertNil(ServiceTime.parseLocalInput("2027-03-28T01:30"), "the hour the clocks skip in London")
        XCTAssertNil(ServiceTime.parseMonthKey("0001-01"))
    }

    func testPaginationClampsAndCounts() {
        let page = Pagination(offset: -5, limit: 1000)
        XCTAssertEqual(page.offset, 0)
        XCTAssertEqual(page.limit, Pagination.maxPerPage)
        let second = Pagination(page: 2, perPage: 20)
        XCTAssertEqual(second.offset, 20)
        XCTAssertEqual(second.pageCount(total: 41), 3)
        XCTAssertTrue(second.hasNext(total: 41))
        XCTAssertFalse(second.hasNext(total: 40))
    }

    func testLondonTimesRoundTripAcrossSummerTime() {
        let september = ServiceTime.london(2024, 9, 3, 9, 30)
        XCTAssertEqual(september.timeIntervalSince1970, 1_725_352_200, "09:30 BST is 08:30 UTC")
        XCTAssertEqual(ServiceTime.parseLocalInput("2024-09-03T09:30"), september)
        XCTAssertEqual(ServiceTime.localInputValue(september), "2024-09-03T09:30")
        XCTAssertEqual(ServiceTime.monthKey(ServiceTime.london(2027, 3, 1)), "2027-03")
        XCTAssertNil(ServiceTime.parseMonthKey("2027-13"))
    }

    func testICalendarFeedEscapesFoldsAndUsesUTC() {
        let start = ServiceTime.london(2024, 9, 3, 9, 30)
        let feed = ICalendar.feed(name: "Runs", events: [
            ICalendar.Event(uid: "a@preproom", start: start, end: start.addingTimeInterval(3600),
                            summary: "Chemical Handling; day 1, of 2", location: String(repeating: "Dunfermline ", count: 10)),
        ], stamp: start)
        XCTAssertTrue(feed.contains("DTSTART:20240903T083000Z\r\n"))
        XCTAssertTrue(feed.contains("SUMMARY:Chemical Handling\\; day 1\\, of 2\r\n"))
        XCTAssertTrue(feed.hasSuffix("END:VCALENDAR\r\n"))
        XCTAssertTrue(feed.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 }, "long lines are folded")
        XCTAssertTrue(feed.contains("\r\n Dunfermline") || feed.contains("\r\n unfermline") || feed.contains("\r\n "))
    }
}

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
