import PrepRoomCore
import PrepRoomServices
import Vapor

/// Turns any thrown error into the shape its caller reads: JSON under /api, a page elsewhere.
/// Unexpected errors are logged and shown without internals.
struct ErrorResponder: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            var problem = Self.describe(error)
            var allow: [HTTPMethod] = []
            if problem.status == .notFound, request.route == nil,
               let methods = request.application.allowedMethods?.methods(for: request.url.path), !methods.isEmpty {
                allow = methods
                problem = ServiceError(.methodNotAllowed, "method_not_allowed",
                                       "This address does not answer \(request.method.rawValue); it answers \(methods.map(\.rawValue).joined(separator: ", ")).")
            }
            if problem.status == .internalServerError {
                request.logger.report(error: error)
            }
            let response = try await Self.response(for: problem, to: request)
            if !allow.isEmpty { response.headers.replaceOrAdd(name: .allow, value: allow.map(\.rawValue).joined(separator: ", ")) }
            if let seconds = problem.retryAfter { response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds)) }
            return response
        }
    }

    private static func response(for problem: ServiceError, to request: Request) async throws -> Response {
        if request.url.path.hasPrefix(SiteURL.apiDocumentation.path) {
            let response = Response(status: problem.status)
            try response.content.encode(ErrorBody(error: .init(code: problem.code, message: problem.message, field: problem.field)))
            if problem.status == .unauthorized {
                response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer")
            }
            return response
        }
        if problem.status == .unauthorized, request.method == .GET {
            let next = request.url.path + (request.url.query.map { "?\($0)" } ?? "")
            return request.redirect(to: SiteURL.signIn(next: next).path)
        }
        return ErrorPage(problem: problem).response(for: request, status: problem.status)
    }

    static func describe(_ error: any Error) -> ServiceError {
        switch error {
        case let error as ServiceError:
            return error
        case let error as DecodingError:
            return decodingProblem(error)
        case let error as any AbortError:
            let code = error.status == .notFound ? "not_found" : error.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
            let message = switch error.status {
            case .notFound: "There is nothing at this address."
            // Vapor refuses the body before a form sees it, so say here what the limits are.
            case .payloadTooLarge: "What you sent is too large. A document can be at most \(BodyLimits.megabytes(ExternalVerificationDesk.maxDocumentBytes)) "
                + "(one in Techné's resource library \(BodyLimits.megabytes(ResourceRules.maxDocumentBytes))) "
                + "and other forms \(BodyLimits.megabytes(BodyLimits.form)): go back and choose a smaller file."
            default: error.reason
            }
            return ServiceError(ServiceError.kind(for: error.status), code, message)
        default:
            return ServiceError(.internalServerError, "internal", "Something went wrong on our side. Please try again.")
        }
    }

    /// A body that is not JSON at all is a 400; a well-formed body with a missing or
    /// wrongly typed field is a 422 naming that field.
    static func decodingProblem(_ error: DecodingError) -> ServiceError {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .replacingOccurrences(of: ".[", with: "[").trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return .badRequest("The request body is not valid JSON.")
        case .keyNotFound(let key, let context):
            let field = (path(context) + "." + key.stringValue).trimmingCharacters(in: CharacterSet(charactersIn: "."))
            return ServiceError(.unprocessableEntity, "missing_field", "\(field) is required.", field: field)
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let field = path(context)
            if field.isEmpty {
                return ServiceError(.unprocessableEntity, "invalid_body", "The request body must be a JSON object of the shape the API document gives.", field: "body")
            }
            return ServiceError(.unprocessableEntity, "invalid_field", "\(field) has the wrong type or format.", field: field)
        @unknown default:
            return .badRequest("The request body could not be read.")
        }
    }
}
