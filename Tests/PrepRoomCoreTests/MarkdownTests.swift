import XCTest
@testable import PrepRoomCore

/// What members write in Techné becomes a tree of plain values; the attacks stay text.
final class MarkdownTests: XCTestCase {
    typealias B = Markdown.Block
    typealias I = Markdown.Inline

    func testAQuestionWithItsUsualParts() {
        let source = """
            ## Copper sulfate crystals

            We grow them with **S3** every year, but *this* year they are cloudy.
            Any ideas? See `CLEAPSS L195` and https://www.sserc.org.uk/health-safety/.

            > Filter the solution while hot.
            > > Then cool slowly.

            - Clean beaker
            - Seed crystal
              on a thread
            1. Dissolve
            2) Filter

            ```
            <b>not bold</b> **not strong**
            ```
            """
        XCTAssertEqual(Markdown.parse(source), [
            .heading(2, [.text("Copper sulfate crystals")]),
            .paragraph([.text("We grow them with "), .strong([.text("S3")]), .text(" every year, but "), .emphasis([.text("this")]),
                        .text(" year they are cloudy."), .lineBreak, .text("Any ideas? See "), .code("CLEAPSS L195"), .text(" and "),
                        .link([.text("https://www.sserc.org.uk/health-safety/")], url: "https://www.sserc.org.uk/health-safety/"), .text(".")]),
            .quote([.paragraph([.text("Filter the solution while hot.")]), .quote([.paragraph([.text("Then cool slowly.")])])]),
            .bullets([[.text("Clean beaker")], [.text("Seed crystal on a thread")]]),
            .numbered([[.text("Dissolve")], [.text("Filter")]]),
            .code("<b>not bold</b> **not strong**"),
        ])
    }

    func testLinksOnlyWhereTheyAreSafe() {
        XCTAssertEqual(Markdown.parse("[the course](/courses/lab-skills)"), [.paragraph([.link([.text("the course")], url: "/courses/lab-skills")])])
        XCTAssertEqual(Markdown.parse("[mail](mailto:ask@sserc.org.uk)"), [.paragraph([.link([.text("mail")], url: "mailto:ask@sserc.org.uk")])])
        for attack in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=",
                       "vbscript:msgbox", "//evil.example/x", "https://", "http:///x", "java\tscript:alert(1)", "/\\evil.example",
                       "https://a.example/\u{0}x", "file:///etc/passwd"] {
            XCTAssertNil(Markdown.safeURL(attack), attack)
            let blocks = Markdown.parse("[click](\(attack))")
            XCTAssertFalse("\(blocks)".contains("link("), "\(attack) became a link: \(blocks)")
        }
        XCTAssertEqual(Markdown.safeURL("HTTPS://www.sserc.org.uk"), "HTTPS://www.sserc.org.uk")
        // A bare address stops before the sentence's punctuation and at an angle bracket.
        XCTAssertEqual(Markdown.parse("(see https://a.example/x)."), [.paragraph([.text("(see "), .link([.text("https://a.example/x")], url: "https://a.example/x"), .text(").")])])
        XCTAssertEqual(Markdown.parse("https://a.example/<script>"), [.paragraph([.link([.text("https://a.example/")], url: "https://a.example/"), .text("<script>")])])
    }

    func testRawHTMLAndHandlersStayText() {
        for attack in ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\">x</a>",
                       "\"><svg onload=alert(1)>", "<iframe src=//evil.example>"] {
            XCTAssertEqual(Markdown.parse(attack), [.paragraph([.text(attack)])], attack)
        }
        // Inside emphasis, a link's label and a code span they are still text.
        XCTAssertEqual(Markdown.parse("**<b>x</b>**"), [.paragraph([.strong([.text("<b>x</b>")])])])
        XCTAssertEqual(Markdown.parse("[<img src=x onerror=alert(1)>](/x)"), [.paragraph([.link([.text("<img src=x onerror=alert(1)>")], url: "/x")])])
    }

    func testWhatIsNotMarkupIsLeftAlone() {
        XCTAssertEqual(Markdown.parse("2 * 3 * 4 and snake_case_names"), [.paragraph([.text("2 * 3 * 4 and snake_case_names")])])
        XCTAssertEqual(Markdown.parse("**unclosed and `unclosed"), [.paragraph([.text("**unclosed and `unclosed")])])
        XCTAssertEqual(Markdown.parse("#hashtag, not a heading"), [.paragraph([.text("#hashtag, not a heading")])])
        XCTAssertEqual(Markdown.parse("\r\n\r\n"), [])
        XCTAssertEqual(Markdown.plainText("**Cloudy** crystals\n> hot *filter*"), "Cloudy crystals hot filter")
    }

    /// Hostile shapes finish quickly and shallowly: deep quotes, deep emphasis, thousands of
    /// unclosed markers.
    func testHostileShapesAreBoundedInDepthAndTime() {
        let deepQuote = String(repeating: ">", count: 5_000) + " deep"
        var blocks = Markdown.parse(deepQuote)
        var depth = 0
        while case .quote(let inner) = blocks.first { depth += 1; blocks = inner }
        XCTAssertEqual(depth, Markdown.deepestQuote)

        let started = Date()
        _ = Markdown.parse(String(repeating: "*", count: 10_000))
        _ = Markdown.parse(String(repeating: "[a](", count: 2_500))
        _ = Markdown.parse(String(repeating: "**_*`", count: 2_000))
        _ = Markdown.parse(String(repeating: "*a ", count: 3_300))
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "four hostile posts of 10,000 characters")
    }
    /// The native trimming and line splitting read text as Foundation's did.
    func testTrimmingAndLinesAgreeWithFoundation() {
        let samples = ["", " ", "\t\tword\t", "\u{00A0}no-break\u{00A0}", "\u{3000}ideographic\u{2003}", " a b ", "é\u{301} ", "\u{200B}zero-width"]
        for sample in samples {
            XCTAssertEqual(sample.trimmingSpaces(), sample.trimmingCharacters(in: .whitespaces), "\(sample.unicodeScalars.map(\.value))")
        }
        XCTAssertEqual(Markdown.parse("one\r\ntwo\rthree\nfour"), Markdown.parse("one\ntwo\nthree\nfour"))
        XCTAssertEqual(Markdown.parse("# Title\r\n\r\n- item"), Markdown.parse("# Title\n\n- item"))
    }
}
