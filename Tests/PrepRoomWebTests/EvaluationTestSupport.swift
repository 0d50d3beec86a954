import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import VaporTesting

/// A full set of answers to a step's questionnaire as it stands: `rating` for every rating
/// question, the first option of every choice, and `comment` for every free-text question.
func evaluationAnswers(_ app: Application, step: EvaluationStep, rating: Int = 4,
                       comment: String = "To handle chemicals safely in our prep room") async throws -> [String: String] {
    var values: [String: String] = [:]
    for question in try await EvaluationStore.questions(step, on: app.db) {
        switch question.kind {
        case .rating: values[question.id.uuidString] = String(rating)
        case .choice: values[question.id.uuidString] = question.options[0]
        case .text: values[question.id.uuidString] = comment
        }
    }
    return values
}

/// Submits answers to one step of a booking's evaluation through the API.
func submitEvaluation(_ app: Application, booking: String, step: EvaluationStep, token: String,
                      values: [String: String]) async throws -> TestingHTTPResponse {
    try await app.testing().sendRequest(.POST, "/api/v1/bookings/\(booking)/evaluation/\(step.rawValue)", headers: .json(bearer: token),
                                        body: jsonBody(["answers": values]))
}
