import Fluent
import Foundation
import SQLKit
import PrepRoomCore

/// An email waiting to go (or gone). Written in the same transaction as the change it
/// reports, so no message is sent for a change that rolled back, and none is lost.
public final class OutboxMessage: Model, @unchecked Sendable {
    public static let schema = "outbox"

    @ID(key: .id) public var id: UUID?
    @Field(key: "recipient") public var recipient: String
    @Field(key: "subject") public var subject: String
    @Field(key: "body") public var body: String
    /// Attachments as JSON: [{filename, contentType, content}].
    @Field(key: "attachments") public var attachmentsJSON: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "sent_at") public var sentAt: Date?
    @Field(key: "attempts") public var attempts: Int
    @OptionalField(key: "last_error") public var lastError: String?
    /// A sender claims a message until this time, so two senders never both deliver it.
    @OptionalField(key: "claimed_until") public var claimedUntil: Date?
    /// An optional email's one-click stop address (`EmailMessage.stopLink`).
    @OptionalField(key: "stop_link") public var stopLink: String?

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $recipient, $subject, $body, $attachmentsJSON, $createdAt, $sentAt, $attempts, $lastError, $claimedUntil, $stopLink] }

    public init() {}

    public convenience init(_ message: EmailMessage, at: Date = Date()) {
        self.init()
        recipient = message.to; subject = message.subject; body = message.body
        attachmentsJSON = Self.attachmentsJSON(message)
        stopLink = message.stopLink
        createdAt = at; attempts = 0
    }

    /// How a message's attachments are stored: JSON [{filename, contentType, content}].
    static func attachmentsJSON(_ message: EmailMessage) -> String {
        let attachments = message.attachments.map { ["filename": $0.filename, "contentType": $0.contentType, "content": $0.content] }
        return String(decoding: (try? JSONSerialization.data(withJSONObject: attachments)) ?? Data("[]".utf8), as: UTF8.self)
    }

    /// Queues a message with a plain insert, inside the caller's transaction.
    public static func queue(_ message: EmailMessage, at: Date = Date(), on db: any Database) async throws {
        try await (db as! any SQLDatabase).insert(into: schema)
            .columns("id", "recipient", "subject", "body", "attachments", "created_at", "attempts", "stop_link")
            .values(SQLBind(UUID()), SQLBind(message.to), SQLBind(message.subject), SQLBind(message.body),
                    SQLBind(attachmentsJSON(message)), SQLBind(at), SQLBind(0), SQLBind(message.stopLink))
            .run()
    }

    /// How many messages wait to be sent, and how long the oldest has waited (nil: none).
    public static func queueState(now: Date, on db: any Database) async throws -> (pending: Int, oldestAge: Double?) {
        struct Row: Decodable { var n: Int; var oldest: Date? }
        let row = try await (db as! any SQLDatabase).raw("""
            SELECT count(*) AS n, min(created_at) AS oldest FROM \(ident: schema) WHERE sent_at IS NULL
            """).first(decoding: Row.self)
        return (row?.n ?? 0, row?.oldest.map { max(0, now.timeIntervalSince($0)) })
    }

    public var message: EmailMessage {
        let raw = (try? JSONSerialization.jsonObject(with: Data(attachmentsJSON.utf8))) as? [[String: String]] ?? []
        return EmailMessage(to: recipient, subject: subject, body: body, attachments: raw.map {
            .init(filename: $0["filename"] ?? "attachment", contentType: $0["contentType"] ?? "application/octet-stream", content: $0["content"] ?? "")
        }, stopLink: stopLink)
    }
}
