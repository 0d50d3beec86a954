/**
*  Plot
*  Copyright (c) John Sundell 2019
*  MIT license, see LICENSE file for details
*/

import Foundation

/// Protocol adopted by types that can be rendered into a string representation.
public protocol Renderable {
    /// Render this value into a string (without indentation: PrepRoom's copy has none).
    func render() -> String
}
