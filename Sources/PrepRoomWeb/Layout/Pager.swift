import Plot

/// Previous and next links for a list read a page at a time without counting every row
/// (the accounts page asks for one row more than it shows): no page numbers, since the
/// number of pages is not known.
enum Pager {
    static func previousNext(page: Int, hasMore: Bool, label: String, link: (Int) -> String) -> BodyNode {
        guard page > 1 || hasMore else { return .empty }
        return .element(named: "nav", nodes: [.attribute(named: "aria-label", value: label),
            .ul(.class("pagination"),
                .if(page > 1, .li(.class("page-item"), .a(.class("page-link"), .attr("href", link(page - 1)), .text("Previous")))),
                .li(.class("page-item active"), .span(.class("page-link"), .attribute(named: "aria-current", value: "page"), .text("Page \(page)"))),
                .if(hasMore, .li(.class("page-item"), .a(.class("page-link"), .attr("href", link(page + 1)), .text("Next"))))
            ),
        ])
    }
}
