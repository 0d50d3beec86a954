import Foundation

/// A document someone sent, as the web layer received it.
package struct Upload: Sendable {
    package var filename: String
    package var contentType: String?
    package var bytes: Data

    package init(filename: String, contentType: String?, bytes: Data) {
        self.filename = filename; self.contentType = contentType; self.bytes = bytes
    }

    /// "5 MB", for messages.
    package static func megabytes(_ bytes: Int) -> String { "\(bytes / (1024 * 1024)) MB" }
}
