import Foundation
import PrepRoomCore
import Vapor

/// JSON written straight into bytes, for answers of hundreds of lines: writing a school's
/// register of 200 items through Foundation's `JSONEncoder` (a tree of boxes, then each
/// object's keys sorted) took a quarter of the request's CPU.
///
/// It writes what `JSONCoding.encoder` writes, byte for byte (a test holds the two
/// together): the caller gives each object's keys in sorted order, a nil value leaves its
/// key out as synthesised `Encodable` does, and strings are escaped as Foundation escapes
/// them.
struct JSONText {
    private(set) var bytes: [UInt8] = []
    /// Whether the next value needs a comma before it.
    private var afterValue = false

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    mutating func object(_ body: (inout JSONText) -> Void) {
        open(UInt8(ascii: "{")); body(&self); close(UInt8(ascii: "}"))
    }

    mutating func array<S: Sequence>(_ elements: S, _ each: (inout JSONText, S.Element) -> Void) {
        open(UInt8(ascii: "[")); for element in elements { each(&self, element) }; close(UInt8(ascii: "]"))
    }

    /// A key of the enclosing object; the value written next is its value.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        afterValue = false
    }

    mutating func string(_ text: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 { escape(byte) }
        bytes.append(UInt8(ascii: "\""))
        afterValue = true
    }

    mutating func int(_ value: Int) { separate(); bytes.append(contentsOf: String(value).utf8); afterValue = true }

    mutating func bool(_ value: Bool) { separate(); bytes.append(contentsOf: (value ? "true" : "false").utf8); afterValue = true }

    // A key and its value; nil leaves the key out.
    mutating func field(_ name: StaticString, _ text: String?) { if let text { key(name); string(text) } }
    mutating func field(_ name: StaticString, _ id: UUID) { key(name); string(UUIDText.string(id)) }
    mutating func field(_ name: StaticString, _ value: Int) { key(name); int(value) }
    mutating func field(_ name: StaticString, _ value: Bool) { key(name); bool(value) }
    mutating func field<E: RawRepresentable<String>>(_ name: StaticString, _ value: E?) { field(name, value?.rawValue) }

    /// The answer as `Content` would send it.
    func response(status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(buffer: ByteBuffer(bytes: bytes)))
    }

    private mutating func separate() {
        if afterValue { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func open(_ bracket: UInt8) { separate(); bytes.append(bracket); afterValue = false }
    private mutating func close(_ bracket: UInt8) { bytes.append(bracket); afterValue = true }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
        case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
        case UInt8(ascii: "/"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "/")])
        case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
        case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
        case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
        case 0..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                      hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
        default: bytes.append(byte)
        }
    }
}
