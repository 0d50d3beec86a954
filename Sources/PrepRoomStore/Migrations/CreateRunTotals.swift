import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// The tables behind `RunTotals`, filled for the runs already closed.
struct CreateRunTotals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("run_totals")
            .field("run_id", .uuid, .identifier(auto: false), .references("runs", "id", onDelete: .cascade))
            .field("completed_at", .datetime)
            .field("delegates", .int, .required)
            .field("completions", .int, .required)
            .field("training_days", .int, .required)
            .field("training_seconds", .double, .required)
            .field("pre_responses", .int, .required)
            .field("post_responses", .int, .required)
            .field("impact_responses", .int, .required)
            .create()
        try await database.schema("run_answer_totals")
            .field("run_id", .uuid, .required, .references("runs", "id", onDelete: .cascade))
            .field("question_id", .uuid, .required, .references("evaluation_questions", "id"))
            .field("rating", .int, .required)
            .field("choice", .string, .required)
            .field("n", .int, .required)
            .unique(on: "run_id", "question_id", "rating", "choice")
            .create()
        // Comments are read newest first across many runs: from the answers that have text.
        try await (database as! any SQLDatabase).raw("""
            CREATE INDEX evaluation_answers_comments ON evaluation_answers (response_id, question_id) WHERE text IS NOT NULL AND text <> ''
            """).run()
        try await RunTotals.record(on: database)
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX evaluation_answers_comments").run()
        try await database.schema("run_answer_totals").delete()
        try await database.schema("run_totals").delete()
    }
}
