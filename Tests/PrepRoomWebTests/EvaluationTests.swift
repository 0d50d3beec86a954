import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import SQLKit
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("Three-step evaluation")
struct EvaluationTests {
    @Test func aDelegateAnswersEachStepOnceWhenItOpens() async throws {
        try await withPrepRoom(seed: true) { app in
            let admin = try await token(app, role: .courseAdmin)
            let run = try await makeRun(app, capacity: 5, sessions: 1)
            let members = try await makeMembers(app, count: 2)
            let booking = try #require(try await book(app, run: run, token: members[0].token).json()["id"] as? String)
            _ = try await book(app, run: run, token: members[1].token)
            let due = try await app.testing().sendRequest(.GET, "/api/v1/me/evaluations", headers: .bearer(members[0].token)).json()
            #expect((due["items"] as? [[String: Any]])?.map { $0["step"] as? String } == ["pre"], "only the pre-course step is open on confirmation")

            var bad = try await evaluationAnswers(app, step: .pre)
            let rating = try #require(try await EvaluationStore.questions(.pre, on: app.db).first { $0.kind == .rating })
            bad[rating.id.uuidString] = "6"
            let refused = try await submitEvaluation(app, booking: booking, step: .pre, token: members[0].token, values: bad)
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.apiError()["field"] as? String == rating.id.uuidString)
            #expect(try await EvaluationResponse.query(on: app.db).count() == 0, "nothing saved")
            #expect(try await submitEvaluation(app, booking: booking, step: .pre, token: members[0].token, values: try await evaluationAnswers(app, step: .pre)).status == .created)
            let twice = try await submitEvaluation(app, booking: booking, step: .pre, token: members[0].token, values: try await evaluationAnswers(app, step: .pre))
            #expect(twice.status == .conflict)
            #expect(try twice.apiError()["code"] as? String == "already_answered")
            #expect(try await submitEvaluation(app, booking: booking, step: .pre, token: members[1].token, values: try await evaluationAnswers(app, step: .pre)).status == .forbidden,
                    "someone else's booking")
            let early = try await submitEvaluation(app, booking: booking, step: .post, token: members[0].token, values: try await evaluationAnswers(app, step: .post))
            #expect(early.status == .conflict)

            // The course happens; both attend; the run closes.
            for member in members {
                let id = try #require(try await Booking.query(on: app.db).filter(\.$user.$id == member.user.requireID()).first()?.requireID())
                _ = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(try run.requireID())/attendance", headers: .json(bearer: admin),
                                                        body: jsonBody(["bookingId": id.uuidString, "session": 0, "present": true]))
                _ = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(try run.requireID())/results", headers: .json(bearer: admin),
                                                        body: jsonBody(["bookingId": id.uuidString, "outcome": "passed"]))
            }
            try await moveIntoThePast(app, run: run)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/runs/\(try run.requireID())/close", headers: .bearer(admin)).status == .ok)
            #expect(try await submitEvaluation(app, booking: booking, step: .post, token: members[0].token, values: try await evaluationAnswers(app, step: .post, rating: 5)).status == .created)
            let impact = try await submitEvaluation(app, booking: booking, step: .impact, token: members[0].token, values: try await evaluationAnswers(app, step: .impact))
            #expect(impact.status == .conflict)
            #expect((try impact.apiError()["message"] as? String)?.contains("opens on") == true)

            // Twelve weeks on, the impact step opens.
            try await backdateCompletion(app, run: try run.requireID(), weeks: 13)
            #expect(try await submitEvaluation(app, booking: booking, step: .impact, token: members[0].token, values: try await evaluationAnswers(app, step: .impact)).status == .created)

            // The delay is a setting, read with the entries: at twenty weeks the second
            // delegate's impact step is not open yet.
            func steps(_ token: String) async throws -> [String] {
                let items = try await app.testing().sendRequest(.GET, "/api/v1/me/evaluations", headers: .bearer(token)).json()["items"] as? [[String: Any]]
                return (items ?? []).compactMap { $0["step"] as? String }
            }
            #expect(try await steps(members[1].token).contains("impact"))
            try await EvaluationStore.setImpactWeeks(20, by: nil, on: app.db)
            #expect(try await !steps(members[1].token).contains("impact"))
            try await EvaluationStore.setImpactWeeks(EvaluationRules.defaultImpactWeeks, by: nil, on: app.db)

            // Results: rates, the distribution, and who has not answered.
            let manager = try await token(app, role: .manager)
            let from = ServiceTime.isoDay(Date().addingTimeInterval(-30 * 86_400)), to = ServiceTime.isoDay(Date().addingTimeInterval(86_400))
            let results = try await app.testing().sendRequest(.GET, "/api/v1/reports/evaluation?from=\(from)&to=\(to)&run=\(try run.requireID())",
                                                              headers: .bearer(manager)).json()
            let steps = try #require(results["steps"] as? [[String: Any]])
            let post = try #require(steps.first { $0["step"] as? String == "post" })
            #expect(post["eligible"] as? Int == 2)
            #expect(post["responses"] as? Int == 1)
            #expect(post["responseRate"] as? Int == 50)
            let impactStep = try #require(steps.first { $0["step"] as? String == "impact" })
            #expect(impactStep["eligible"] as? Int == 2)
            #expect(impactStep["responses"] as? Int == 1)
            let delivered = try #require((post["questions"] as? [[String: Any]])?.first)
            #expect((delivered["ratings"] as? [String: Int])?["5"] == 1)
            #expect((post["nonRespondents"] as? [String])?.first?.contains("member1@school.sch.uk") == true)
            let page = try await app.testing().sendRequest(.GET, "/staff/reports/evaluation?from=\(from)&to=\(to)", headers: .bearer(manager))
            #expect(page.text.contains("1 of 2 answered (50%)"))
            #expect(page.text.contains("<svg"))
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/reports/evaluation", headers: .bearer(members[0].token)).status == .forbidden)

            // Asked for one run without dates, the report covers the run whenever it was.
            try await (app.db as! any SQLDatabase).raw("""
                UPDATE runs SET starts_at = \(bind: Date().addingTimeInterval(-3 * 365 * 86_400)) WHERE id = \(bind: try run.requireID())
                """).run()
            let whole = try await app.testing().sendRequest(.GET, "/api/v1/reports/evaluation?run=\(try run.requireID())", headers: .bearer(manager)).json()
            let wholePost = try #require((whole["steps"] as? [[String: Any]])?.first { $0["step"] as? String == "post" })
            #expect(wholePost["eligible"] as? Int == 2 && wholePost["responses"] as? Int == 1)
            let thisYear = try await app.testing().sendRequest(.GET, "/api/v1/reports/evaluation?from=\(from)&to=\(to)&run=\(try run.requireID())",
                                                               headers: .bearer(manager)).json()
            let datedPost = (thisYear["steps"] as? [[String: Any]])?.first { $0["step"] as? String == "post" }
            #expect((datedPost?["eligible"] as? Int ?? 0) == 0, "dates given are kept")
        }
    }

    @Test func invitationsGoOncePerStepAndStaffEditTheQuestionnaires() async throws {
        try await withPrepRoom(seed: true) { app in
            let run = try await makeRun(app, capacity: 5, sessions: 1)
            for member in try await makeMembers(app, count: 3) { _ = try await book(app, run: run, token: member.token) }
            let desk = EvaluationDesk(db: app.db)
            #expect(try await desk.sendInvitations(links: Links(base: "http://preproom.test")) == 3)
            #expect(try await desk.sendInvitations(links: Links(base: "http://preproom.test")) == 0, "safe to run twice")
            let mail = try await OutboxMessage.query(on: app.db).filter(\.$subject == "Before the course: Chemical Handling").count()
            #expect(mail == 3)

            // A course completed two years ago (before invitations existed, say) is not chased.
            let old = try await makeRun(app, capacity: 5, sessions: 1)
            let veteran = try #require(try await makeMembers(app, count: 1, prefix: "veteran").first)
            _ = try await book(app, run: old, token: veteran.token)
            try await moveIntoThePast(app, run: old, daysAgo: 730)
            try await Booking.query(on: app.db).filter(\.$run.$id == old.requireID()).set(\.$completed, to: true)
                .set(\.$completedAt, to: Date().addingTimeInterval(-729 * 86_400)).update()
            #expect(try await desk.sendInvitations(links: Links(base: "http://preproom.test")) == 0)

            let admin = try await token(app, role: .courseAdmin)
            let added = try await app.testing().sendRequest(.POST, "/api/v1/evaluation/questions", headers: .json(bearer: admin),
                                                            body: jsonBody(["step": "post", "kind": "choice", "prompt": "Was the venue suitable?", "options": ["Yes", "No"]]))
            #expect(added.status == .created)
            let noOptions = try await app.testing().sendRequest(.POST, "/api/v1/evaluation/questions", headers: .json(bearer: admin),
                                                                body: jsonBody(["step": "post", "kind": "choice", "prompt": "Pick", "options": ["Only"]]))
            #expect(noOptions.status == .unprocessableEntity)
            let post = try await app.testing().sendRequest(.GET, "/api/v1/evaluation/questions?step=post").json()
            let venue = try #require((post["items"] as? [[String: Any]])?.first { $0["prompt"] as? String == "Was the venue suitable?" })
            let id = try #require(venue["id"] as? String)
            let technician = try await token(app, role: .technician)
            #expect(try await app.testing().sendRequest(.DELETE, "/api/v1/evaluation/questions/\(id)", headers: .bearer(technician)).status == .forbidden)
            #expect(try await app.testing().sendRequest(.DELETE, "/api/v1/evaluation/questions/\(id)", headers: .bearer(admin)).status == .noContent)
            #expect(try await EvaluationStore.questions(.post, on: app.db).contains { $0.prompt == "Was the venue suitable?" } == false)
        }
    }
}
