import PrepRoomCore
import Vapor

/// An error a person or API client is meant to read. Rendered as
/// `{"error": {"code", "message", "field"}}` under /api and as an error page elsewhere.
public struct ServiceError: AbortError, Sendable {
    public var status: HTTPResponseStatus
    public var code: String
    public var message: String
    public var field: String?
    /// Every field at fault, for a form's error summary (`field` names the first).
    public var fieldErrors: [FieldError] = []
    /// For 429: seconds until a retry may succeed (the `Retry-After` header).
    public var retryAfter: Int?

    public var reason: String { message }

    public init(_ status: HTTPResponseStatus, _ code: String, _ message: String, field: String? = nil) {
        self.status = status; self.code = code; self.message = message; self.field = field
    }

    public static func notFound(_ what: String) -> ServiceError {
        ServiceError(.notFound, "not_found", "There is no \(what) at this address.")
    }

    public static let signInRequired = ServiceError(.unauthorized, "sign_in_required", "Sign in to do this.")

    public static func forbidden(_ message: String = "Your account is not allowed to do this.") -> ServiceError {
        ServiceError(.forbidden, "forbidden", message)
    }

    public static func conflict(_ code: String, _ message: String, field: String? = nil) -> ServiceError {
        ServiceError(.conflict, code, message, field: field)
    }

    /// The first problem names the field; every message is joined so none is lost.
    public static func invalid(_ errors: [FieldError]) -> ServiceError {
        var error = ServiceError(.unprocessableEntity, "invalid", errors.map(\.message).joined(separator: ". "),
                                 field: errors.first?.field)
        error.fieldErrors = errors
        return error
    }

    /// What a form shows: every field at fault, or this one error against `field`.
    public func formErrors(defaultField: String) -> [FieldError] {
        fieldErrors.isEmpty ? [FieldError(field ?? defaultField, message)] : fieldErrors
    }

    /// 429 with the moment the next attempt will be allowed.
    public static func tooManyRequests(_ message: String, until: Date, now: Date = Date()) -> ServiceError {
        var error = ServiceError(.tooManyRequests, "too_many_requests", message)
        error.retryAfter = max(1, Int(until.timeIntervalSince(now).rounded(.up)))
        return error
    }

    public static func badRequest(_ message: String) -> ServiceError {
        ServiceError(.badRequest, "bad_request", message)
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
