/**
*  Plot
*  Copyright (c) John Sundell 2021
*  MIT license, see LICENSE file for details
*
*  PrepRoom's copy: one pass into one byte buffer. Plot's own renderer builds each
*  element's markup as a string of its own and copies it into its parent's, so a page
*  ten elements deep is copied ten times, and escapes text one Character at a time
*  through closures; it took about half of a page's CPU. The output is the same, except
*  that every `&` in text is escaped (Plot let `&name;` through as an entity).
*/

internal struct Renderer {
    private var bytes: [UInt8] = []

    static func render(_ node: NodeStorage) -> String {
        var renderer = Renderer()
        renderer.bytes.reserveCapacity(16 * 1024)
        renderer.writeTopLevel(node)
        return String(decoding: renderer.bytes, as: UTF8.self)
    }

    /// An attribute outside any element is written where it stands, as Plot does.
    private mutating func writeTopLevel(_ node: NodeStorage) {
        switch node {
        case .attribute(let attribute):
            writeAttribute(attribute, leadingSpace: false)
        case .group(let members):
            for member in members { writeTopLevel(member) }
        default:
            writeContent(node)
        }
    }

    /// The content of an element: attributes were written into its opening tag already.
    private mutating func writeContent(_ node: NodeStorage) {
        switch node {
        case .empty, .attribute:
            break
        case .text(let text):
            writeEscaped(text)
        case .raw(let text):
            bytes.append(contentsOf: text.utf8)
        case .element(let element):
            writeElement(element)
        case .group(let members):
            for member in members { writeContent(member) }
        }
    }

    private mutating func writeElement(_ element: ElementStorage) {
        guard !element.name.isEmpty else {
            for node in element.nodes { writeContent(node) }
            return
        }
        var attributes: [AttributeStorage] = []
        var containsChildElements = false
        Self.collect(element.nodes, into: &attributes, containsChildElements: &containsChildElements)

        bytes.append(UInt8(ascii: "<"))
        if let padding = element.paddingCharacter { bytes.append(contentsOf: String(padding).utf8) }
        bytes.append(contentsOf: element.name.utf8)
        for attribute in attributes { writeAttribute(attribute, leadingSpace: true) }

        switch element.closingMode {
        case .standard,
             .selfClosing where containsChildElements:
            closeOpeningTag(element)
            for node in element.nodes { writeContent(node) }
            bytes.append(contentsOf: "</".utf8)
            bytes.append(contentsOf: element.name.utf8)
            bytes.append(UInt8(ascii: ">"))
        case .neverClosed:
            closeOpeningTag(element)
            for node in element.nodes { writeContent(node) }
        case .selfClosing:
            bytes.append(UInt8(ascii: "/"))
            closeOpeningTag(element)
        }
    }

    private mutating func closeOpeningTag(_ element: ElementStorage) {
        if let padding = element.paddingCharacter { bytes.append(contentsOf: String(padding).utf8) }
        bytes.append(UInt8(ascii: ">"))
    }

    /// An element's attributes, from its own nodes and the groups among them, in the order
    /// they first appear; a repeated name replaces the value, or adds to it (`class`).
    private static func collect(_ nodes: [NodeStorage], into attributes: inout [AttributeStorage],
                                containsChildElements: inout Bool) {
        for node in nodes {
            switch node {
            case .attribute(let attribute):
                if let index = attributes.firstIndex(where: { $0.name == attribute.name }) {
                    if attribute.replaceExisting {
                        attributes[index].value = attribute.value
                    } else if let added = attribute.nonEmptyValue {
                        attributes[index].value = attributes[index].nonEmptyValue.map { $0 + " " + added } ?? added
                    }
                } else {
                    attributes.append(attribute)
                }
            case .group(let members):
                collect(members, into: &attributes, containsChildElements: &containsChildElements)
            case .element:
                containsChildElements = true
            case .empty, .text, .raw:
                break
            }
        }
    }

    private mutating func writeAttribute(_ attribute: AttributeStorage, leadingSpace: Bool) {
        if let value = attribute.nonEmptyValue {
            if leadingSpace { bytes.append(UInt8(ascii: " ")) }
            bytes.append(contentsOf: attribute.name.utf8)
            bytes.append(contentsOf: "=\"".utf8)
            bytes.append(contentsOf: value.utf8)
            bytes.append(UInt8(ascii: "\""))
        } else if !attribute.ignoreIfValueIsEmpty {
            if leadingSpace { bytes.append(UInt8(ascii: " ")) }
            bytes.append(contentsOf: attribute.name.utf8)
        }
    }

    /// Text with `&`, `<` and `>` escaped, copied in runs between them.
    private mutating func writeEscaped(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let entity: StaticString
                switch utf8[index] {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                entity.withUTF8Buffer { bytes.append(contentsOf: $0) }
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
    }
}

extension AttributeStorage {
    var nonEmptyValue: String? { value?.isEmpty == false ? value : nil }
}
