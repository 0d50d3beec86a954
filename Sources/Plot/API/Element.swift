/**
*  Plot
*  Copyright (c) John Sundell 2019
*  MIT license, see LICENSE file for details
*/

import Foundation

/// A representation of an element within a document, such as an HTML or XML tag.
/// You normally don't have to interact with this type directly, since Plot
/// defines type-safe APIs for all elements that it supports.
public struct Element<Context> {
    /// The name of the element
    public var name: String
    /// How the element handles closing tags.
    public var closingMode: ClosingMode = .standard

    internal var nodes: [NodeStorage]
    internal var paddingCharacter: Character? = nil

    internal init<C>(name: String, closingMode: ClosingMode = .standard,
                     nodes: [Node<C>], paddingCharacter: Character? = nil) {
        self.name = name
        self.closingMode = closingMode
        // A closure, not `\.storage`: a key path into a generic type is built anew at run
        // time on every call, and that cost a sixth of a page's CPU.
        self.nodes = nodes.map { $0.storage }
        self.paddingCharacter = paddingCharacter
    }

    internal var storage: ElementStorage {
        ElementStorage(name: name, closingMode: closingMode, paddingCharacter: paddingCharacter, nodes: nodes)
    }
}

public extension Element {
    /// Convenience shorthand for `ElementClosingMode`.
    typealias ClosingMode = ElementClosingMode

    /// Create a custom element with a given name and array of child nodes.
    /// - parameter name: The name of the element to create.
    /// - parameter nodes: The nodes (child elements + attributes) to add to the element.
    static func named(_ name: String, nodes: [Node<Any>]) -> Element {
        Element(name: name, nodes: nodes)
    }

    /// Create a custom self-closed element with a given name and array of attributes.
    /// - parameter name: The name of the element to create.
    /// - parameter attributes: The attributes to add to the element.
    static func selfClosed(named name: String,
                           attributes: [Attribute<Any>]) -> Element {
        Element(name: name, closingMode: .selfClosing, nodes: attributes.map { $0.node })
    }
}

extension Element: NodeConvertible {
    public var node: Node<Context> { .element(self) }
}
