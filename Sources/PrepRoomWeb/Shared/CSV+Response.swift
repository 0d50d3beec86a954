import PrepRoomServices
import Vapor

extension CSV {
    /// A CSV download named `filename`.
    static func response(_ text: String, filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.contentDisposition = .init(.attachment, filename: Response.safeFilename(filename))
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}

extension Response {
    /// A document someone uploaded, sent back: always a download, never shown in the
    /// site's own origin, its type as stored and not sniffed.
    static func download(_ bytes: Data, contentType: String, filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: contentType)
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.contentDisposition = .init(.attachment, filename: safeFilename(filename))
        return Response(status: .ok, headers: headers, body: .init(data: bytes))
    }

    /// The name a person's file was uploaded under, as a header may carry it: quotes,
    /// backslashes, control characters and non-ASCII letters become "_", so the header
    /// cannot be broken or split by a crafted name.
    static func safeFilename(_ name: String) -> String {
        let safe = String(name.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && scalar.value >= 0x20 && scalar.value != 0x7F && scalar != "\"" && scalar != "\\" ? Character(scalar) : "_"
        })
        return safe.isEmpty ? "document" : String(safe.suffix(200))
    }
}
