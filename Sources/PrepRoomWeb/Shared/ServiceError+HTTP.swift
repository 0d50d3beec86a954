import PrepRoomServices
import Vapor

/// Each kind of refusal has one HTTP status; the body is `ErrorResponder`'s.
extension ServiceError: AbortError {
    public var status: HTTPResponseStatus {
        switch kind {
        case .badRequest: .badRequest
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .conflict: .conflict
        case .payloadTooLarge: .payloadTooLarge
        case .unsupportedMediaType: .unsupportedMediaType
        case .unprocessableEntity: .unprocessableEntity
        case .tooManyRequests: .tooManyRequests
        case .internalServerError: .internalServerError
        case .unavailable: .serviceUnavailable
        }
    }

    public var reason: String { message }

    /// The kind for a status Vapor raised itself (a 404 for no route, a 413 body).
    static func kind(for status: HTTPResponseStatus) -> Kind {
        switch status.code {
        case 400: .badRequest
        case 401: .unauthorized
        case 403: .forbidden
        case 404: .notFound
        case 405: .methodNotAllowed
        case 409: .conflict
        case 413: .payloadTooLarge
        case 415: .unsupportedMediaType
        case 422: .unprocessableEntity
        case 429: .tooManyRequests
        case 400..<500: .badRequest
        case 503: .unavailable
        default: .internalServerError
        }
    }
}

/// The JSON body of every API error.
struct ErrorBody: Content {
    struct Detail: Content {
        var code: String
        var message: String
        var field: String?
    }
    var error: Detail
}

// What the services return, as the API sends it.
