import Foundation

/// A document to download, or a video to watch (a link, with its transcript or captions
/// as text, so nobody needs the sound or the picture to follow it).
public enum ResourceKind: String, CaseIterable, Codable, Sendable {
    case document, video

    public var label: String {
        switch self {
        case .document: "Document"
        case .video: "Video"
        }
    }
}

/// The kinds of document the library takes: each known by its first bytes as well as by
/// its name, so a renamed program is refused.
public enum DocumentType: String, CaseIterable, Sendable {
    case pdf, docx, xlsx, pptx, odt, png, jpeg, txt

    public var contentType: String {
        switch self {
        case .pdf: "application/pdf"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        case .odt: "application/vnd.oasis.opendocument.text"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .txt: "text/plain; charset=utf-8"
        }
    }

    private var extensions: [String] {
        switch self {
        case .jpeg: ["jpg", "jpeg"]
        default: [rawValue]
        }
    }

    /// The type of a file by its name, if its first bytes agree; nil for anything else.
    public static func of(filename: String, bytes: Data) -> DocumentType? {
        let ext = filename.split(separator: ".").last.map { $0.lowercased() } ?? ""
        guard let type = allCases.first(where: { $0.extensions.contains(ext) }) else { return nil }
        let head = [UInt8](bytes.prefix(8))
        func starts(_ prefix: [UInt8]) -> Bool { head.count >= prefix.count && Array(head.prefix(prefix.count)) == prefix }
        switch type {
        case .pdf: return starts([0x25, 0x50, 0x44, 0x46]) ? type : nil // %PDF
        case .docx, .xlsx, .pptx, .odt: return starts([0x50, 0x4B, 0x03, 0x04]) ? type : nil // a ZIP
        case .png: return starts([0x89, 0x50, 0x4E, 0x47]) ? type : nil
        case .jpeg: return starts([0xFF, 0xD8, 0xFF]) ? type : nil
        case .txt: return String(data: bytes, encoding: .utf8) != nil && !bytes.contains(0) ? type : nil
        }
    }

    public static var names: String { allCases.map { $0.rawValue.uppercased() }.joined(separator: ", ") }
}

/// The resource library's rules: who publishes, what a resource and a new version must say.
public enum ResourceRules {
    public static let maxDocumentBytes = 10 * 1024 * 1024
    /// The whole upload: the document, its fields and the multipart framing.
    public static let maxUploadBytes = 11 * 1024 * 1024
    public static let titleLength = 8...TextLimit.title
    public static let mostTags = 10
    public static let longestTag = 30

    /// The service's editors curate the library (admins too).
    public static func mayPublish(_ permissions: Permissions) -> Bool { permissions.has(.editor) }

    /// Tags as typed ("COSHH, fume cupboards"): slugs, each once, at most ten.
    public static func tags(_ text: String?) -> [String] {
        var seen = Set<String>()
        return (text ?? "").split(separator: ",").map { String(Slug.make(String($0)).prefix(longestTag)) }
            .filter { !$0.isEmpty && seen.insert($0).inserted }.prefix(mostTags).map { $0 }
    }

    public static func problems(title: String?, summary: String?) -> [FieldError] {
        var problems: [FieldError] = []
        let title = (title ?? "").trimmed, summary = (summary ?? "").trimmed
        if !titleLength.contains(title.count) {
            problems.append(FieldError("title", "Give the resource a title of \(titleLength.lowerBound) to \(titleLength.upperBound) characters"))
        }
        if summary.isEmpty { problems.append(FieldError("summary", "Say in a sentence or two what it is and who it is for")) }
        return problems
    }

    /// A video is a link (https) with its transcript or captions as text.
    public static func videoProblems(url: String?, transcript: String?) -> [FieldError] {
        var problems: [FieldError] = []
        let url = (url ?? "").trimmed
        if !(url.hasPrefix("https://") && URL(string: url)?.host?.isEmpty == false) {
            problems.append(FieldError("url", "Give the video's address, starting https://"))
        }
        if (transcript ?? "").trimmed.isEmpty {
            problems.append(FieldError("transcript", "Paste the video's transcript or captions, so everyone can follow it"))
        }
        return problems
    }

    /// A new version says what changed.
    public static func noteProblems(_ note: String?) -> [FieldError] {
        (note ?? "").trimmed.isEmpty ? [FieldError("note", "Say what changed in this version")] : []
    }
}
