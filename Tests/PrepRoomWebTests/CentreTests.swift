import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("Accredited Centres: applying, approval and scheduling")
struct CentreTests {
    @Test func anApprovedApplicantsCoordinatorSchedulesOnlyApprovedCourses() async throws {
        try await withPrepRoom(seed: true) { app in
            let centre = try await CentreFixture.make(app)
            #expect(centre.coordinatorUser.roles.contains(.centreCoordinator), "the applicant becomes the coordinator")
            #expect(centre.coordinatorUser.centreID == centre.centreID)
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
            #expect(try await ApprovalStore.approvals(of: centre.centreID, on: app.db).count == 1)
            #expect(try await Centre.find(highland.requireID(), on: app.db)?.status == .applicant)
            let withdrawn = try await app.testing().sendRequest(.DELETE, "/api/v1/centres/\(centre.centreID)/approvals/chemical-handling",
                                                                headers: .json(bearer: centre.admin), body: jsonBody(["reason": "No trained tutor"]))
            #expect(withdrawn.status == .ok)
            #expect(try await centre.schedule().status == .forbidden, "a withdrawn approval no longer covers new runs")
            // The centre's page: a withdrawn approval is no longer listed, and the course is
            // offered for approval again; courses centres cannot deliver are not offered.
            let courses = try await ApprovalStore.centreCourses(of: centre.centreID, on: app.db)
            let chemical = try #require(courses.first { $0.code == "chemical-handling" })
            #expect(chemical.approvedFrom == nil && chemical.deliverable)
            #expect(!courses.contains { $0.code == notDeliverable.code })
            let page = try await app.testing().sendRequest(.GET, "/centres/\(centre.centreID)", headers: .bearer(centre.admin)).text
            #expect(page.contains("<option value=\"chemical-handling\""))
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
