import Fluent
import FluentSQL
import Foundation
import PrepRoomCore
import SQLKit

struct CreateEvaluation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Booking.schema).field("completed_at", .datetime).update()
        try await database.schema(EvaluationQuestionRecord.schema)
            .id()
            .field("step", .string, .required)
            .field("position", .int, .required)
            .field("kind", .string, .required)
            .field("prompt", .string, .required)
            .field("options", .string, .required)
            .field("required", .bool, .required)
            .field("active", .bool, .required)
            .create()
        try await database.schema(EvaluationResponse.schema)
            .id()
            .field("booking_id", .uuid, .required, .references(Booking.schema, "id", onDelete: .cascade))
            .field("step", .string, .required)
            .field("submitted_at", .datetime, .required)
            .unique(on: "booking_id", "step")
            .create()
        try await database.schema("evaluation_answers")
            .id()
            .field("response_id", .uuid, .required, .references(EvaluationResponse.schema, "id", onDelete: .cascade))
            .field("question_id", .uuid, .required, .references(EvaluationQuestionRecord.schema, "id"))
            .field("rating", .int)
            .field("choice", .string)
            .field("text", .string)
            .create()
        try await database.schema("evaluation_reminders")
            .id()
            .field("booking_id", .uuid, .required, .references(Booking.schema, "id", onDelete: .cascade))
            .field("step", .string, .required)
            .field("sent_at", .datetime, .required)
            .unique(on: "booking_id", "step")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX evaluation_answers_question ON evaluation_answers (question_id, rating)").run()
        try await sql.raw("CREATE INDEX evaluation_answers_response ON evaluation_answers (response_id)").run()
        for step in EvaluationStep.allCases {
            for (position, question) in DefaultQuestionnaires.questions(for: step).enumerated() {
                try await EvaluationQuestionRecord(step: step, position: position, question: question).create(on: database)
            }
        }
    }

    func revert(on database: any Database) async throws {
        for schema in ["evaluation_reminders", "evaluation_answers", EvaluationResponse.schema, EvaluationQuestionRecord.schema] {
            try await database.schema(schema).delete()
        }
        try await database.schema(Booking.schema).deleteField("completed_at").update()
    }
}
