import Foundation

/// How the service writes and compares the secrets it hands out (tokens, signed links,
/// the metrics password): one place, so every secret is URL-safe the same way and every
/// comparison takes the same time whatever the first wrong byte.
package enum Secrets {
    /// Base64 with `-` and `_` and no padding (RFC 4648 §5): safe in a URL path or a cookie.
    package static func base64URL<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Whether two secrets are the same, in time that depends on their length only.
    package static func same(_ given: String, _ expected: String) -> Bool {
        let given = Array(given.utf8), expected = Array(expected.utf8)
        guard given.count == expected.count else { return false }
        return zip(given, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
