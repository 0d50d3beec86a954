/**
*  Plot
*  Copyright (c) John Sundell 2019
*  MIT license, see LICENSE file for details
*
*  PrepRoom's copy keeps the one head helper it uses from Plot's HTMLComponents.swift.
*  Plot's `title(_:)` and `description(_:)` helpers are left out: they wrote the text into
*  meta tags without escaping it.
*/

public extension Node where Context == HTML.HeadContext {
    /// Link the HTML page to an external CSS stylesheet.
    /// - parameter url: The URL of the stylesheet to link to.
    /// - parameter integrity: Any hash to use to verify the integrity of the stylesheet.
    static func stylesheet(_ url: URLRepresentable, integrity: String? = nil) -> Node {
        .link(
            .rel(.stylesheet),
            .href(url.string),
            .type("text/css"),
            .unwrap(integrity, Attribute.integrity)
        )
    }
}
