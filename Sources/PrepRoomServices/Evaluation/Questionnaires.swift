import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// Staff change the questions each step of the evaluation asks; a question in use is
/// retired, not deleted, so earlier answers keep their meaning.
package enum Questionnaires {
    package static func add(step: String?, kind: String?, prompt: String?, options: [String], required: Bool, by user: User, on db: any Database) async throws {
        let step = step.flatMap(EvaluationStep.init(rawValue:)), kind = kind.flatMap(QuestionKind.init(rawValue:))
        let prompt = (prompt ?? "").trimmed
        let options = options.map { $0.trimmed }.filter { !$0.isEmpty }
        let errors = EvaluationRules.questionErrors(step: step, kind: kind, prompt: prompt, options: options)
        guard errors.isEmpty, let step, let kind else { throw ServiceError.invalid(errors) }
        try await db.writeTransaction { db in
            try await EvaluationStore.addQuestion(EvaluationQuestion(kind: kind, prompt: prompt, options: kind == .choice ? options : [], required: required),
                                                  to: step, on: db)
            try await AuditEntry.record("evaluation.question_added", subject: "questionnaire:\(step.rawValue)", actor: user.id, details: prompt, on: db)
        }
    }

    package static func retire(_ id: UUID?, by user: User, on db: any Database) async throws {
        guard let id else { throw ServiceError.notFound("question") }
        try await db.writeTransaction { db in
            guard let record = try await EvaluationStore.retire(id, on: db) else { throw ServiceError.notFound("question in use") }
            try await AuditEntry.record("evaluation.question_retired", subject: "questionnaire:\(record.step.rawValue)", actor: user.id,
                                        details: record.prompt, on: db)
        }
    }
}
