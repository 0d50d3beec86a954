import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small SMTP client (RFC 5321) for a relay on the service's own network: EHLO, MAIL,
/// RCPT, DATA, QUIT over plain TCP. Blocking, with timeouts; run it off the event loop.
/// No TLS or AUTH: point it at a local relay (Postfix, an internal smart host) that does.
package struct SMTPClient: Sendable {
    package var host: String
    package var port: Int
    package var heloName = "preproom.local"
    package var timeoutSeconds = 15

    package struct Failure: Error, CustomStringConvertible {
        package let description: String

        package init(description: String) {
            self.description = description
        }
    }

    package func send(from: String, to: String, mime: String) throws {
        let socket = try connect()
        defer { close(socket) }
        var reader = LineReader(socket: socket)
        try expect(220, reader.reply())
        try write(socket, "EHLO \(heloName)\r\n"); try expect(250, reader.reply())
        try write(socket, "MAIL FROM:<\(from)>\r\n"); try expect(250, reader.reply())
        try write(socket, "RCPT TO:<\(to)>\r\n")
        let rcpt = try reader.reply()
        guard rcpt.code == 250 || rcpt.code == 251 else { throw Failure(description: "RCPT refused: \(rcpt.text)") }
        try write(socket, "DATA\r\n"); try expect(354, reader.reply())
        try write(socket, Self.dotStuffed(mime) + ".\r\n"); try expect(250, reader.reply())
        try? write(socket, "QUIT\r\n")
    }

    /// A line that starts with "." gets another, so it cannot end the message early.
    package static func dotStuffed(_ mime: String) -> String {
        var text = mime.replacingOccurrences(of: "\r\n.", with: "\r\n..")
        if text.hasPrefix(".") { text = "." + text }
        return text.hasSuffix("\r\n") ? text : text + "\r\n"
    }

    private func expect(_ code: Int, _ reply: (code: Int, text: String)) throws {
        guard reply.code == code else { throw Failure(description: "expected \(code), server said \(reply.code) \(reply.text)") }
    }

    private func connect() throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var results: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &results) == 0, let first = results else {
            throw Failure(description: "cannot resolve \(host)")
        }
        defer { freeaddrinfo(results) }
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd >= 0 {
                var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return fd }
                close(fd)
            }
            candidate = info.pointee.ai_next
        }
        throw Failure(description: "cannot connect to \(host):\(port)")
    }

    private func write(_ socket: Int32, _ text: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let sent = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw Failure(description: "connection lost while sending") }
            bytes = bytes.dropFirst(sent)
        }
    }

    package init(host: String, port: Int) {
        self.host = host; self.port = port
    }
}

/// Reads CRLF-terminated lines and multi-line SMTP replies ("250-…" … "250 …").
package struct LineReader {
    package let socket: Int32
    private var buffer: [UInt8] = []

    package init(socket: Int32) { self.socket = socket }

    package mutating func line() throws -> String {
        while true {
            if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<end], as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
                buffer.removeSubrange(...end)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw SMTPClient.Failure(description: "connection closed or timed out") }
            buffer += chunk[..<count]
        }
    }

    package mutating func reply() throws -> (code: Int, text: String) {
        var text = ""
        while true {
            let line = try line()
            guard line.count >= 3, let code = Int(line.prefix(3)) else { throw SMTPClient.Failure(description: "malformed reply: \(line)") }
            text += line.dropFirst(4) + " "
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " { return (code, text) }
        }
    }
}
