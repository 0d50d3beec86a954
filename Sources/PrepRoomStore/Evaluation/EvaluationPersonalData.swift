import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// A person's questionnaire answers and the reminders sent for them. Erasure keeps the
/// ratings and choices (counted in the course's results, which must not change) as answers
/// of the anonymous account, and removes what they wrote in their own words.
extension PersonalDataArea {
    public static let evaluation = PersonalDataArea(
        name: "Evaluation",
        tables: [EvaluationResponse.schema, "evaluation_answers", "evaluation_reminders"],
        export: { subject, db in
            struct Answer: Decodable {
                var responseId: UUID, step: String, submittedAt: Date, courseCode: String, courseTitle: String, startsAt: Date
                var prompt: String?, rating: Int?, choice: String?, text: String?
            }
            struct Reminder: Decodable { var step: String, sentAt: Date, courseCode: String }
            let sql = db as! any SQLDatabase
            let answers = try await sql.raw("""
                SELECT e.id AS response_id, e.step, e.submitted_at, c.code AS course_code, c.title AS course_title, r.starts_at,
                       q.prompt, a.rating, a.choice, a.text
                FROM evaluation_responses e JOIN bookings b ON b.id = e.booking_id JOIN runs r ON r.id = b.run_id
                JOIN courses c ON c.id = r.course_id
                LEFT JOIN evaluation_answers a ON a.response_id = e.id LEFT JOIN evaluation_questions q ON q.id = a.question_id
                WHERE b.user_id = \(bind: subject.id) ORDER BY r.starts_at, e.submitted_at, q.step, q.position
                """).all(decoding: Answer.self, keyDecodingStrategy: .convertFromSnakeCase)
            let reminders = try await sql.raw("""
                SELECT m.step, m.sent_at, c.code AS course_code FROM evaluation_reminders m JOIN bookings b ON b.id = m.booking_id
                JOIN runs r ON r.id = b.run_id JOIN courses c ON c.id = r.course_id
                WHERE b.user_id = \(bind: subject.id) ORDER BY m.sent_at
                """).all(decoding: Reminder.self, keyDecodingStrategy: .convertFromSnakeCase)
            return [
                PersonalSection(key: "evaluationAnswers", title: "Your questionnaire answers",
                                why: "To improve the courses: before, after, and some months after each course.",
                                records: answers.map { row in
                                    PersonalRecord([
                                        ("course", "\(row.courseCode) \(row.courseTitle)"), ("runStarts", PersonalRecord.text(row.startsAt)),
                                        ("questionnaire", EvaluationStep(rawValue: row.step)?.label ?? row.step),
                                        ("submitted", PersonalRecord.text(row.submittedAt)), ("question", row.prompt),
                                        ("answer", row.rating.map(String.init) ?? row.choice ?? row.text),
                                    ])
                                }),
                PersonalSection(key: "evaluationReminders", title: "Questionnaire invitations sent",
                                why: "So each invitation is sent once.",
                                records: reminders.map {
                                    PersonalRecord([("course", $0.courseCode), ("questionnaire", EvaluationStep(rawValue: $0.step)?.label ?? $0.step),
                                                    ("sent", PersonalRecord.text($0.sentAt))])
                                }),
            ]
        },
        erase: { subject, _, db in
            try await (db as! any SQLDatabase).raw("""
                UPDATE evaluation_answers SET text = NULL WHERE text IS NOT NULL AND response_id IN (
                    SELECT e.id FROM evaluation_responses e JOIN bookings b ON b.id = e.booking_id WHERE b.user_id = \(bind: subject.id))
                """).run()
        })
}
