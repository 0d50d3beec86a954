import Foundation
import PrepRoomCore
import PrepRoomServices
import Vapor

/// The OpenAPI 3.1 description of `/api/v1`: operations (`OpenAPIOperations.swift`) and
/// schemas (`OpenAPISchemas.swift`). A test compares it with the registered routes, so a
/// route missing here fails the build; `scripts/security` holds the server to it.
enum OpenAPIDocument {
    struct Operation {
        var method: String
        var path: String
        var summary: String
        var tag: String
        var auth: Bool = false
        var body: String? = nil
        /// A body that may be left out (a reason that is optional).
        var bodyRequired = true
        var success: (status: Int, schema: String?) = (200, nil)
        /// A success that is a file rather than JSON (a data download).
        var successMedia: String? = nil
        var errors: [Int] = []
        var parameters: [[String: Any]] = []
    }

    /// What any operation may answer, whatever it does: a request the screening refuses
    /// (400: control characters, bytes that are not UTF-8, JSON that does not parse), an
    /// unknown or revoked bearer token (401, public operations too), too many requests
    /// (429); with a body, one without a content type (415) or with a value over its
    /// limit (422); with query parameters, a value out of range (422).
    static func answers(of operation: Operation) -> Set<Int> {
        var statuses = Set(operation.errors).union([400, 401, 429])
        if operation.body != nil { statuses.formUnion([415, 422]) }
        if !operation.parameters.isEmpty { statuses.insert(422) }
        if operation.auth { statuses.insert(403) }
        if !pathParameters(operation.path).isEmpty { statuses.insert(404) }
        return statuses
    }

    static var document: [String: Any] {
        let schemas = Self.schemas
        var paths: [String: [String: Any]] = [:]
        for operation in operations {
            var entry: [String: Any] = ["summary": operation.summary, "tags": [operation.tag],
                                        "operationId": operation.method + operation.path.replacingOccurrences(of: "/", with: "_")
                                            .replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")
                                            .replacingOccurrences(of: ".", with: "_")]
            let parameters = operation.parameters + pathParameters(operation.path).map { Schema.pathParameter($0, in: operation.path) }
            if !parameters.isEmpty { entry["parameters"] = parameters }
            if operation.auth { entry["security"] = [["bearer": [String]()], ["session": [String]()]] }
            if let body = operation.body {
                // A request states exactly what it takes: other properties are refused.
                let schema = Schema.closed(Schema.ref(body), components: schemas)
                entry["requestBody"] = ["required": operation.bodyRequired, "content": ["application/json": ["schema": schema]]]
            }
            var responses: [String: Any] = [:]
            var success: [String: Any] = ["description": "Success"]
            if let schema = operation.success.schema { success["content"] = ["application/json": ["schema": Schema.ref(schema)]] }
            if let media = operation.successMedia { success["content"] = [media: ["schema": ["type": "string", "contentMediaType": media]]] }
            responses[String(operation.success.status)] = success
            for status in answers(of: operation).sorted() {
                var response: [String: Any] = ["description": HTTPResponseStatus(statusCode: status).reasonPhrase,
                                               "content": ["application/json": ["schema": Schema.ref("Error")]]]
                if status == 429 { response["headers"] = ["Retry-After": ["description": "Seconds to wait", "schema": ["type": "integer"]]] }
                responses[String(status)] = response
            }
            entry["responses"] = responses
            paths[operation.path, default: [:]][operation.method] = entry
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": "PrepRoom API", "version": "1.0.0",
                     "description": "Courses, runs, accounts, centres and strategy for the national support service for school STEM technicians."],
            "servers": [["url": "/api/v1"]],
            "paths": paths,
            "components": [
                "schemas": schemas,
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"],
                                    "session": ["type": "apiKey", "in": "cookie", "name": "preproom-session"]],
            ],
        ]
    }

    static func pathParameters(_ path: String) -> [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
    }

    /// The document never changes while the process runs, so it is serialised once.
    private static let serialised: Data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])) ?? Data("{}".utf8)

    static func response() -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: serialised))
    }
}
