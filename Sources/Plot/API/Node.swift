/**
*  Plot
*  Copyright (c) John Sundell 2019
*  MIT license, see LICENSE file for details
*
*  PrepRoom's copy: a node is a value (text, raw text, an element, an attribute or a
*  group) rather than a rendering closure, so that a document is written in one pass
*  into one string (see Renderer.swift). Components, environments and indentation are
*  left out; PrepRoom uses none of them.
*/

import Foundation

/// A representation of a node within a document's hierarchy.
///
/// Plot treats all elements and attributes that a document contains
/// as nodes. When using the Plot DSL, each time you create a new
/// element, or add an attribute to an existing one, you are creating
/// a node. Nodes can also contain just text, which can either be
/// escaped or treated as raw, pre-processed text. Groups can also be
/// created to form components.
public struct Node<Context> {
    internal let storage: NodeStorage
}

/// What a node is, whatever its context: the renderer reads this, without closures. Not
/// `indirect`: the arrays already break the recursion, and a box per node is one more
/// allocation to make and free on every page.
internal enum NodeStorage {
    case empty
    case text(String)
    case raw(String)
    case element(ElementStorage)
    case attribute(AttributeStorage)
    case group([NodeStorage])
}

internal struct ElementStorage {
    var name: String
    var closingMode: ElementClosingMode
    var paddingCharacter: Character?
    var nodes: [NodeStorage]
}

internal struct AttributeStorage {
    var name: String
    var value: String?
    var replaceExisting: Bool
    var ignoreIfValueIsEmpty: Bool
}

public extension Node {
    /// An empty node, which won't be rendered.
    static var empty: Node { Node(storage: .empty) }

    /// Create a node from a raw piece of text that should be rendered as-is.
    /// - parameter text: The raw text that the node should contain.
    static func raw(_ text: String) -> Node {
        Node(storage: .raw(text))
    }

    /// Create a node from a piece of free-form text that should be escaped.
    /// - parameter text: The text that the node should contain.
    static func text(_ text: String) -> Node {
        Node(storage: .text(text))
    }

    /// Create a node representing an element
    /// - parameter element: The element that the node should contain.
    static func element(_ element: Element<Context>) -> Node {
        Node(storage: .element(element.storage))
    }

    /// Create a custom element with a given name.
    /// - parameter name: The name of the element to create.
    static func element(named name: String) -> Node {
        .element(Element(name: name, nodes: [Node]()))
    }

    /// Create a custom element with a given name and an array of child nodes.
    /// - parameter name: The name of the element to create.
    /// - parameter nodes: The nodes (child elements + attributes) to add to the element.
    static func element(named name: String, nodes: [Node]) -> Node {
        .element(Element(name: name, nodes: nodes))
    }

    /// Create a custom element with a given name and an array of child nodes.
    /// - parameter name: The name of the element to create.
    /// - parameter nodes: The nodes (child elements + attributes) to add to the element.
    static func element<C>(named name: String, nodes: [Node<C>]) -> Node {
        .element(Element(name: name, nodes: nodes))
    }

    /// Create a custom element with a given name and text content.
    /// - parameter name: The name of the element to create.
    /// - parameter text: The text to use as the node's content.
    static func element(named name: String, text: String) -> Node {
        .element(Element(name: name, nodes: [Node.text(text)]))
    }

    /// Create a custom element with a given name and an array of attributes.
    /// - parameter name: The name of the element to create.
    /// - parameter attributes: The attributes to add to the element.
    static func element<C>(named name: String, attributes: [Attribute<C>]) -> Node {
        .element(Element(name: name, nodes: attributes.map { $0.node }))
    }

    /// Create a custom element with a given name and an array of attributes.
    /// - parameter name: The name of the element to create.
    /// - parameter attributes: The attributes to add to the element.
    static func element(named name: String, attributes: [Attribute<Context>]) -> Node {
        .element(Element(name: name, nodes: attributes.map { $0.node }))
    }

    /// Create a custom self-closed element with a given name.
    /// - parameter name: The name of the element to create.
    static func selfClosedElement(named name: String) -> Node {
        .element(Element(name: name, closingMode: .selfClosing, nodes: [Node]()))
    }

    /// Create a custom self-closed element with a given name and an array of attributes.
    /// - parameter name: The name of the element to create.
    /// - parameter attributes: The attributes to add to the element.
    static func selfClosedElement<C>(named name: String, attributes: [Attribute<C>]) -> Node {
        .element(Element(name: name, closingMode: .selfClosing, nodes: attributes.map { $0.node }))
    }

    /// Create a custom self-closed element with a given name and an array of attributes.
    /// - parameter name: The name of the element to create.
    /// - parameter attributes: The attributes to add to the element.
    static func selfClosedElement(named name: String, attributes: [Attribute<Context>]) -> Node {
        .element(Element(name: name, closingMode: .selfClosing, nodes: attributes.map { $0.node }))
    }

    /// Create a node that represents an attribute.
    /// - parameter attribute: The attribute that the node should contain.
    static func attribute(_ attribute: Attribute<Context>) -> Node {
        Node(storage: .attribute(attribute.storage))
    }

    /// Create a custom attribute with a given name.
    /// - parameter name: The name of the attribute to create.
    static func attribute(named name: String) -> Node {
        .attribute(Attribute(
            name: name,
            value: nil,
            ignoreIfValueIsEmpty: false
        ))
    }

    /// Create a custom attribute with a given name and value.
    /// - parameter name: The name of the attribute to create.
    /// - parameter value: The attribute's value.
    /// - parameter ignoreIfValueIsEmpty: Whether the attribute should be ignored if
    ///   its value is empty (default: true).
    static func attribute(named name: String,
                          value: String?,
                          ignoreIfValueIsEmpty: Bool = true) -> Node {
        .attribute(Attribute(
            name: name,
            value: value,
            ignoreIfValueIsEmpty: ignoreIfValueIsEmpty
        ))
    }

    /// Create a group of nodes from an array.
    /// - parameter members: The nodes that should be included in the group.
    static func group(_ members: [Node]) -> Node {
        Node(storage: .group(members.map { $0.storage }))
    }

    /// Create a group of nodes using variadic parameter syntax.
    /// - parameter members: The nodes that should be included in the group.
    static func group(_ members: Node...) -> Node {
        .group(members)
    }
}

internal extension Node where Context: DocumentFormat {
    static func document(_ document: Document<Context>) -> Node {
        Node(storage: .group(document.elements.map { .element($0.storage) }))
    }
}

extension Node: NodeConvertible {
    public var node: Self { self }
}

extension Node: ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) {
        self = .text(value)
    }
}
