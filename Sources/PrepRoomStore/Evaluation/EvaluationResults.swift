import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// Which runs' evaluations to count: one run, a course, a centre, and a period of start dates.
public struct EvaluationFilter: Sendable {
    public var runID: UUID?
    public var courseCode: String?
    public var centreID: UUID?
    public var from: Date
    public var to: Date

    public init(runID: UUID? = nil, courseCode: String? = nil, centreID: UUID? = nil, from: Date, to: Date) {
        self.runID = runID; self.courseCode = courseCode; self.centreID = centreID; self.from = from; self.to = to
    }

    /// The condition on `r` (runs) and `b` (bookings): confirmed places on the runs chosen.
    var condition: SQLQueryString {
        var sql = SQLQueryString("b.status = 'confirmed' AND ")
        sql.appendInterpolation(runs)
        return sql
    }

    /// Every run in the period, rather than one run, course or centre.
    var isWide: Bool { runID == nil && courseCode == nil && centreID == nil }

    /// The runs chosen, as a condition on `r`; cancelled runs never count.
    var runs: SQLQueryString {
        var sql = SQLQueryString("r.status <> 'cancelled' AND r.starts_at >= ")
        sql.appendInterpolation(bind: from)
        sql.appendInterpolation(unsafeRaw: " AND r.starts_at < ")
        sql.appendInterpolation(bind: to)
        if let runID { sql.appendInterpolation(unsafeRaw: " AND r.id = "); sql.appendInterpolation(bind: runID) }
        if let centreID { sql.appendInterpolation(unsafeRaw: " AND r.centre_id = "); sql.appendInterpolation(bind: centreID) }
        if let courseCode {
            sql.appendInterpolation(unsafeRaw: " AND r.course_id IN (SELECT id FROM courses WHERE code = ")
            sql.appendInterpolation(bind: courseCode)
            sql.appendInterpolation(unsafeRaw: ")")
        }
        return sql
    }
}

public struct EvaluationResults: Sendable {
    public struct QuestionResult: Sendable {
        public var question: EvaluationQuestion
        /// Rating → how many gave it (1...5 all present).
        public var ratings: [Int: Int]
        public var choices: [String: Int]
        public var comments: [String]
    }
    public struct StepResult: Sendable {
        public var step: EvaluationStep
        public var eligible: Int
        public var responses: Int
        public var questions: [QuestionResult]
        public var responseRate: Int { EvaluationRules.responseRate(responses: responses, eligible: eligible) }
    }
    public var steps: [StepResult]

    /// Everything counted by SQL aggregates, the same on both engines: closed runs from
    /// their `RunTotals`, runs still scheduled from their bookings.
    public static func load(_ filter: EvaluationFilter, impactWeeks: Int, now: Date = Date(), on db: any Database) async throws -> EvaluationResults {
        let sql = db as! any SQLDatabase
        struct Sums: Decodable { var delegates: Int?; var completions: Int?; var settled: Int?; var pre: Int?; var post: Int?; var impact: Int? }
        struct AnswerCount: Decodable { var questionId: UUID; var rating: Int?; var choice: String?; var n: Int }
        struct Comment: Decodable { var questionId: UUID; var text: String }
        let impactCutOff = now.addingTimeInterval(-Double(impactWeeks) * 7 * 86_400)
        let closed = filter.runs, open = SQLQueryString("\(filter.condition) AND r.status = 'scheduled'")
        // A closed run's completions were all marked when it closed (`completed_at`), so
        // they became due the impact step together.
        let totals = try await sql.raw("""
            SELECT CAST(SUM(t.delegates) AS BIGINT) AS delegates, CAST(SUM(t.completions) AS BIGINT) AS completions,
                   CAST(SUM(CASE WHEN t.completed_at <= \(bind: impactCutOff) THEN t.completions ELSE 0 END) AS BIGINT) AS settled,
                   CAST(SUM(t.pre_responses) AS BIGINT) AS pre, CAST(SUM(t.post_responses) AS BIGINT) AS post,
                   CAST(SUM(t.impact_responses) AS BIGINT) AS impact
            FROM run_totals t JOIN runs r ON r.id = t.run_id WHERE \(closed)
            """).first(decoding: Sums.self)
        let live = try await sql.raw("""
            SELECT COUNT(*) AS delegates, CAST(SUM(CASE WHEN b.completed = \(bind: true) THEN 1 ELSE 0 END) AS BIGINT) AS completions,
                   CAST(SUM(CASE WHEN b.completed = \(bind: true) AND b.completed_at <= \(bind: impactCutOff) THEN 1 ELSE 0 END) AS BIGINT) AS settled,
                   CAST(SUM((SELECT COUNT(*) FROM evaluation_responses e WHERE e.booking_id = b.id AND e.step = 'pre')) AS BIGINT) AS pre,
                   CAST(SUM((SELECT COUNT(*) FROM evaluation_responses e WHERE e.booking_id = b.id AND e.step = 'post')) AS BIGINT) AS post,
                   CAST(SUM((SELECT COUNT(*) FROM evaluation_responses e WHERE e.booking_id = b.id AND e.step = 'impact')) AS BIGINT) AS impact
            FROM bookings b JOIN runs r ON r.id = b.run_id WHERE \(open)
            """).first(decoding: Sums.self)
        func sum(_ figure: KeyPath<Sums, Int?>) -> Int { (totals?[keyPath: figure] ?? 0) + (live?[keyPath: figure] ?? 0) }
        let eligible: [EvaluationStep: Int] = [.pre: sum(\.delegates), .post: sum(\.completions), .impact: sum(\.settled)]
        let responses: [EvaluationStep: Int] = [.pre: sum(\.pre), .post: sum(\.post), .impact: sum(\.impact)]
        let answers = try await sql.raw("""
            SELECT t.question_id, t.rating, t.choice, CAST(SUM(t.n) AS BIGINT) AS n FROM run_answer_totals t JOIN runs r ON r.id = t.run_id
            WHERE \(closed) GROUP BY t.question_id, t.rating, t.choice
            """).all(decoding: AnswerCount.self, keyDecodingStrategy: .convertFromSnakeCase)
            + sql.raw("""
            SELECT a.question_id, a.rating, a.choice, COUNT(*) AS n
            FROM evaluation_answers a JOIN evaluation_responses e ON e.id = a.response_id
            JOIN bookings b ON b.id = e.booking_id JOIN runs r ON r.id = b.run_id
            WHERE \(open) AND a.text IS NULL GROUP BY a.question_id, a.rating, a.choice
            """).all(decoding: AnswerCount.self, keyDecodingStrategy: .convertFromSnakeCase)
        // The newest comments: for one run, course or centre, from its runs' bookings; across
        // every run, from the answers that have text (a partial index), since visiting every
        // booking of a wide period to find them took longer. CROSS JOIN keeps SQLite to that
        // order; PostgreSQL plans either way itself.
        let join = SQLQueryString(filter.isWide ? " CROSS JOIN " : ", ")
        let comments = try await sql.raw("""
            SELECT a.question_id, a.text FROM evaluation_answers a\(join)evaluation_responses e\(join)bookings b\(join)runs r
            WHERE e.id = a.response_id AND b.id = e.booking_id AND r.id = b.run_id AND \(filter.condition)
              AND a.text IS NOT NULL AND a.text <> '' ORDER BY e.submitted_at DESC LIMIT 500
            """).all(decoding: Comment.self, keyDecodingStrategy: .convertFromSnakeCase)
        let records = try await EvaluationQuestionRecord.query(on: db).sort(\.$position).all()
        let answered = Set(answers.map(\.questionId) + comments.map(\.questionId))
        return EvaluationResults(steps: EvaluationStep.allCases.map { step in
            let questions = records.filter { $0.step == step && ($0.active || $0.id.map(answered.contains) == true) }.map { record in
                let id = record.id ?? UUID()
                var ratings = Dictionary(uniqueKeysWithValues: EvaluationRules.ratings.map { ($0, 0) })
                var choices: [String: Int] = [:]
                // Totals write "no rating" as 0 and "no choice" as "", live rows as null.
                for row in answers where row.questionId == id {
                    if let rating = row.rating, rating > 0 { ratings[rating, default: 0] += row.n }
                    if let choice = row.choice, !choice.isEmpty { choices[choice, default: 0] += row.n }
                }
                return QuestionResult(question: record.question, ratings: ratings, choices: choices,
                                      comments: comments.filter { $0.questionId == id }.map(\.text))
            }
            return StepResult(step: step, eligible: eligible[step] ?? 0, responses: responses[step] ?? 0, questions: questions)
        })
    }

    /// People asked for a step who have not answered it: for staff chasing responses.
    public static func nonRespondents(_ filter: EvaluationFilter, step: EvaluationStep, impactWeeks: Int, now: Date = Date(),
                                      on db: any Database) async throws -> [(name: String, email: String, course: String)] {
        struct Row: Decodable { var name: String; var email: String; var title: String }
        var extra = SQLQueryString("")
        switch step {
        case .pre: break
        case .post: extra.appendInterpolation(unsafeRaw: " AND b.completed = "); extra.appendInterpolation(bind: true)
        case .impact:
            extra.appendInterpolation(unsafeRaw: " AND b.completed = "); extra.appendInterpolation(bind: true)
            extra.appendInterpolation(unsafeRaw: " AND b.completed_at <= ")
            extra.appendInterpolation(bind: now.addingTimeInterval(-Double(impactWeeks) * 7 * 86_400))
        }
        return try await (db as! any SQLDatabase).raw("""
            SELECT u.name, u.email, c.title FROM bookings b JOIN runs r ON r.id = b.run_id JOIN users u ON u.id = b.user_id
            JOIN courses c ON c.id = r.course_id
            WHERE \(filter.condition)\(extra) AND NOT EXISTS (
                SELECT 1 FROM evaluation_responses e WHERE e.booking_id = b.id AND e.step = \(bind: step.rawValue))
            ORDER BY u.name LIMIT 1000
            """).all(decoding: Row.self).map { ($0.name, $0.email, $0.title) }
    }
}
