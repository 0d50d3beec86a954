import Foundation
import PrepRoomCore
import PrepRoomServices
import Vapor

/// Each API operation's request body as the OpenAPI document states it, found by the
/// request's route, so a handler can hold the body to it (`Request.decodeBody`).
enum RequestContract {
    struct Body { var schema: [String: Any]; var required: Bool }

    // Built once from a document that never changes; only read afterwards.
    nonisolated(unsafe) private static let bodies: [String: Body] = {
        let paths = OpenAPIDocument.document["paths"] as? [String: [String: [String: Any]]] ?? [:]
        var found: [String: Body] = [:]
        for (path, operations) in paths {
            for (method, operation) in operations {
                guard let body = operation["requestBody"] as? [String: Any],
                      let content = body["content"] as? [String: Any], let json = content["application/json"] as? [String: Any],
                      let schema = json["schema"] as? [String: Any] else { continue }
                found["\(method.uppercased()) \(path)"] = Body(schema: schema, required: body["required"] as? Bool ?? true)
            }
        }
        return found
    }()

    nonisolated(unsafe) static let validator = SchemaValidator(
        components: (OpenAPIDocument.document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:])

    /// The body this request's operation takes, if it is an API operation with one.
    static func body(for request: Request) -> Body? {
        guard let route = request.route else { return nil }
        let parts = route.path.map { component -> String in
            switch component {
            case .constant(let text): text
            case .parameter(let name): "{\(name)}"
            default: "*"
            }
        }
        guard parts.starts(with: ["api", "v1"]) else { return nil }
        return bodies["\(route.method.rawValue) /" + parts.dropFirst(2).joined(separator: "/")]
    }
}

extension Request {
    /// The JSON body, first held to the operation's schema in the API document (422
    /// naming the first field at fault), then decoded. Handlers call it after deciding
    /// whether the person may do this at all, so a wrong role hears 403, not about fields.
    func decodeBody<T: Decodable>(_ type: T.Type) throws -> T {
        try checkBodyAgainstContract()
        return try content.decode(T.self)
    }

    /// A JSON body that may be left out (a reason for cancelling, say). Absent or empty is
    /// nil; anything else is checked and must decode: never silently taken as absent.
    func optionalBody<T: Decodable>(_ type: T.Type) throws -> T? {
        guard let data = body.data, data.readableBytesView.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) })
        else { return nil }
        return try decodeBody(T.self)
    }

    private func checkBodyAgainstContract() throws {
        guard let contract = RequestContract.body(for: self), headers.contentType == .json,
              let data = body.data, data.readableBytes > 0 else { return }
        let value: JSONValue
        do { value = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: data)) }
        catch { throw ServiceError.badRequest("The request body is not valid JSON.") }
        if let problem = RequestContract.validator.problem(value, contract.schema, at: "") {
            throw ServiceError.invalid([problem])
        }
    }
}
