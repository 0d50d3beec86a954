import Fluent
import FluentSQL
import Foundation
import PrepRoomCore
import SQLKit

/// A question of one step's questionnaire. Questions are retired rather than deleted, so
/// past answers keep their question.
public final class EvaluationQuestionRecord: Model, @unchecked Sendable {
    public static let schema = "evaluation_questions"

    @ID(key: .id) public var id: UUID?
    @Enum(key: "step") public var step: EvaluationStep
    @Field(key: "position") public var position: Int
    @Enum(key: "kind") public var kind: QuestionKind
    @Field(key: "prompt") public var prompt: String
    /// Choice options, one a line.
    @Field(key: "options") public var optionsText: String
    @Field(key: "required") public var required: Bool
    @Field(key: "active") public var active: Bool

    public init() {}
    public init(step: EvaluationStep, position: Int, question: EvaluationQuestion) {
        id = question.id; self.step = step; self.position = position; kind = question.kind; prompt = question.prompt
        optionsText = question.options.joined(separator: "\n"); required = question.required; active = true
    }

    public var question: EvaluationQuestion {
        EvaluationQuestion(id: id ?? UUID(), kind: kind, prompt: prompt,
                           options: optionsText.split(separator: "\n").map(String.init), required: required)
    }
}

/// One delegate's answers to one step: at most one per booking and step (a unique index).
public final class EvaluationResponse: Model, @unchecked Sendable {
    public static let schema = "evaluation_responses"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "booking_id") public var booking: Booking
    @Enum(key: "step") public var step: EvaluationStep
    @Field(key: "submitted_at") public var submittedAt: Date

    public init() {}
}

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
