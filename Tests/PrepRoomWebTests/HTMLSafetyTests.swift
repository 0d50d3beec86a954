import Foundation
import Plot
import Testing
@testable import PrepRoomWeb

/// Plot escapes text but writes attribute values as given, so a value built from data must
/// go through `.attr(_:_:)` or `H.attr` (which escape). This reads the web module's sources
/// and fails on any Plot attribute modifier, `.attribute(named:value:)` or `.raw` given
/// anything but a plain literal, and on inline script (the CSP would block it anyway).
@Suite("HTML safety of the page sources")
struct HTMLSafetyTests {
    static let modifiers = ["href", "src", "id", "class", "content", "value", "name", "alt", "for", "placeholder",
                            "action", "title", "type", "method", "rel", "label", "datetime"]

    static var webSources: [(name: String, text: String)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Sources/PrepRoomWeb")
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        return files.compactMap { url in (try? String(contentsOf: url, encoding: .utf8)).map { (url.lastPathComponent, $0) } }
    }

    /// The argument text of the call whose "(" is at `open`, or nil if unbalanced.
    static func argument(in text: [Character], open: Int) -> String? {
        var depth = 0, index = open, inString = false
        while index < text.count {
            let c = text[index]
            if inString {
                if c == "\\" { index += 2; continue }
                if c == "\"" { inString = false }
            } else if c == "\"" { inString = true
            } else if c == "(" { depth += 1
            } else if c == ")" {
                depth -= 1
                if depth == 0 { return String(text[(open + 1)..<index]) }
            }
            index += 1
        }
        return nil
    }

    /// A string literal without interpolation, or a case such as `.utf8` / `.alternate`.
    static func isConstant(_ argument: String) -> Bool {
        let trimmed = argument.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("."), trimmed.dropFirst().allSatisfy({ $0.isLetter || $0.isNumber }) { return true }
        return trimmed.count >= 2 && trimmed.hasPrefix("\"") && trimmed.hasSuffix("\"")
            && !trimmed.dropFirst().dropLast().contains("\"") && !trimmed.contains("\\(")
    }

    static func findings() -> [String] {
        var found: [String] = []
        for (name, source) in webSources {
            let text = Array(source)
            for (index, character) in text.enumerated() where character == "." {
                let previous = index > 0 ? text[index - 1] : " "
                guard "(, \n\t".contains(previous) else { continue }
                let rest = String(text[(index + 1)..<min(text.count, index + 40)])
                guard let word = rest.split(whereSeparator: { !$0.isLetter }).first.map(String.init),
                      rest.dropFirst(word.count).first == "(" else { continue }
                let open = index + 1 + word.count
                guard let argument = argument(in: text, open: open) else { continue }
                let line = source[..<source.index(source.startIndex, offsetBy: index)].filter { $0 == "\n" }.count + 1
                if modifiers.contains(word), !isConstant(argument) {
                    found.append("\(name):\(line): .\(word)(\(argument.prefix(60))) writes data into an attribute unescaped: use .attr(\"\(word)\", …)")
                }
                if word == "attribute", argument.hasPrefix("named:"),
                   let value = argument.range(of: "value:").map({ String(argument[$0.upperBound...]) }), !isConstant(value),
                   !value.contains("map(escapeAttribute)") {
                    found.append("\(name):\(line): .attribute(\(argument.prefix(60))) writes data unescaped: use .attr(_:_:)")
                }
                if word == "raw" {
                    found.append("\(name):\(line): .raw(\(argument.prefix(60))) puts text into the page unescaped")
                }
            }
            for (offset, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.range(of: #"attr\("on[a-z]+""#, options: .regularExpression) != nil || line.contains("<script") {
                    found.append("\(name):\(offset + 1): inline script (the Content-Security-Policy forbids it): \(line.trimmingCharacters(in: .whitespaces).prefix(80))")
                }
            }
        }
        return found
    }

    @Test func chartsEscapeTheirTitleAndLabelsAndCarryTheirNumbers() {
        let svg = Node<HTML.BodyContext>.div(BarChartView.svg(title: "Delegates <by> LA", bars: [("Fife & Angus", 3), ("Highland", 0)])).render()
        #expect(svg.contains("aria-label=\"Delegates &lt;by&gt; LA\""))
        #expect(svg.contains(">Fife &amp; Angus</text>"))
        #expect(svg.contains(">3</text>"))
        #expect(!svg.contains("NaN"))
    }

    @Test func noDataReachesAnAttributeUnescaped() {
        #expect(Self.webSources.count > 20, "the sources were not found beside the tests")
        let found = Self.findings()
        #expect(found.isEmpty, "\(found.count) unsafe places:\n\(found.joined(separator: "\n"))")
    }

    @Test func theCheckCatchesWhatItLooksFor() {
        #expect(!Self.isConstant("\"/runs/\\(id)\""))
        #expect(!Self.isConstant("url"))
        #expect(Self.isConstant("\"/calendar.ics\""))
        #expect(Self.isConstant(".utf8"))
    }
}
