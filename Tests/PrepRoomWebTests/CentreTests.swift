import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// A centre that applies, is approved for one course, schedules, delivers and is verified.
struct CentreFixture {
    let app: Application
    let admin: String
    let coordinator: String
    let coordinatorUser: User
    let centreID: UUID

    /// An applicant applies through the API and a course admin approves it, with
    /// `chemical-handling` from a year ago.
    static func make(_ app: Application, approveCourse: Bool = true) async throws -> CentreFixture {
        let admin = try await token(app, role: .courseAdmin)
        let applicant = try await makeUser(app, email: "coordinator@fife.example", role: .technician)
        let coordinator = try await Tokens.issue(for: applicant, on: app.db)
        let fife = try #require(try await Organisation.query(on: app.db).filter(\.$name == "Fife Council").first())
        let applied = try await app.testing().sendRequest(.POST, "/api/v1/centres", headers: .json(bearer: coordinator), body: jsonBody([
            "name": "Fife Science Centre", "kind": "council", "localAuthorityId": try fife.requireID().uuidString,
            "contactName": "Test Technician", "contactEmail": "coordinator@fife.example",
            "venues": ["Fife Science Centre, Glenrothes"], "statement": "We have two prep rooms and a trained team for chemical handling.",
        ]))
        #expect(applied.status == .created, "\(applied.text)")
        let centreID = try #require(UUID(uuidString: try applied.json()["id"] as? String ?? ""))
        let approved = try await app.testing().sendRequest(.POST, "/api/v1/centres/\(centreID)/status", headers: .json(bearer: admin),
                                                           body: jsonBody(["status": "approved"]))
        #expect(approved.status == .ok, "\(approved.text)")
        if approveCourse {
            let granted = try await app.testing().sendRequest(.POST, "/api/v1/centres/\(centreID)/approvals", headers: .json(bearer: admin),
                                                              body: jsonBody(["courseCode": "chemical-handling", "from": ServiceTime.isoDay(Date().addingTimeInterval(-365 * 86_400))]))
            #expect(granted.status == .created, "\(granted.text)")
        }
        let user = try #require(try await User.find(applicant.requireID(), on: app.db))
        return CentreFixture(app: app, admin: admin, coordinator: coordinator, coordinatorUser: user, centreID: centreID)
    }

    func schedule(_ code: String = "chemical-handling", as token: String? = nil, centre: UUID? = nil, days: Double = 20) async throws -> TestingHTTPResponse {
        let start = Date().addingTimeInterval(days * 86_400)
        return try await app.testing().sendRequest(.POST, "/api/v1/runs", headers: .json(bearer: token ?? coordinator), body: jsonBody([
            "courseCode": code, "capacity": 16, "venue": "Fife Science Centre, Glenrothes", "centreId": (centre ?? centreID).uuidString,
            "sessions": [["start": ISO8601DateFormatter().string(from: start), "end": ISO8601DateFormatter().string(from: start.addingTimeInterval(6 * 3600))]],
        ]))
    }

    /// A delivered run of this centre: `delegates` enrolled, attended and passed, run moved into the past.
    func deliveredRun(delegates: Int, prefix: String = "delegate") async throws -> Run {
        let created = try await schedule()
        #expect(created.status == .created, "\(created.text)")
        let run = try #require(try await Run.find(UUID(uuidString: try created.json()["id"] as? String ?? ""), on: app.db))
        let runID = try run.requireID()
        for member in try await makeMembers(app, count: delegates, prefix: prefix) {
            let enrolled = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/enrolments", headers: .json(bearer: coordinator),
                                                               body: jsonBody(["email": member.user.email]))
            #expect(enrolled.status == .created, "\(enrolled.text)")
            let bookingID = try #require(try enrolled.json()["id"] as? String)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/attendance", headers: .json(bearer: coordinator),
                                                        body: jsonBody(["bookingId": bookingID, "session": 0, "present": true])).status == .ok)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/results", headers: .json(bearer: coordinator),
                                                        body: jsonBody(["bookingId": bookingID, "outcome": "passed"])).status == .ok)
        }
        try await moveIntoThePast(app, run: run)
        return run
    }

    func close(_ run: Run) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "/api/v1/runs/\(try run.requireID())/close", headers: .bearer(coordinator))
    }

    func decide(_ run: Run, _ outcome: String, as token: String, extra: [String: String] = [:]) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "/api/v1/runs/\(try run.requireID())/verification", headers: .json(bearer: token),
                                            body: jsonBody(["outcome": outcome, "notes": "Evidence reviewed"].merging(extra) { $1 }))
    }
}

@Suite("Accredited Centres: applying, approval and scheduling")
struct CentreTests {
    @Test func anApprovedApplicantsCoordinatorSchedulesOnlyApprovedCourses() async throws {
        try await withPrepRoom(seed: true) { app in
            let centre = try await CentreFixture.make(app)
            #expect(centre.coordinatorUser.roles.contains(.centreCoordinator), "the applicant becomes the coordinator")
            #expect(centre.coordinatorUser.$centre.id == centre.centreID)
            let detail = try await app.testing().sendRequest(.GET, "/api/v1/centres/\(centre.centreID)").json()
            #expect((detail["history"] as? [[String: Any]])?.map { $0["to"] as? String } == ["applicant", "approved"])
            #expect((detail["approvals"] as? [[String: Any]])?.first?["courseCode"] as? String == "chemical-handling")

            #expect(try await centre.schedule().status == .created)
            let runsBefore = try await Run.query(on: app.db).count()
            let unapproved = try await centre.schedule("electrical-safety-and-pat")
            #expect(unapproved.status == .forbidden)
            #expect((try unapproved.apiError()["message"] as? String)?.contains("not approved to deliver Electrical Safety") == true, "\(unapproved.text)")
            let forth = try #require(try await Centre.query(on: app.db).filter(\.$name == "Forth Valley College").first())
            let other = try await centre.schedule(centre: try forth.requireID())
            #expect(other.status == .forbidden)
            #expect((try other.apiError()["message"] as? String)?.contains("own centre") == true)

            let suspended = try await app.testing().sendRequest(.POST, "/api/v1/centres/\(centre.centreID)/status", headers: .json(bearer: centre.admin),
                                                                body: jsonBody(["status": "suspended", "reason": "Verification actions overdue"]))
            #expect(suspended.status == .ok)
            let whileSuspended = try await centre.schedule()
            #expect(whileSuspended.status == .conflict)
            #expect(try whileSuspended.apiError()["code"] as? String == "centre_not_operating")
            #expect(try await Run.query(on: app.db).count() == runsBefore, "refusals changed nothing")
            let audit = try await AuditEntry.query(on: app.db).all().map(\.action)
            for action in ["centre.applied", "centre.approved", "centre.course_approved", "centre.suspended"] { #expect(audit.contains(action)) }
        }
    }

    @Test func approvalsOnlyForCentreCoursesAndStatusChangesFollowTheRules() async throws {
        try await withPrepRoom(seed: true) { app in
            let centre = try await CentreFixture.make(app)
            let notDeliverable = try #require(try await Course.query(on: app.db).filter(\.$centreDeliverable == false).first())
            let refused = try await app.testing().sendRequest(.POST, "/api/v1/centres/\(centre.centreID)/approvals", headers: .json(bearer: centre.admin),
                                                              body: jsonBody(["courseCode": notDeliverable.code]))
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.apiError()["field"] as? String == "courseCode")
            let twice = try await app.testing().sendRequest(.POST, "/api/v1/centres/\(centre.centreID)/approvals", headers: .json(bearer: centre.admin),
                                                            body: jsonBody(["courseCode": "chemical-handling"]))
            #expect(twice.status == .conflict)
            let byCoordinator = try await app.testing().sendRequest(.POST, "/api/v1/centres/\(centre.centreID)/approvals", headers: .json(bearer: centre.coordinator),
                                                                    body: jsonBody(["courseCode": "electrical-safety-and-pat"]))
            #expect(byCoordinator.status == .forbidden)
            let noReason = try await app.testing().sendRequest(.POST, "/api/v1/centres/\(centre.centreID)/status", headers: .json(bearer: centre.admin),
                                                               body: jsonBody(["status": "withdrawn"]))
            #expect(noReason.status == .unprocessableEntity)
            #expect(try noReason.apiError()["field"] as? String == "reason")
            let highland = try #require(try await Centre.query(on: app.db).filter(\.$name == "Highland Council").first())
            let backwards = try await app.testing().sendRequest(.POST, "/api/v1/centres/\(try highland.requireID())/status", headers: .json(bearer: centre.admin),
                                                                body: jsonBody(["status": "suspended", "reason": "x"]))
            #expect(backwards.status == .conflict)
            #expect(try await CentreStore.approvals(of: centre.centreID, on: app.db).count == 1)
            #expect(try await Centre.find(highland.requireID(), on: app.db)?.status == .applicant)
            let withdrawn = try await app.testing().sendRequest(.DELETE, "/api/v1/centres/\(centre.centreID)/approvals/chemical-handling",
                                                                headers: .json(bearer: centre.admin), body: jsonBody(["reason": "No trained tutor"]))
            #expect(withdrawn.status == .ok)
            #expect(try await centre.schedule().status == .forbidden, "a withdrawn approval no longer covers new runs")
        }
    }

    @Test func theDemoHoldsEightOperatingCentresWithApprovalsAndFourApplicants() async throws {
        try await withPrepRoom(seed: true) { app in
            let approved = try await Centre.query(on: app.db).filter(\.$status == .approved).all()
            #expect(approved.count == 8)
            #expect(try await Centre.query(on: app.db).filter(\.$status == .applicant).count() == 4)
            #expect(try await CentreApproval.query(on: app.db).count() == 8 * 12)
            #expect(try await CentreVenue.query(on: app.db).count() == 12)
        }
    }
}

@Suite("External verification of centres' deliveries")
struct VerificationTests {
    @Test func aFirstDeliveryIsVerifiedBeforeCertificatesWhichThenNameTheCentre() async throws {
        try await withPrepRoom(seed: true) { app in
            let centre = try await CentreFixture.make(app)
            let run = try await centre.deliveredRun(delegates: 2)
            let verifier = try await token(app, role: .verifier)
            let early = try await centre.decide(run, "accepted", as: verifier)
            #expect(early.status == .conflict, "nothing to verify before results are submitted")

            let closed = try await centre.close(run).json()
            #expect(closed["completed"] as? Int == 2)
            #expect(closed["certificatesIssued"] as? Int == 0)
            let verification = try #require(closed["verification"] as? [String: Any])
            #expect(verification["selected"] as? Bool == true)
            #expect((verification["reasons"] as? [String])?.contains("first_delivery") == true)
            #expect(try await Certificate.query(on: app.db).count() == 0)
            #expect(try await centre.close(run).status == .conflict, "results submitted twice")

            let insider = try await makeUser(app, email: "verifier@fife.example", role: .verifier, centreID: centre.centreID)
            let own = try await centre.decide(run, "accepted", as: try await Tokens.issue(for: insider, on: app.db))
            #expect(own.status == .forbidden)
            let noRecommendations = try await centre.decide(run, "accepted_with_recommendations", as: verifier)
            #expect(noRecommendations.status == .unprocessableEntity)
            #expect(try await Certificate.query(on: app.db).count() == 0)

            let accepted = try await centre.decide(run, "accepted_with_recommendations", as: verifier, extra: ["recommendations": "Keep the COSHH sheets with the register"])
            #expect(accepted.status == .ok, "\(accepted.text)")
            #expect(try accepted.json()["certificatesIssued"] as? Int == 2)
            #expect(try await centre.decide(run, "accepted", as: verifier).status == .conflict, "decided once")
            let certificate = try #require(try await Certificate.query(on: app.db).first())
            let verified = try await app.testing().sendRequest(.GET, "/api/v1/certificates/\(certificate.number)").json()
            #expect(verified["centreName"] as? String == "Fife Science Centre")
            #expect(verified["valid"] as? Bool == true)
            let stored = try await app.testing().sendRequest(.GET, "/api/v1/runs/\(try run.requireID())/verification", headers: .bearer(centre.coordinator)).json()
            #expect(stored["status"] as? String == "accepted_with_recommendations")
            #expect(((stored["rounds"] as? [[String: Any]])?.first?["recommendations"] as? String)?.contains("COSHH") == true)
            let mail = try await OutboxMessage.query(on: app.db).all().map(\.subject)
            #expect(mail.contains("Verification Accepted with Recommendations: Chemical Handling at Fife Science Centre"))
        }
    }

    @Test func notAcceptedHoldsCertificatesUntilActionsAreDoneAndMarksTheNextDelivery() async throws {
        try await withPrepRoom(seed: true) { app in
            let centre = try await CentreFixture.make(app)
            let verifier = try await token(app, role: .verifier)
            let run = try await centre.deliveredRun(delegates: 1)
            _ = try await centre.close(run)
            #expect(try await centre.decide(run, "not_accepted", as: verifier).status == .unprocessableEntity, "actions are required")
            let refused = try await centre.decide(run, "not_accepted", as: verifier, extra: ["actions": "Send the signed attendance register"])
            #expect(try refused.json()["certificatesIssued"] as? Int == 0)
            #expect(try await Certificate.query(on: app.db).count() == 0)

            let done = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(try run.requireID())/verification/actions-completed",
                                                           headers: .json(bearer: centre.coordinator), body: jsonBody(["note": "Register uploaded"]))
            #expect(done.status == .ok, "\(done.text)")
            #expect(try done.json()["status"] as? String == "pending")
            let again = try await centre.decide(run, "accepted", as: verifier)
            #expect(try again.json()["certificatesIssued"] as? Int == 1)

            let next = try await centre.deliveredRun(delegates: 1, prefix: "second")
            let closed = try await centre.close(next).json()
            let reasons = (closed["verification"] as? [String: Any])?["reasons"] as? [String]
            #expect(reasons?.contains("first_delivery") == false, "the centre has delivered this course before")
            // The last decided verification of the centre was the Accepted second round.
            #expect(reasons?.contains("previous_not_accepted") == false)
        }
    }

    @Test func aDeliveryAfterANotAcceptedIsSelectedForThatReason() async throws {
        try await withPrepRoom(seed: true) { app in
            let centre = try await CentreFixture.make(app)
            let verifier = try await token(app, role: .verifier)
            let first = try await centre.deliveredRun(delegates: 1)
            _ = try await centre.close(first)
            _ = try await centre.decide(first, "not_accepted", as: verifier, extra: ["actions": "Resubmit the assessment evidence"])
            let second = try await centre.deliveredRun(delegates: 1, prefix: "next")
            let closed = try await centre.close(second).json()
            let verification = try #require(closed["verification"] as? [String: Any])
            #expect(verification["reasons"] as? [String] == ["previous_not_accepted"] || (verification["reasons"] as? [String])?.first == "previous_not_accepted")
            #expect(closed["certificatesIssued"] as? Int == 0)
        }
    }

    @Test func unselectedDeliveriesCertificateAtOnceAndRecordTheDraw() async throws {
        try await withPrepRoom(seed: true) { app in
            let centre = try await CentreFixture.make(app)
            let admin = try #require(try await User.query(on: app.db).all().first { $0.roles.contains(.courseAdmin) })
            try await VerificationDesk.savePolicy(VerificationPolicy(largeCohortThreshold: 12, sampleRate: 0), by: admin, on: app.db)
            let verifier = try await token(app, role: .verifier)
            let first = try await centre.deliveredRun(delegates: 1)
            _ = try await centre.close(first)
            _ = try await centre.decide(first, "accepted", as: verifier)
            let second = try await centre.deliveredRun(delegates: 1, prefix: "later")
            let closed = try await centre.close(second).json()
            #expect((closed["verification"] as? [String: Any])?["selected"] as? Bool == false)
            #expect(closed["certificatesIssued"] as? Int == 1)
            let round = try #require(try await CentreStore.verifications(of: second.requireID(), on: app.db).first)
            #expect(round.status == .notSelected)
            #expect(VerificationRules.draw(seed: try #require(UInt64(round.seed))) == round.draw, "the recorded seed repeats the draw")
            #expect(try await centre.decide(second, "accepted", as: verifier).status == .conflict, "a run not selected takes no outcome")
            let policy = try await app.testing().sendRequest(.PUT, "/api/v1/verification-policy", headers: .json(bearer: verifier),
                                                             body: jsonBody(["largeCohortThreshold": 12, "sampleRate": 2]))
            #expect(policy.status == .unprocessableEntity)
        }
    }
}

@Suite("Delivery reports per centre")
struct CentreReportTests {
    @Test func unitsHoursCompletionsAndOutcomesPerProviderWithCSV() async throws {
        try await withPrepRoom(seed: true) { app in
            let centre = try await CentreFixture.make(app)
            let verifier = try await token(app, role: .verifier)
            let run = try await centre.deliveredRun(delegates: 3)
            _ = try await centre.close(run)
            _ = try await centre.decide(run, "accepted", as: verifier)
            let manager = try await token(app, role: .manager)
            let report = try await app.testing().sendRequest(.GET, "/api/v1/reports/centres", headers: .bearer(manager))
            #expect(report.status == .ok, "\(report.text)")
            let lines = try #require(try report.json()["lines"] as? [[String: Any]])
            let fife = try #require(lines.first { $0["provider"] as? String == "Fife Science Centre" })
            #expect(fife["runs"] as? Int == 1)
            #expect(fife["delegatesCompleted"] as? Int == 3)
            #expect(fife["cpdUnits"] as? Int == 3)
            #expect(fife["trainingHours"] as? Double == 18)
            #expect(fife["accepted"] as? Int == 1)
            #expect(lines.first?["provider"] as? String == "PrepRoom national base")
            let csv = try await app.testing().sendRequest(.GET, "/staff/reports/centres.csv", headers: .bearer(manager))
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.text.contains("\"Fife Science Centre\",\"1\",\"3\",\"3\",\"18\",\"1\",\"0\",\"0\""), "\(csv.text)")
            let technician = try await token(app, role: .technician)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/reports/centres", headers: .bearer(technician)).status == .forbidden)
            let bad = try await app.testing().sendRequest(.GET, "/api/v1/reports/centres?from=2027-13-01", headers: .bearer(manager))
            #expect(bad.status == .unprocessableEntity)
        }
    }
}

@Suite("Verification evidence through the page")
struct VerificationEvidenceTests {
    /// The centre uploads a document with the form a browser sends (multipart, with the
    /// CSRF token); a verifier downloads it; a technician can neither see nor add evidence.
    @Test func aDocumentUploadedByTheCentreReachesTheVerifier() async throws {
        try await withPrepRoom(seed: true) { app in
            let centre = try await CentreFixture.make(app)
            let run = try await centre.deliveredRun(delegates: 1)
            _ = try await centre.close(run)
            let runID = try run.requireID()
            let browser = Browser(app)
            _ = try await browser.signIn("coordinator@fife.example")
            let page = try await browser.get("/runs/\(runID)/verification")
            #expect(page.status == .ok)
            #expect(page.text.contains("It is the centre&#39;s first delivery of this course.") || page.text.contains("It is the centre's first delivery of this course."))
            let boundary = "preproom-test-boundary"
            var body = ""
            for (name, value) in [("_csrf", browser.csrf ?? ""), ("note", "Signed register attached")] {
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
            }
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"document\"; filename=\"register.csv\"\r\nContent-Type: text/csv\r\n\r\nname,present\r\nDelegate 0,yes\r\n\r\n--\(boundary)--\r\n"
            var headers = HTTPHeaders()
            headers.add(name: .cookie, value: try #require(browser.cookie))
            headers.add(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            let uploaded = try await app.testing().sendRequest(.POST, "/runs/\(runID)/verification/evidence", headers: headers, body: ByteBuffer(string: body))
            #expect(uploaded.status == .seeOther)
            let evidence = try #require(try await VerificationEvidence.query(on: app.db).first())
            #expect(evidence.filename == "register.csv")
            #expect(evidence.note == "Signed register attached")
            let verifier = try await token(app, role: .verifier)
            let document = try await app.testing().sendRequest(.GET, "/runs/\(runID)/verification/evidence/\(try evidence.requireID())", headers: .bearer(verifier))
            #expect(document.status == .ok)
            #expect(document.text.contains("Delegate 0,yes"))
            #expect(document.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            let technician = try await token(app, role: .technician)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/runs/\(runID)/verification", headers: .bearer(technician)).status == .forbidden)
            let added = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/verification/evidence", headers: .json(bearer: technician),
                                                            body: jsonBody(["note": "not mine"]))
            #expect(added.status == .forbidden)
            #expect(try await VerificationEvidence.query(on: app.db).count() == 1)
        }
    }
}

@Suite("Enrolling named delegates and adding venues")
struct EnrolmentTests {
    @Test func enrolmentNeedsAnAccountAndAPlaceAndVenuesAreNotRepeated() async throws {
        try await withPrepRoom(seed: true) { app in
            let centre = try await CentreFixture.make(app)
            let created = try await centre.schedule()
            let runID = try #require(try created.json()["id"] as? String)
            let unknown = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/enrolments", headers: .json(bearer: centre.coordinator),
                                                              body: jsonBody(["email": "nobody@school.example"]))
            #expect(unknown.status == .unprocessableEntity)
            #expect(try unknown.apiError()["field"] as? String == "email")
            // Fill the run's 16 places, then one more is refused and changes nothing.
            let members = try await makeMembers(app, count: 17)
            for member in members.prefix(16) {
                #expect(try await app.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/enrolments", headers: .json(bearer: centre.coordinator),
                                                            body: jsonBody(["email": member.user.email])).status == .created)
            }
            let full = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/enrolments", headers: .json(bearer: centre.coordinator),
                                                           body: jsonBody(["email": members[16].user.email]))
            #expect(full.status == .conflict)
            #expect(try full.apiError()["code"] as? String == "run_full")
            let stored = try #require(try await Run.find(UUID(uuidString: runID), on: app.db))
            #expect(stored.confirmedCount == 16)
            #expect(stored.waitlistCount == 0, "the refused enrolment left no waiting-list place behind")
            #expect(try await Booking.query(on: app.db).filter(\.$run.$id == stored.requireID()).count() == 16)
            let technician = try await token(app, role: .technician)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/enrolments", headers: .json(bearer: technician),
                                                        body: jsonBody(["email": members[16].user.email])).status == .forbidden)

            let again = try await app.testing().sendRequest(.POST, "/api/v1/centres/\(centre.centreID)/venues", headers: .json(bearer: centre.coordinator),
                                                            body: jsonBody(["venue": "Fife Science Centre, Glenrothes"]))
            #expect(again.status == .conflict)
            let added = try await app.testing().sendRequest(.POST, "/api/v1/centres/\(centre.centreID)/venues", headers: .json(bearer: centre.coordinator),
                                                            body: jsonBody(["venue": "Kirkcaldy High School science base"]))
            #expect((try added.json()["venues"] as? [String])?.count == 2)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/centres/\(centre.centreID)/venues", headers: .json(bearer: technician),
                                                        body: jsonBody(["venue": "Somewhere"])).status == .forbidden)
        }
    }
}
