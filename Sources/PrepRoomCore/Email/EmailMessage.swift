import Foundation

/// An email as the outbox stores it and the sender delivers it.
public struct EmailMessage: Sendable, Equatable {
    /// How every message from the service ends.
    public static let signOff = "\n\nPrepRoom, the national support service for school STEM technicians"

    public struct Attachment: Sendable, Equatable {
        public var filename: String
        public var contentType: String
        public var content: String
        public init(filename: String, contentType: String, content: String) {
            self.filename = filename; self.contentType = contentType; self.content = content
        }
    }

    public var to: String
    public var subject: String
    public var body: String
    public var attachments: [Attachment]
    /// For an optional email, the address that stops that kind in one click: shown at the
    /// end of the text and sent as `List-Unsubscribe` with `List-Unsubscribe-Post` (RFC
    /// 8058), so a mail program's own "unsubscribe" button works too.
    public var stopLink: String?

    public init(to: String, subject: String, body: String, attachments: [Attachment] = [], stopLink: String? = nil) {
        self.to = to; self.subject = subject; self.body = body; self.attachments = attachments; self.stopLink = stopLink
    }

    /// This message as one of a kind of optional email (`what`, as the person chose it),
    /// with the link that stops that kind.
    public func stoppable(what: String, at link: String) -> EmailMessage {
        var message = self
        message.body += "\n\nYou can choose not to receive these (\(what.lowercased())). Stop them with one click: \(link)"
        message.stopLink = link
        return message
    }

    /// The HTML part, made from the text by the one template (`EmailHTML`).
    public var html: String { EmailHTML.render(subject: subject, body: body) }

    /// RFC 5322 / MIME text with CRLF line ends, ready for SMTP DATA (dot-stuffing is the
    /// sender's job).
    public func mime(from: String, messageID: String, date: Date) -> String {
        let dateFormatter = ServiceTime.formatter("EEE, dd MMM yyyy HH:mm:ss Z", timeZone: TimeZone(identifier: "UTC")!, locale: "en_US_POSIX")
        var lines = [
            "From: \(from)", "To: \(to)", "Subject: \(Self.encodeHeader(subject))",
            "Date: \(dateFormatter.string(from: date))", "Message-ID: <\(messageID)>", "MIME-Version: 1.0",
        ]
        if let stopLink, !stopLink.contains(where: { $0 == "\r" || $0 == "\n" || $0 == ">" }) {
            lines += ["List-Unsubscribe: <\(stopLink)>", "List-Unsubscribe-Post: List-Unsubscribe=One-Click"]
        }
        // The text and its HTML rendering as alternatives (clients show the richest they
        // can); attachments, when there are any, beside them in a mixed part.
        let alternative = "preproom-alt-\(messageID.prefix(16))"
        let parts = ["--\(alternative)", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", ""]
            + Self.base64Lines(body)
            + ["--\(alternative)", "Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: base64", ""]
            + Self.base64Lines(html) + ["--\(alternative)--"]
        if attachments.isEmpty {
            lines += ["Content-Type: multipart/alternative; boundary=\"\(alternative)\"", ""] + parts
        } else {
            let boundary = "preproom-\(messageID.prefix(16))"
            lines += ["Content-Type: multipart/mixed; boundary=\"\(boundary)\"", "",
                      "--\(boundary)", "Content-Type: multipart/alternative; boundary=\"\(alternative)\"", ""] + parts
            for attachment in attachments {
                lines += ["--\(boundary)", "Content-Type: \(attachment.contentType); charset=utf-8",
                          "Content-Disposition: attachment; filename=\"\(attachment.filename)\"",
                          "Content-Transfer-Encoding: base64", ""] + Self.base64Lines(attachment.content)
            }
            lines.append("--\(boundary)--")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func base64Lines(_ text: String) -> [String] {
        let encoded = Data(text.utf8).base64EncodedString()
        return stride(from: 0, to: encoded.count, by: 76).map { start in
            let from = encoded.index(encoded.startIndex, offsetBy: start)
            let to = encoded.index(from, offsetBy: min(76, encoded.count - start))
            return String(encoded[from..<to])
        }
    }

    /// Non-ASCII subjects travel as RFC 2047 encoded words.
    static func encodeHeader(_ text: String) -> String {
        text.allSatisfy(\.isASCII) ? text : "=?utf-8?B?\(Data(text.utf8).base64EncodedString())?="
    }
}
