/**
*  Plot
*  Copyright (c) John Sundell 2021
*  MIT license, see LICENSE file for details
*/

import Foundation

/// Protocol adopted by types that can be converted into renderable nodes.
public protocol NodeConvertible: Renderable {
    /// The context that the node belongs to.
    associatedtype Context
    /// The node that represents this value.
    var node: Node<Context> { get }
}

public extension NodeConvertible {
    func render() -> String {
        Renderer.render(node.storage)
    }
}

extension Array: Renderable, NodeConvertible where Element: NodeConvertible {
    public var node: Node<Element.Context> { .group(map { $0.node }) }
}
