import Fluent
import Foundation
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("OpenAPI document")
struct OpenAPITests {
    /// Every route under /api/v1 must be described, and nothing described may be missing.
    @Test func everyAPIRouteIsInTheDocumentAndViceVersa() async throws {
        try await withPrepRoom { app in
            let registered = Set(app.routes.all.compactMap { route -> String? in
                let parts = route.path.map { component -> String in
                    switch component {
                    case .constant(let text): return text
                    case .parameter(let name): return "{\(name)}"
                    default: return "*"
                    }
                }
                guard parts.starts(with: ["api", "v1"]) else { return nil }
                return "\(route.method.rawValue.lowercased()) /" + parts.dropFirst(2).joined(separator: "/")
            })
            let response = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = try response.json()
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0) \(path)" } })
            #expect(registered.subtracting(documented).isEmpty, "routes missing from the document: \(registered.subtracting(documented).sorted())")
            #expect(documented.subtracting(registered).isEmpty, "documented but not routed: \(documented.subtracting(registered).sorted())")
            #expect(registered.count >= 20)
        }
    }

    @Test func everySchemaReferenceResolves() async throws {
        let data = try JSONSerialization.data(withJSONObject: OpenAPIDocument.document)
        let text = String(decoding: data, as: UTF8.self)
        let schemas = try #require((OpenAPIDocument.document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let pattern = try NSRegularExpression(pattern: "#\\\\/components\\\\/schemas\\\\/([A-Za-z]+)")
        let names = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
        #expect(!names.isEmpty)
        for name in Set(names) { #expect(schemas[name] != nil, "unresolved $ref \(name)") }
    }
}
