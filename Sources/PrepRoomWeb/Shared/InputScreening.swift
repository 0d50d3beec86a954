import Foundation
import PrepRoomCore
import Vapor

/// Refuses, before any handler or database sees it, a request whose path, query or body
/// is not valid UTF-8, carries control characters no person types (NUL among them), or
/// holds a single value longer than `TextLimit.anyValue`. Each field's own, shorter limit
/// is the handler's (422 naming the field); this is the floor under all of them.
struct InputScreening: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try Self.screenURLEncoded(request.url.path, isPath: true)
        if let query = request.url.query { try Self.screenURLEncoded(query, isPath: false) }
        if let type = request.headers.contentType, type == .urlEncodedForm || type == .json {
            if request.body.data == nil {
                _ = try await request.body.collect(max: request.route?.formBodyLimit ?? request.application.routes.defaultMaxBodySize.value).get()
            }
            if let body = request.body.data {
                guard let text = String(validating: body.readableBytesView, as: UTF8.self) else { throw Self.refused }
                if type == .json { try Self.screenJSON(text) } else { try Self.screenURLEncoded(text, isPath: false) }
            }
        }
        return try await next.respond(to: request)
    }

    static let refused = ServiceError.badRequest(
        "The request holds characters that are not allowed (such as NUL or other control characters) or is not valid UTF-8.")
    static let tooLong = ServiceError.badRequest("A value in the request is longer than \(TextLimit.anyValue) characters.")

    /// `a=b&c=d` (a query or a form) or a path: each part percent-decoded and checked.
    static func screenURLEncoded(_ text: String, isPath: Bool) throws {
        let parts = isPath ? text.split(separator: "/") : text.split(whereSeparator: { $0 == "&" || $0 == "=" })
        for part in parts {
            let plain = isPath ? String(part) : part.replacingOccurrences(of: "+", with: " ")
            guard let decoded = plain.removingPercentEncoding else { throw refused }
            try screen(decoded)
        }
    }

    /// A JSON body: valid UTF-8, and every string in it (keys too) checked once decoded,
    /// so `\u0000` escapes are caught as well as raw bytes.
    static func screenJSON(_ text: String) throws {
        // Malformed JSON is the decoder's to report (400 with its own message).
        guard let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else { return }
        try walk(value)
    }

    private static func walk(_ value: Any) throws {
        switch value {
        case let text as String: try screen(text)
        case let array as [Any]: for item in array { try walk(item) }
        case let object as [String: Any]:
            for (key, item) in object {
                try screen(key)
                try walk(item)
            }
        default: break
        }
    }

    static func screen(_ text: String) throws {
        if ControlCharacters.contains(text) { throw refused }
        if text.utf8.count > TextLimit.anyValue, text.count > TextLimit.anyValue { throw tooLong }
    }
}
