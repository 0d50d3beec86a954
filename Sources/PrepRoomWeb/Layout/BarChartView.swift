import Plot
import PrepRoomCore

/// Draws a `BarChart` as inline SVG built from Plot nodes, so every label and the title
/// are escaped like any other text on the page (nothing is inserted as markup).
enum BarChartView {
    static func svg(title: String, bars: [(label: String, value: Int)], barHeight: Int = 22) -> BodyNode {
        let chart = BarChart.layout(bars, barHeight: barHeight)
        func text(_ attributes: [Attribute<HTML.BodyContext>], _ content: String) -> BodyNode {
            H.element("text", attributes + [H.attr("font-size", "13")], [.text(content)])
        }
        return H.element("svg", [H.attr("xmlns", "http://www.w3.org/2000/svg"), H.attr("role", "img"), H.attr("class", "bar-chart"),
                                 H.attr("viewBox", "0 0 \(chart.width) \(chart.height)"), H.attr("width", "100%"), H.attr("aria-label", title)],
                         [H.element("title", [], [.text(title)])] + chart.bars.flatMap { bar -> [BodyNode] in
            [text([H.attr("x", "\(chart.labelEnd)"), H.attr("y", "\(bar.textBaseline)"), H.attr("text-anchor", "end")], bar.label),
             H.element("rect", [H.attr("x", "\(chart.barStart)"), H.attr("y", "\(bar.y)"), H.attr("width", "\(bar.length)"),
                                H.attr("height", "\(chart.barHeight)"), H.attr("fill", "#0b4f6c")]),
             text([H.attr("x", "\(bar.valueX)"), H.attr("y", "\(bar.textBaseline)")], "\(bar.value)")]
        })
    }
}
