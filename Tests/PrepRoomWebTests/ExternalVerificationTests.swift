import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("External verification of centres' deliveries")
struct ExternalVerificationTests {
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
            // The holder's own list names the centre too (the certificate and its centre read in one row).
            let held = try await CertificateStore.held(by: certificate.$user.id, on: app.db)
            #expect(held.first?.centre?.name == "Fife Science Centre")
            #expect(verified["valid"] as? Bool == true)
            let stored = try await app.testing().sendRequest(.GET, "/api/v1/runs/\(try run.requireID())/verification", headers: .bearer(centre.coordinator)).json()
            #expect(stored["status"] as? String == "accepted_with_recommendations")
            #expect(((stored["rounds"] as? [[String: Any]])?.first?["recommendations"] as? String)?.contains("COSHH") == true)
            let mail = try await OutboxMessage.query(on: app.db).all().map(\.subject)
            #expect(mail.contains("Verification Accepted with Recommendations: Chemical Handling at Fife Science Centre"))
        }
    }

    /// The centre's page (`ExternalVerificationStore.latestRuns`, `ApprovalStore.centreCourses`):
    /// staff see the runs newest first with their verification, and only the courses the
    /// centre is not yet approved for; a visitor sees neither.
    @Test func theCentresPageListsItsRunsWithTheirVerificationForStaffOnly() async throws {
        try await withPrepRoom(seed: true) { app in
            let centre = try await CentreFixture.make(app)
            let delivered = try await centre.deliveredRun(delegates: 1)
            #expect(try await centre.close(delivered).status == .ok)
            #expect(try await centre.decide(delivered, "accepted", as: try await token(app, role: .verifier)).status == .ok)
            let upcoming = try #require(UUID(uuidString: try await centre.schedule(days: 40).json()["id"] as? String ?? ""))
            let deliveredID = try delivered.requireID()

            try await makeUser(app, email: "admin@sserc.example", role: .courseAdmin)
            let staff = Browser(app)
            _ = try await staff.signIn("admin@sserc.example")
            let page = try await staff.get("/centres/\(centre.centreID)")
            #expect(page.status == .ok)
            let html = page.text
            let newer = try #require(html.range(of: "/runs/\(upcoming)/delegates"))
            let older = try #require(html.range(of: "/runs/\(deliveredID)/delegates"))
            #expect(newer.lowerBound < older.lowerBound, "newest first")
            #expect(html.contains("href=\"/runs/\(deliveredID)/verification\">Accepted</a>"))
            #expect(!html.contains("/runs/\(upcoming)/verification"), "no verification round, no link")
            let deliverable = try await Course.query(on: app.db).filter(\Course.$centreDeliverable == true).all().map(\.code)
            #expect(deliverable.count > 1)
            for code in deliverable {
                #expect(html.contains("<option value=\"\(code)\">") == (code != "chemical-handling"), "\(code)")
            }

            let visitor = try await Browser(app).get("/centres/\(centre.centreID)")
            #expect(visitor.status == .ok)
            #expect(!visitor.text.contains("centre-runs") && !visitor.text.contains("grant-form"))
        }
    }

    /// The verification queue (`ExternalVerificationStore.pendingVerifications`): deliveries
    /// waiting for a verifier, oldest first, with centre, course and why; a decided one leaves.
    @Test func theQueueListsWaitingDeliveriesOldestFirstToVerifiersOnly() async throws {
        try await withPrepRoom(seed: true) { app in
            let centre = try await CentreFixture.make(app)
            let verifier = try await token(app, role: .verifier)
            let everyOne = try await app.testing().sendRequest(.PUT, "/api/v1/verification-policy", headers: .json(bearer: verifier),
                                                               body: jsonBody(["largeCohortThreshold": 200, "sampleRate": 1]))
            #expect(everyOne.status == .ok, "\(everyOne.text)")
            let first = try await centre.deliveredRun(delegates: 1, prefix: "first")
            #expect(try await centre.close(first).status == .ok)
            let second = try await centre.deliveredRun(delegates: 1, prefix: "second")
            #expect(try await centre.close(second).status == .ok)

            try await makeUser(app, email: "verifier@sserc.example", role: .verifier)
            let browser = Browser(app)
            _ = try await browser.signIn("verifier@sserc.example")
            let queue = try await browser.get("/staff/verifications").text
            let older = try #require(queue.range(of: "/runs/\(try first.requireID())/verification"))
            let newer = try #require(queue.range(of: "/runs/\(try second.requireID())/verification"))
            #expect(older.lowerBound < newer.lowerBound, "oldest request first")
            #expect(queue.contains("Fife Science Centre") && queue.contains("Chemical Handling"))
            #expect(queue.contains("first delivery") && queue.contains("random sample"))
            let review = try await browser.get("/runs/\(try first.requireID())/verification")
            #expect(review.status == .ok)
            #expect(review.text.contains("id=\"verification-roster\"") && review.text.contains("Member 0") && review.text.contains("Present"))
            #expect(!review.text.contains("/runs/\(try first.requireID())/delegates"), "no link the verifier would be refused")
            #expect(try await browser.get("/runs/\(try first.requireID())").status == .ok)

            #expect(try await centre.decide(first, "accepted", as: verifier).status == .ok)
            let after = try await browser.get("/staff/verifications").text
            #expect(!after.contains("/runs/\(try first.requireID())/verification"))
            #expect(after.contains("/runs/\(try second.requireID())/verification"))

            try await makeUser(app, email: "tech@school.sch.uk", role: .technician)
            let technician = Browser(app)
            _ = try await technician.signIn("tech@school.sch.uk")
            #expect(try await technician.get("/staff/verifications").status == .forbidden)
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
            try await ExternalVerificationDesk.savePolicy(ExternalVerificationPolicy(largeCohortThreshold: 12, sampleRate: 0), by: admin, on: app.db)
            let verifier = try await token(app, role: .verifier)
            let first = try await centre.deliveredRun(delegates: 1)
            _ = try await centre.close(first)
            _ = try await centre.decide(first, "accepted", as: verifier)
            let second = try await centre.deliveredRun(delegates: 1, prefix: "later")
            let closed = try await centre.close(second).json()
            #expect((closed["verification"] as? [String: Any])?["selected"] as? Bool == false)
            #expect(closed["certificatesIssued"] as? Int == 1)
            let round = try #require(try await ExternalVerificationStore.verifications(of: second.requireID(), on: app.db).first)
            #expect(round.status == .notSelected)
            #expect(ExternalVerificationRules.draw(seed: try #require(UInt64(round.seed))) == round.draw, "the recorded seed repeats the draw")
            #expect(try await centre.decide(second, "accepted", as: verifier).status == .conflict, "a run not selected takes no outcome")
            let policy = try await app.testing().sendRequest(.PUT, "/api/v1/verification-policy", headers: .json(bearer: verifier),
                                                             body: jsonBody(["largeCohortThreshold": 12, "sampleRate": 2]))
            #expect(policy.status == .unprocessableEntity)
        }
    }
}

@Suite("Verification evidence through the page")
struct ExternalVerificationEvidenceTests {
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
            let evidence = try #require(try await ExternalVerificationEvidence.query(on: app.db).first())
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
            #expect(try await ExternalVerificationEvidence.query(on: app.db).count() == 1)
        }
    }
}
