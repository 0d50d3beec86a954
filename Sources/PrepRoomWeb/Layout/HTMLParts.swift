import PrepRoomServices
import Plot

/// Views are written in Plot's body context; these helpers build the form controls that
/// Plot would otherwise confine to narrower contexts, so a field can sit anywhere.
typealias BodyNode = Node<HTML.BodyContext>

enum H {
    /// Plot writes attribute values as given, so every value is escaped here: form fields
    /// echo what people typed, and a quote must not end the attribute.
    static func attr(_ name: String, _ value: String?) -> Attribute<HTML.BodyContext> {
        Attribute(name: name, value: value.map(escapeAttribute), ignoreIfValueIsEmpty: false)
    }

    /// A link to an address someone typed (an online link): escaped, and only http(s).
    static func externalLink(_ title: String, _ url: String) -> BodyNode {
        let safe = url.hasPrefix("https://") || url.hasPrefix("http://") ? url : "#"
        return element("a", [attr("href", safe), attr("rel", "noopener")], [.text(title)])
    }

    static func element(_ name: String, _ attributes: [Attribute<HTML.BodyContext>], _ children: [BodyNode] = []) -> BodyNode {
        .element(named: name, nodes: attributes.map { .attribute($0) } + children)
    }

    static func input(_ attributes: [Attribute<HTML.BodyContext>]) -> BodyNode {
        .selfClosedElement(named: "input", attributes: attributes)
    }

    /// A form; POST forms carry the CSRF token.
    static func form(action: String, method: String = "post", csrf: String?, id: String? = nil,
                     _ children: [BodyNode], multipart: Bool = false) -> BodyNode {
        var attributes = [attr("action", action), attr("method", method), attr("novalidate", nil)]
        if multipart { attributes.append(attr("enctype", "multipart/form-data")) }
        if let id { attributes.append(attr("id", id)) }
        var body = children
        if method == "post", let csrf {
            body.insert(input([attr("type", "hidden"), attr("name", "_csrf"), attr("value", csrf)]), at: 0)
        }
        return element("form", attributes.filter { $0.value != nil || $0.name == "novalidate" }, body)
    }

    static func button(_ title: String, style: String = "btn-primary", name: String? = nil, value: String? = nil) -> BodyNode {
        var attributes = [attr("type", "submit"), attr("class", "btn \(style)")]
        if let name { attributes.append(attr("name", name)) }
        if let value { attributes.append(attr("value", value)) }
        return element("button", attributes, [.text(title)])
    }

    static func link(_ title: String, _ url: String, classes: String? = nil) -> BodyNode {
        if let classes { return .a(.attr("href", url), .attr("class", classes), .text(title)) }
        return .a(.attr("href", url), .text(title))
    }

    static func hidden(_ name: String, _ value: String) -> BodyNode {
        input([attr("type", "hidden"), attr("name", name), attr("value", value)])
    }
}

extension Node {
    /// An attribute of any element, its value escaped. Plot's own modifiers (`.href`,
    /// `.id`, `.value`, …) write values as given, so they take only string literals here;
    /// anything built from data comes through this (`HTMLSafetyTests` checks the sources).
    static func attr(_ name: String, _ value: String?) -> Node {
        .attribute(named: name, value: value.map(escapeAttribute))
    }
}

extension Attribute {
    /// The same for elements whose content Plot types as attributes only (`<link>`).
    static func attr(_ name: String, _ value: String?) -> Attribute {
        Attribute(name: name, value: value.map(escapeAttribute), ignoreIfValueIsEmpty: false)
    }
}

/// The id of a field in HTML, from its name: `sessions[0].start` → `sessions-0-start`.
/// Error-summary links point at it.
func fieldID(_ name: String) -> String {
    var id = ""
    for character in name {
        if character.isLetter || character.isNumber { id.append(character) }
        else if !id.hasSuffix("-") { id.append("-") }
    }
    return id.hasSuffix("-") ? String(id.dropLast()) : id
}

func escapeAttribute(_ value: String) -> String {
    // Byte by byte: the five characters are ASCII, and no byte of a longer UTF-8 character
    // equals one. Most values (paths, ids, classes) need nothing and are returned as given.
    func special(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
            || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
    }
    guard value.utf8.contains(where: special) else { return value }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(value.utf8.count + 16)
    for byte in value.utf8 {
        switch byte {
        case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
        case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
        case UInt8(ascii: "'"): bytes.append(contentsOf: "&#39;".utf8)
        case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
        case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
        default: bytes.append(byte)
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}
