import Plot
@testable import PrepRoomWeb
import Testing

/// The one-pass renderer of PrepRoom's copy of Plot (Sources/Plot/README.md) writes what
/// Plot wrote: attributes gathered into the opening tag wherever they stand among the
/// children, Plot's closing rules, and text escaped (every `&` now, entities included).
@Suite("HTML rendering")
struct HTMLRenderingTests {
    @Test func attributesGoIntoTheOpeningTagWhereverTheyStand() {
        let html = Node<HTML.BodyContext>.div(
            .class("first"),
            .p(.text("one")),
            .id("box"),
            .if(true, .class("second")),                       // a repeated name replaces…
            .attribute(Attribute(name: "data-x", value: "a", replaceExisting: false)),
            .group(.attribute(Attribute(name: "data-x", value: "b", replaceExisting: false))),  // …or adds
            .attribute(named: "hidden"),                       // no value: the bare name
            .attribute(named: "title", value: ""),            // an empty value: left out
            .span(.class("inner"), .text("two"))
        ).render()
        #expect(html == #"<div class="second" id="box" data-x="a b" hidden><p>one</p><span class="inner">two</span></div>"#)
    }

    @Test func textIsEscapedAndRawTextIsNot() {
        let html = Node<HTML.BodyContext>.p(.text("Fife & Angus <b> &amp; Café – ✓ \u{1F52C}"), .raw("<br>")).render()
        #expect(html == "<p>Fife &amp; Angus &lt;b&gt; &amp;amp; Café – ✓ \u{1F52C}<br></p>")
        #expect(Node<HTML.BodyContext>.text("").render() == "")
        #expect(Node<HTML.BodyContext>.text("&<>").render() == "&amp;&lt;&gt;")
    }

    @Test func closingRulesAreThoseOfPlot() {
        // Self-closed elements close themselves; a document starts with its doctype.
        #expect(Node<HTML.FormContext>.input(.type(.text), .name("q")).render() == #"<input type="text" name="q"/>"#)
        let document = HTML(.head(.meta(.charset(.utf8))), .body(.hr(), .div())).render()
        #expect(document == #"<!DOCTYPE html><html><head><meta charset="UTF-8"/></head><body><hr/><div></div></body></html>"#)
        // Empty nodes and groups leave nothing behind; deep nesting keeps its order.
        let nested = Node<HTML.BodyContext>.ul(.forEach(1...3) { .li(.text("\($0)"), .empty) }, .group()).render()
        #expect(nested == "<ul><li>1</li><li>2</li><li>3</li></ul>")
    }

    @Test func attributeValuesFromDataAreEscapedByAttr() {
        let html = Node<HTML.BodyContext>.a(.attr("href", "/courses?q=a&b"), .attr("title", #"Fife "&" Angus's <b> Café ✓"#)).render()
        #expect(html == #"<a href="/courses?q=a&amp;b" title="Fife &quot;&amp;&quot; Angus&#39;s &lt;b&gt; Café ✓"></a>"#)
        #expect(escapeAttribute("plain-id_1") == "plain-id_1")
    }
}
