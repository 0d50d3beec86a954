import Foundation
import Logging
import NIOConcurrencyHelpers

/// One JSON object a line on standard output, for a log collector (journald, Loki, an ELK
/// stack): `time`, `level`, `label`, `message`, the metadata (Vapor's `request-id` among
/// it, the same id the response's `X-Request-Id` carries) and where in the code it was
/// logged. Whatever a request put into a message arrives escaped by the encoder, so it
/// cannot forge a line of its own.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(label: String, level: Logger.Level, metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider) {
        self.label = label; self.logLevel = level; self.metadataProvider = metadataProvider
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        Self.output.withLockedValue { write in write(Self.line(event, label: label, metadata: merged(event.metadata))) }
    }

    private func merged(_ explicit: Logger.Metadata?) -> Logger.Metadata {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let explicit { all.merge(explicit) { _, new in new } }
        return all
    }

    static func line(_ event: LogEvent, label: String, metadata: Logger.Metadata, now: Date = Date()) -> Data {
        var object: [String: String] = [
            "time": Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(now),
            "level": event.level.rawValue, "label": label, "message": event.message.description,
            "source": "\(event.file.split(separator: "/").last ?? ""):\(event.line)",
        ]
        if let error = event.error { object["error"] = String(describing: error) }
        for (key, value) in metadata where object[key] == nil { object[key] = value.description }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = (try? encoder.encode(object)) ?? Data(#"{"message":"unencodable log line"}"#.utf8)
        data.append(0x0A)
        return data
    }

    /// Lines are written whole, one at a time.
    private static let output = NIOLockedValueBox<@Sendable (Data) -> Void>({ FileHandle.standardOutput.write($0) })
}
