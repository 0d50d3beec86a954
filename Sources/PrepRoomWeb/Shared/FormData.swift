import PrepRoomServices
import Vapor

/// An `application/x-www-form-urlencoded` body read as flat name → values, so field
/// names can be chosen for people (`sessions-0-start`) rather than for a decoder.
struct FormData {
    private var values: [String: [String]] = [:]

    init(_ request: Request) {
        guard let body = request.body.string else { return }
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[name, default: []].append(value)
        }
    }

    private static func decode(_ text: Substring) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
    }

    /// The trimmed value, or nil when absent or blank.
    subscript(_ name: String) -> String? {
        guard let value = values[name]?.last?.trimmed, !value.isEmpty else { return nil }
        return value
    }

    /// The value exactly as sent, untrimmed (passwords).
    func exact(_ name: String) -> String { values[name]?.last ?? "" }

    func all(_ name: String) -> [String] { values[name] ?? [] }

    func flag(_ name: String) -> Bool { self[name] != nil }
}
