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

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $step, $position, $kind, $prompt, $optionsText, $required, $active] }

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

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $booking, $step, $submittedAt] }

    public init() {}
}
