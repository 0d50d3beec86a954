import Plot
import PrepRoomCore

/// A post's Markdown as elements. Every text goes through the HTML writer's escaping and
/// every address has passed `Markdown.safeURL`; nothing here writes markup from a post.
enum MarkdownView {
    static func body(_ source: String) -> BodyNode {
        .div(.class("post-body"), .group(Markdown.parse(source).map(block)))
    }

    private static func block(_ block: Markdown.Block) -> BodyNode {
        switch block {
        case .paragraph(let inlines): .p(inline(inlines))
        // A post sits below the page's h1 and the topic's h2.
        case .heading(1, let inlines): .h3(.class("h5"), inline(inlines))
        case .heading(2, let inlines): .h4(.class("h6"), inline(inlines))
        case .heading(_, let inlines): .h5(.class("h6"), inline(inlines))
        case .quote(let blocks): .blockquote(.class("border-start border-3 ps-3 text-body-secondary"), .group(blocks.map(Self.block)))
        case .bullets(let items): .ul(.forEach(items) { .li(inline($0)) })
        case .numbered(let items): .ol(.forEach(items) { .li(inline($0)) })
        case .code(let text): .pre(.class("bg-body-tertiary p-2"), .code(.text(text)))
        }
    }

    private static func inline(_ inlines: [Markdown.Inline]) -> BodyNode {
        .group(inlines.map { item in
            switch item {
            case .text(let text): .text(text)
            case .strong(let inner): .strong(inline(inner))
            case .emphasis(let inner): .em(inline(inner))
            case .code(let text): .code(.text(text))
            case .link(let inner, let url): H.element("a", [H.attr("href", url), H.attr("rel", "nofollow ugc noopener")], [inline(inner)])
            case .lineBreak: .br()
            }
        })
    }
}
