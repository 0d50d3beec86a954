import PrepRoomServices
import Vapor

/// Which methods each routed path answers, so a request with another method gets 405 and
/// an `Allow` header (RFC 9110) rather than a 404 that says the path does not exist.
struct AllowedMethods: Sendable {
    private let routes: [(method: HTTPMethod, path: [PathComponent])]

    init(_ routes: [Route]) {
        self.routes = routes.map { ($0.method, $0.path) }
    }

    /// The methods routed for this path, HEAD with GET; empty when no route has the path.
    func methods(for path: String) -> [HTTPMethod] {
        let parts = path.split(separator: "/").map(String.init)
        var found = Set(routes.filter { Self.matches($0.path, parts) }.map(\.method.rawValue))
        if found.contains("GET") { found.insert("HEAD") }
        return found.sorted().map { HTTPMethod(rawValue: $0) }
    }

    private static func matches(_ pattern: [PathComponent], _ parts: [String]) -> Bool {
        for (index, component) in pattern.enumerated() {
            switch component {
            case .catchall: return parts.count > index
            case .constant(let text): guard index < parts.count, parts[index] == text else { return false }
            case .parameter, .anything: guard index < parts.count else { return false }
            }
        }
        return pattern.count == parts.count
    }
}

extension Application {
    private struct AllowedMethodsKey: StorageKey { typealias Value = AllowedMethods }

    /// Built once, after every route is registered (`routes(_:)`).
    var allowedMethods: AllowedMethods? {
        get { storage[AllowedMethodsKey.self] }
        set { storage[AllowedMethodsKey.self] = newValue }
    }
}
