import Foundation
import PrepRoomCore

/// Why a use case did not do what it was asked, in words a person or an API client is
/// meant to read. The web layer turns `kind` into an HTTP status and renders it as
/// `{"error": {"code", "message", "field"}}` under /api and as an error page elsewhere.
public struct ServiceError: Error, Sendable {
    /// What kind of refusal: each has one HTTP status (`ServiceError+HTTP.swift`).
    public enum Kind: Sendable, Equatable {
        /// The request could not be read at all.
        case badRequest
        /// Nobody is signed in (or the credentials are wrong).
        case unauthorized
        /// Signed in, but not allowed.
        case forbidden
        case notFound
        case methodNotAllowed
        /// It clashes with the state of things (a full run, a second booking).
        case conflict
        case payloadTooLarge
        /// A body without a type it can be read as.
        case unsupportedMediaType
        /// The input breaks a rule; `fieldErrors` says which.
        case unprocessableEntity
        case tooManyRequests
        case internalServerError
        /// Something the service relies on is missing or busy here (a converter not installed).
        case unavailable
    }

    public var kind: Kind
    public var code: String
    public var message: String
    public var field: String?
    /// Every field at fault, for a form's error summary (`field` names the first).
    public var fieldErrors: [FieldError] = []
    /// For too many requests: seconds until a retry may succeed.
    public var retryAfter: Int?

    public init(_ kind: Kind, _ code: String, _ message: String, field: String? = nil) {
        self.kind = kind; self.code = code; self.message = message; self.field = field
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

    /// Too many requests, with the moment the next attempt will be allowed.
    public static func tooManyRequests(_ message: String, until: Date, now: Date = Date()) -> ServiceError {
        var error = ServiceError(.tooManyRequests, "too_many_requests", message)
        error.retryAfter = max(1, Int(until.timeIntervalSince(now).rounded(.up)))
        return error
    }

    public static func badRequest(_ message: String) -> ServiceError {
        ServiceError(.badRequest, "bad_request", message)
    }
}
