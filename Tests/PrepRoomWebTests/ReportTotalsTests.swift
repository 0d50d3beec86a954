import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import SQLKit
import Testing
import VaporTesting

/// Reports read a closed run's figures from `RunTotals` and an open run's from its
/// bookings. These follow one run across its close and check that both ways give the same
/// figures, and that the totals kept up to date equal a fresh count.
@Suite("Report totals")
struct ReportTotalsTests {
    private struct TotalsRow: Decodable, Equatable {
        var delegates: Int, completions: Int, trainingDays: Int, trainingSeconds: Double
        var preResponses: Int, postResponses: Int, impactResponses: Int
    }
    private struct AnswerRow: Decodable, Equatable { var questionId: UUID; var rating: Int; var choice: String; var n: Int }

    private func stored(_ app: Application, run: UUID) async throws -> (TotalsRow?, [AnswerRow]) {
        let sql = app.db as! any SQLDatabase
        let totals = try await sql.raw("""
            SELECT delegates, completions, training_days, training_seconds, pre_responses, post_responses, impact_responses
            FROM run_totals WHERE run_id = \(bind: run)
            """).first(decoding: TotalsRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        let answers = try await sql.raw("""
            SELECT question_id, rating, choice, n FROM run_answer_totals WHERE run_id = \(bind: run) ORDER BY question_id, rating, choice
            """).all(decoding: AnswerRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        return (totals, answers)
    }

    private func answer(_ app: Application, booking: String, step: EvaluationStep, rating: Int, token: String) async throws {
        let values = try await evaluationAnswers(app, step: step, rating: rating, comment: "Worth the journey")
        let response = try await submitEvaluation(app, booking: booking, step: step, token: token, values: values)
        #expect(response.status == .created, "\(response.text)")
    }

    private struct Figures: Equatable {
        var eligible: Int, responses: Int
        init(_ eligible: Int, _ responses: Int) { self.eligible = eligible; self.responses = responses }
    }

    /// A period around every run these tests make, as report queries take it.
    private var period: String {
        "from=\(ServiceTime.isoDay(Date().addingTimeInterval(-200 * 86_400)))&to=\(ServiceTime.isoDay(Date().addingTimeInterval(60 * 86_400)))"
    }

    /// The evaluation results of one run: each step as the API gives it.
    private func steps(_ app: Application, run: UUID, manager: String) async throws -> [[String: Any]] {
        let results = try await app.testing().sendRequest(.GET, "/api/v1/reports/evaluation?\(period)&run=\(run)", headers: .bearer(manager)).json()
        return try #require(results["steps"] as? [[String: Any]])
    }

    /// Eligible and responses of one run, step by step.
    private func evaluation(_ app: Application, run: UUID, manager: String) async throws -> [String: Figures] {
        var figures: [String: Figures] = [:]
        for step in try await steps(app, run: run, manager: manager) {
            figures[try #require(step["step"] as? String)] = Figures(try #require(step["eligible"] as? Int), try #require(step["responses"] as? Int))
        }
        return figures
    }

    private func trainingDays(_ app: Application, manager: String) async throws -> Int? {
        let report = try await app.testing().sendRequest(.GET, "/api/v1/reports/annual?\(period)", headers: .bearer(manager)).json()
        return (report["trainingDays"] as? [String: Any])?["delivered"] as? Int
    }

    @Test func aRunCountsTheSameBeforeAndAfterItClosesAndItsTotalsEqualAFreshCount() async throws {
        try await withPrepRoom(seed: true) { app in
            let admin = try await token(app, role: .courseAdmin)
            let manager = try await token(app, role: .manager)
            let run = try await makeRun(app, capacity: 5, sessions: 2)
            let runID = try run.requireID()
            let members = try await makeMembers(app, count: 4)
            var bookings: [String] = []
            for member in members { bookings.append(try #require(try await book(app, run: run, token: member.token).json()["id"] as? String)) }
            for index in [0, 1, 3] { try await answer(app, booking: bookings[index], step: .pre, rating: 3 + index % 2, token: members[index].token) }
            // Someone who answered and then cancelled no longer counts, before or after the close.
            #expect(try await app.testing().sendRequest(.DELETE, "/api/v1/bookings/\(bookings[3])", headers: .bearer(members[3].token)).status == .ok)
            // Days attended: 2, 1 and 2; the first and third pass.
            for (index, days) in [(0, 2), (1, 1), (2, 2)] {
                for session in 0..<days {
                    _ = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/attendance", headers: .json(bearer: admin),
                                                            body: jsonBody(["bookingId": bookings[index], "session": session, "present": true]))
                }
                _ = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/results", headers: .json(bearer: admin),
                                                        body: jsonBody(["bookingId": bookings[index], "outcome": index == 1 ? "not_passed" : "passed"]))
            }
            try await moveIntoThePast(app, run: run, daysAgo: 5)
            let baseline = try #require(try await trainingDays(app, manager: manager)) - 5
            let open = try await evaluation(app, run: runID, manager: manager)
            #expect(open["pre"] == Figures(3, 2), "counted from the bookings while the run is open")
            #expect(try await stored(app, run: runID).0 == nil, "no totals before the close")

            #expect(try await app.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/close", headers: .bearer(admin)).status == .ok)
            let closed = try await evaluation(app, run: runID, manager: manager)
            #expect(closed["pre"] == Figures(3, 2))
            #expect(closed["post"] == Figures(2, 0))
            #expect(closed["impact"] == Figures(0, 0), "not due for twelve weeks")
            #expect(try await trainingDays(app, manager: manager) == baseline + 5, "the same five delegate-days, now from the totals")
            let totals = try #require(try await stored(app, run: runID).0)
            #expect(totals.delegates == 3 && totals.completions == 2 && totals.trainingDays == 5)
            #expect(totals.trainingSeconds == 5 * 6 * 3600, "five six-hour days")

            // A response after the close is added to the run's totals as it arrives.
            try await answer(app, booking: bookings[0], step: .post, rating: 5, token: members[0].token)
            #expect(try await evaluation(app, run: runID, manager: manager)["post"] == Figures(2, 1))
                let post = try #require(try await steps(app, run: runID, manager: manager).first { $0["step"] as? String == "post" })
            let questions = try #require(post["questions"] as? [[String: Any]])
            let postQuestions = try await EvaluationStore.questions(.post, on: app.db)
            let fives = questions.compactMap { ($0["ratings"] as? [String: Int])?["5"] }.reduce(0, +)
            let chosen = questions.compactMap { ($0["choices"] as? [String: Int])?.values.reduce(0, +) }.reduce(0, +)
            let ratingQuestions = postQuestions.filter { $0.kind == .rating }.count
            let choiceQuestions = postQuestions.filter { $0.kind == .choice }.count
            #expect(fives == ratingQuestions, "one five for each rating question")
            #expect(chosen == choiceQuestions)
            let comments = questions.flatMap { $0["comments"] as? [String] ?? [] }
            #expect(comments.contains("Worth the journey"))

            // A closed run's places are final: no move off it.
            let later = try await makeRun(app, capacity: 5, days: 40)
            let move = try await app.testing().sendRequest(.POST, "/api/v1/bookings/\(bookings[2])/move", headers: .json(bearer: admin),
                                                           body: jsonBody(["runId": try later.requireID().uuidString, "reason": "Asked to"]))
            #expect(move.status == .conflict)
            #expect(try move.apiError()["code"] as? String == "run_closed")
            #expect(try await Booking.find(UUID(uuidString: bookings[2]), on: app.db)?.status == .confirmed, "nothing changed")
            #expect(try await Booking.query(on: app.db).filter(\.$run.$id == later.requireID()).count() == 0)

            // The totals kept up to date equal a fresh count from the bookings.
            let kept = try await stored(app, run: runID)
            #expect(try await RunTotals.record(on: app.db) >= 1)
            let recounted = try await stored(app, run: runID)
            #expect(kept.0 == recounted.0)
            #expect(kept.1 == recounted.1)
            #expect(recounted.0?.postResponses == 1 && recounted.0?.preResponses == 2)

            // Twelve weeks after completion the impact step is due for both who completed.
            try await backdateCompletion(app, run: runID, weeks: 13)
            #expect(try await evaluation(app, run: runID, manager: manager)["impact"] == Figures(2, 0))
        }
    }
}
