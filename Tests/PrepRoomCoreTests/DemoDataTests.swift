import Foundation
import XCTest
@testable import PrepRoomCore

final class DemoDataTests: XCTestCase {
    private var courseByCode: [String: CourseFacts] {
        Dictionary(uniqueKeysWithValues: DemoData.courses.map { ($0.code, $0) })
    }

    // MARK: Organisations and centres

    func testThirtyTwoLocalAuthoritiesAndTwoMemberBodiesWithUniqueNames() {
        let organisations = DemoData.organisations
        XCTAssertEqual(organisations.filter { $0.kind == .localAuthority }.count, 32)
        XCTAssertEqual(organisations.filter { $0.kind == .memberBody }.count, 2)
        XCTAssertEqual(Set(organisations.map(\.name)).count, organisations.count, "organisation names must be unique")
        let names = Set(organisations.map(\.name))
        for name in ["Aberdeen City Council", "Comhairle nan Eilean Siar", "City of Edinburgh Council",
                     "Scottish Council of Independent Schools (SCIS)", "Jordanhill School"] {
            XCTAssertTrue(names.contains(name), "missing \(name)")
        }
    }

    func testEightApprovedAndFourApplicantCentresEachInAKnownLocalAuthority() {
        let centres = DemoData.centres
        XCTAssertEqual(centres.filter { $0.status == .approved }.count, 8)
        XCTAssertEqual(centres.filter { $0.status == .applicant }.count, 4)
        XCTAssertEqual(centres.count, 12)
        XCTAssertEqual(Set(centres.map(\.name)).count, centres.count, "centre names must be unique")
        let authorities = Set(DemoData.organisations.filter { $0.kind == .localAuthority }.map(\.name))
        for centre in centres {
            XCTAssertTrue(authorities.contains(centre.localAuthority), "\(centre.name): unknown LA \(centre.localAuthority)")
            XCTAssertFalse(centre.venue.trimmingCharacters(in: .whitespaces).isEmpty, "\(centre.name) has no venue")
        }
        let colleges = centres.filter { $0.kind == .college }.map(\.name)
        XCTAssertEqual(Set(colleges), ["North East Scotland College", "Forth Valley College", "West College Scotland"])
    }

    // MARK: Courses

    func testEveryCoursePassesTheCourseRulesWithUniqueValidCodes() {
        let codes = DemoData.courses.map(\.code)
        XCTAssertEqual(Set(codes).count, codes.count, "course codes must be unique")
        for course in DemoData.courses {
            XCTAssertTrue(Slug.isValid(course.code), "\(course.code) is not a valid slug")
            XCTAssertEqual(CourseRules.validate(course, knownCodes: Set(codes)), [], course.code)
            XCTAssertFalse(course.covers.isEmpty, "\(course.code) says nothing about what it covers")
        }
    }

    func testAtLeastTwelveCertificatedCoursesAllWithLevelAndCredits() {
        let certificated = DemoData.courses.filter(\.certificated)
        XCTAssertGreaterThanOrEqual(certificated.count, 12)
        for course in certificated {
            XCTAssertNotNil(course.scqfLevel, "\(course.code) has no SCQF level")
            XCTAssertNotNil(course.scqfCredits, "\(course.code) has no SCQF credits")
            XCTAssertTrue(course.assessed, "\(course.code) is certificated but not assessed")
        }
        // The annual report: 12 credit-rated courses that Accredited Centres may deliver.
        let deliverable = DemoData.courses.filter(\.centreDeliverable)
        XCTAssertEqual(deliverable.count, 12)
        XCTAssertTrue(deliverable.allSatisfy { $0.certificated && $0.audiences.contains(.technician) })
    }

    func testNamedCoursesAreAsTheTextsDescribeThem() throws {
        let courses = courseByCode
        XCTAssertEqual(courses["chemical-handling"]?.title, "Chemical Handling")
        XCTAssertEqual(courses["microbiology-level-3"]?.competence, "Level 3")
        XCTAssertEqual(courses["introductory-chemistry-for-technicians"]?.format, .selfStudy)
        let bandsaw = try XCTUnwrap(courses["safe-operation-training-for-bandsaw-pillar-drill-and-bandfacer"])
        XCTAssertEqual(bandsaw.title, "Safe Operation Training for Bandsaw, Pillar drill and Bandfacer")
        XCTAssertEqual(bandsaw.durationDays, 2)
        XCTAssertEqual(bandsaw.covers, ["Health and safety awareness", "Bandsaw", "Pillar drill", "Bandfacer", "Extraction"])
        XCTAssertEqual(courses["investigations-for-advanced-higher-biology"]?.durationDays, 3)
        XCTAssertEqual(courses["science-probationers-residential"]?.format, .residential)
        XCTAssertEqual(courses["technician-sserc-meets"]?.format, .onlineLive)
    }

    func testTheOnlyRefresherIsTheWorkshopMachineryRefresher() {
        let courses = courseByCode
        for course in DemoData.courses {
            if let parent = course.refresherOf {
                XCTAssertNotNil(courses[parent], "\(course.code) refreshes unknown \(parent)")
            }
        }
        let refreshers = DemoData.courses.filter { $0.refresherOf != nil }
        XCTAssertEqual(refreshers.map(\.code), ["safe-use-of-fixed-workshop-machinery-refresher"])
        XCTAssertEqual(refreshers.first?.refresherOf, "safe-use-of-fixed-workshop-machinery")
    }

    // MARK: Runs

    func testEveryRunIsOfAKnownCourseAndPassesTheRunRules() {
        let courses = courseByCode
        XCTAssertFalse(DemoData.runs.isEmpty)
        for run in DemoData.runs {
            let course = courses[run.plan.courseCode]
            XCTAssertNotNil(course, "run of unknown course \(run.plan.courseCode)")
            XCTAssertEqual(RunRules.validate(run.plan, format: course?.format), [],
                           "\(run.plan.courseCode) starting \(run.plan.startsAt.map(ServiceTime.day) ?? "?")")
            if course?.format.isOnline == true {
                XCTAssertTrue(run.plan.onlineLink?.hasPrefix("https://") == true, "\(run.plan.courseCode) needs an https link")
            }
        }
    }

    func testSessionsAreOnePerDayWithinOneLondonDay() {
        let calendar = ServiceTime.calendar
        for run in DemoData.runs {
            var days = Set<DateComponents>()
            for session in run.plan.sessions {
                let day = calendar.dateComponents([.year, .month, .day], from: session.start)
                XCTAssertEqual(day, calendar.dateComponents([.year, .month, .day], from: session.end),
                               "\(run.plan.courseCode): a session runs past midnight")
                XCTAssertTrue(days.insert(day).inserted, "\(run.plan.courseCode): two sessions on one day")
            }
        }
    }

    func testCentreRunsAreAtKnownApprovedCentresAndTheirVenues() {
        let approved = Dictionary(uniqueKeysWithValues: DemoData.centres.filter { $0.status == .approved }.map { ($0.name, $0) })
        let centreRuns = DemoData.runs.filter { $0.centre != nil }
        XCTAssertFalse(centreRuns.isEmpty)
        for run in centreRuns {
            let centre = approved[run.centre!]
            XCTAssertNotNil(centre, "\(run.centre!) is not an approved centre")
            XCTAssertEqual(run.plan.venue, centre?.venue)
            let course = DemoData.courses.first { $0.code == run.plan.courseCode }
            XCTAssertEqual(course?.centreDeliverable, true, "\(run.plan.courseCode) may not be delivered by centres")
        }
    }

    func testThe2024TechnicianCalendarIsAsPublished() throws {
        func run(_ code: String, startingOn y: Int, _ m: Int, _ d: Int) -> DemoRun? {
            DemoData.runs.first { $0.plan.courseCode == code && $0.plan.startsAt == ServiceTime.london(y, m, d, 9, 30) }
        }
        let refresher = "safe-use-of-fixed-workshop-machinery-refresher"
        XCTAssertEqual(run(refresher, startingOn: 2024, 6, 5)?.plan.sessions.count, 1)
        XCTAssertEqual(run("chemical-handling", startingOn: 2024, 9, 3)?.plan.sessions.count, 2)
        XCTAssertEqual(run("electrical-safety-and-pat", startingOn: 2024, 9, 5)?.plan.sessions.count, 2)
        XCTAssertEqual(run("safe-use-of-fixed-workshop-machinery", startingOn: 2024, 9, 11)?.plan.sessions.count, 2)
        XCTAssertEqual(run("intermediate-physics", startingOn: 2024, 11, 20)?.plan.sessions.count, 2)
        XCTAssertEqual(run(refresher, startingOn: 2024, 12, 11)?.plan.sessions.count, 1)
        let maintenance = try XCTUnwrap(run("maintenance-of-fixed-workshop-machinery", startingOn: 2025, 3, 5))
        XCTAssertEqual(maintenance.plan.endsAt, ServiceTime.london(2025, 3, 6, 15, 30))
        XCTAssertEqual(maintenance.plan.venue, "SSERC, 2 Pitreavie Court, Dunfermline")
        // 09:30 in London is 08:30 UTC in September (BST): the dates are wall-clock time.
        let september = try XCTUnwrap(run("chemical-handling", startingOn: 2024, 9, 3)?.plan.startsAt)
        XCTAssertEqual(september.timeIntervalSince1970, 1_725_352_200)
    }

    func testCohortsAreScheduledAsTheReportStates() {
        let bge = DemoData.runs.filter { $0.plan.courseCode == "bge-biology-chemistry-physics-for-non-specialists" }
        XCTAssertEqual(bge.map(\.plan.cohort), ["Cohort 1 of 3", "Cohort 2 of 3", "Cohort 3 of 3"])
        XCTAssertTrue(bge.allSatisfy { $0.plan.capacity == 16 })
        let probationers = DemoData.runs.filter { $0.plan.courseCode == "science-probationers-residential" }
        XCTAssertEqual(probationers.count, 5)
        XCTAssertTrue(probationers.allSatisfy { $0.plan.capacity == 30 })
        let meets = DemoData.runs.first { $0.plan.courseCode == "biology-sserc-meets" }
        XCTAssertEqual(meets?.plan.sessions.count, 5)
        XCTAssertEqual(meets?.plan.capacity, 20)
        XCTAssertEqual(meets?.plan.sessions.first.map { ServiceTime.clock($0.start) }, "16:00")
    }

    func testThereArePastRunsAndAnUpcomingCalendarWhateverDayItIsLoaded() {
        let day: TimeInterval = 86_400
        for today in [Date(), Date().addingTimeInterval(200 * day), Date().addingTimeInterval(730 * day), Date().addingTimeInterval(3_650 * day)] {
            checkCalendar(loadedOn: today)
        }
    }

    private func checkCalendar(loadedOn today: Date) {
        let runs = DemoData.runs(loadedOn: today)
        let when = ServiceTime.day(today)
        XCTAssertTrue(runs.contains { $0.plan.startsAt! < ServiceTime.london(2025, 1, 1) }, "the dated history stays")
        let upcoming = runs.filter { $0.plan.startsAt! > today }
        XCTAssertGreaterThanOrEqual(upcoming.count, 10, when)
        XCTAssertGreaterThanOrEqual(upcoming.filter { $0.plan.courseCode == "chemical-handling" }.count, 2, when)
        XCTAssertTrue(upcoming.contains { $0.plan.courseCode == "technician-sserc-meets" }, when)
        XCTAssertTrue((2...3).contains(upcoming.filter { $0.centre != nil }.count), when)
        for run in upcoming {
            XCTAssertNotNil(run.plan.bookingOpensAt, "\(run.plan.courseCode) has no booking opening")
            XCTAssertNotNil(run.plan.bookingClosesAt, "\(run.plan.courseCode) has no booking close")
            if let opens = run.plan.bookingOpensAt, let closes = run.plan.bookingClosesAt {
                XCTAssertLessThan(opens, closes)
                XCTAssertLessThan(closes, run.plan.startsAt!)
            }
        }
        // Some upcoming run is bookable on the day it is loaded, and some opens later.
        XCTAssertTrue(upcoming.contains {
            RunRules.bookingIsOpen(status: .scheduled, opensAt: $0.plan.bookingOpensAt, closesAt: $0.plan.bookingClosesAt,
                                   startsAt: $0.plan.startsAt!, now: today)
        }, when)
        XCTAssertTrue(upcoming.contains { ($0.plan.bookingOpensAt ?? today) > today }, when)
    }

    // MARK: Strategy

    func testObjectivesAreT1ToT10AsFigureOneHasThem() {
        let objectives = DemoData.objectives
        XCTAssertEqual(objectives.map(\.code), (1...10).map { "T\($0)" })
        XCTAssertTrue(objectives.allSatisfy { $0.workstream == "Technicians" && $0.lead == "Alastair MacGregor and Alan Purves" })
        XCTAssertTrue(objectives.prefix(8).allSatisfy { $0.status == .onTrack })
        XCTAssertEqual(objectives[8].status, .started)
        XCTAssertEqual(objectives[9].status, .notStarted)
        XCTAssertTrue(objectives.prefix(9).allSatisfy { $0.horizon == .mediumTerm })
        XCTAssertEqual(objectives[9].horizon, .longTerm)
        XCTAssertEqual(objectives[1].title, "Deliver a range of twilight Technician SSERC Meets professional learning sessions")
        XCTAssertEqual(objectives[9].title, "Develop a National School Technician Diploma with SCQF Credit and Levelled provision.")
    }
}
