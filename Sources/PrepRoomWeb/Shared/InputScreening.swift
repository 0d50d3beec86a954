import Foundation
import PrepRoomCore
import PrepRoomServices
import Vapor

/// Refuses, before any handler or database sees it, a request whose path, query or body
/// is not valid UTF-8 or carries control characters no person types (NUL among them):
/// 400. A value longer than its field's limit (`TextLimit.limit(forField:)`, the same
/// limit the form's `maxlength` and the OpenAPI document's `maxLength` state) is a 422
/// naming the field. Handlers then check what only they can (required, formats, rules).
struct InputScreening: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try Self.screenPath(request.url.path)
        if let query = request.url.query { try Self.screenPairs(query) }
        if let type = request.headers.contentType, type == .urlEncodedForm || type == .json {
            if request.body.data == nil {
                _ = try await request.body.collect(max: request.route?.formBodyLimit ?? request.application.routes.defaultMaxBodySize.value).get()
            }
            if let body = request.body.data {
                guard let text = String(validating: body.readableBytesView, as: UTF8.self) else { throw Self.refused }
                if type == .json { try Self.screenJSON(text) } else { try Self.screenPairs(text) }
            }
        }
        return try await next.respond(to: request)
    }

    static let refused = ServiceError.badRequest(
        "The request holds characters that are not allowed (such as NUL or other control characters) or is not valid UTF-8.")

    static func screenPath(_ path: String) throws {
        for part in path.split(separator: "/") {
            guard let decoded = part.removingPercentEncoding else { throw refused }
            try screen(decoded, field: nil)
        }
    }

    /// `a=b&c=d`, a query string or a form body: each name and value percent-decoded.
    static func screenPairs(_ text: String) throws {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts[0].replacingOccurrences(of: "+", with: " ").removingPercentEncoding,
                  let value = (parts.count > 1 ? parts[1] : "").replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            else { throw refused }
            try screen(name, field: nil)
            try screen(value, field: name)
        }
    }

    /// A JSON body: every string in it (keys too) checked once decoded, so `\u0000`
    /// escapes are caught as well as raw bytes, and each against its field's limit.
    static func screenJSON(_ text: String) throws {
        guard !text.allSatisfy(\.isWhitespace) else { return }
        // Malformed JSON is refused here, so no handler can mistake it for an absent body.
        guard let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
            throw ServiceError.badRequest("The request body is not valid JSON.")
        }
        try walk(value, field: nil, path: "")
    }

    private static func walk(_ value: Any, field: String?, path: String) throws {
        switch value {
        case let text as String: try screen(text, field: field, path: path)
        case let array as [Any]:
            for (index, item) in array.enumerated() { try walk(item, field: field, path: "\(path)[\(index)]") }
        case let object as [String: Any]:
            for (key, item) in object {
                try screen(key, field: nil)
                // A key that is an id (an answer per question) keeps its parent's name.
                let name = UUID(uuidString: key) == nil ? key : field
                try walk(item, field: name, path: path.isEmpty ? key : "\(path).\(key)")
            }
        default: break
        }
    }

    static func screen(_ text: String, field: String?, path: String? = nil) throws {
        if ControlCharacters.contains(text) { throw refused }
        let limit = field.map(TextLimit.limit(forField:)) ?? TextLimit.anyValue
        if text.utf8.count > limit, text.count > limit {
            let name = path ?? field ?? "value"
            throw ServiceError.invalid([FieldError(name, "\(name) must be at most \(limit) characters")])
        }
    }
}
