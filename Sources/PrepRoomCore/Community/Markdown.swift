/// The Markdown members write in Techné, read into a small tree of plain values: never
/// HTML. A page turns the tree into elements whose text the HTML writer escapes, so
/// `<script>`, `onerror=` or a raw tag in a post stay visible characters, and a link can
/// only be what `Markdown.safeURL` lets through (http, https, mailto or a path of this
/// site). Ink, the Markdown library in the mirror, passes raw HTML through and keeps
/// `javascript:` links, so it is not used for what members write.
///
/// The subset is what a technician's question needs: paragraphs (a single line break is
/// kept), `**strong**`, `*emphasis*` or `_emphasis_`, `` `code` ``, fenced code blocks,
/// `> quotes` (a quoted reply), `- ` and `1. ` lists, `#`–`###` headings, `[text](url)`
/// and bare https addresses.
public enum Markdown {
    public indirect enum Inline: Equatable, Sendable {
        case text(String)
        case strong([Inline])
        case emphasis([Inline])
        case code(String)
        /// A link whose address passed `safeURL`; anything else stays text.
        case link([Inline], url: String)
        case lineBreak
    }

    public indirect enum Block: Equatable, Sendable {
        case paragraph([Inline])
        /// 1 to 3; a page shows them below its own headings.
        case heading(Int, [Inline])
        case quote([Block])
        case bullets([[Inline]])
        case numbered([[Inline]])
        case code(String)
    }

    /// Quotes inside quotes deeper than this are read as text: a post of ten thousand `>`
    /// must not recurse ten thousand deep.
    static let deepestQuote = 4
    /// Emphasis inside emphasis likewise.
    static let deepestInline = 6
    /// How far on a closing `*`, `` ` `` or `)` is looked for.
    static let reach = 2_000

    public static func parse(_ source: String) -> [Block] {
        // Lines end at \n, \r\n (one Character in Swift) or \r. Native splitting and
        // trimming here, not Foundation's: bridging to NSString was a fifth of the time
        // to show a topic of 200 posts.
        let lines = source.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map(String.init)
        return blocks(lines, depth: 0)
    }

    /// The plain words of a post, for a title's preview or a search snippet.
    public static func plainText(_ source: String) -> String {
        parse(source).map(plain).joined(separator: " ")
    }

    /// An address a member may link to: http or https with a host, mailto, or a path of
    /// this site (`/courses`, not `//elsewhere`). Spaces and control characters are refused.
    public static func safeURL(_ text: String) -> String? {
        let url = text.trimmingSpaces()
        guard !url.isEmpty, url.count <= TextLimit.url,
              !url.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F || $0 == "\\" }) else { return nil }
        let lower = url.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") {
            let rest = lower.drop(while: { $0 != ":" }).dropFirst(3)
            return rest.isEmpty || rest.hasPrefix("/") ? nil : url
        }
        if lower.hasPrefix("mailto:"), url.count > 7 { return url }
        if url.hasPrefix("/"), !url.hasPrefix("//") { return url }
        return nil
    }

    // MARK: Blocks

    private static func blocks(_ lines: [String], depth: Int) -> [Block] {
        var result: [Block] = []
        var paragraph: [String] = []
        var index = 0
        func endParagraph() {
            if !paragraph.isEmpty { result.append(.paragraph(inlines(paragraph.joined(separator: "\n"), depth: 0))) }
            paragraph = []
        }
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingSpaces()
            if trimmed.hasPrefix("```") {
                endParagraph()
                var code: [String] = []
                index += 1
                while index < lines.count, !lines[index].trimmingSpaces().hasPrefix("```") {
                    code.append(lines[index]); index += 1
                }
                result.append(.code(code.joined(separator: "\n")))
                index += 1
                continue
            }
            if trimmed.isEmpty { endParagraph(); index += 1; continue }
            if trimmed.hasPrefix(">"), depth < deepestQuote {
                endParagraph()
                var quoted: [String] = []
                while index < lines.count {
                    let inner = lines[index].trimmingSpaces()
                    guard inner.hasPrefix(">") else { break }
                    var rest = inner.dropFirst()
                    if rest.first == " " { rest = rest.dropFirst() }
                    quoted.append(String(rest)); index += 1
                }
                result.append(.quote(blocks(quoted, depth: depth + 1)))
                continue
            }
            if let (level, text) = heading(trimmed) {
                endParagraph()
                result.append(.heading(level, inlines(text, depth: 0)))
                index += 1
                continue
            }
            if bullet(trimmed) != nil || numbered(trimmed) != nil {
                endParagraph()
                let isBullets = bullet(trimmed) != nil
                var items: [String] = []
                while index < lines.count {
                    let inner = lines[index].trimmingSpaces()
                    if let item = isBullets ? bullet(inner) : numbered(inner) {
                        items.append(item)
                    } else if !inner.isEmpty, !items.isEmpty, lines[index].first == " " {
                        items[items.count - 1] += " " + inner   // an indented line continues the item
                    } else { break }
                    index += 1
                }
                let parsed = items.map { inlines($0, depth: 0) }
                result.append(isBullets ? .bullets(parsed) : .numbered(parsed))
                continue
            }
            paragraph.append(trimmed)
            index += 1
        }
        endParagraph()
        return result
    }

    private static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix(while: { $0 == "#" }).count
        guard (1...3).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        let text = line.dropFirst(hashes + 1).trimmingSpaces()
        return text.isEmpty ? nil : (hashes, text)
    }

    private static func bullet(_ line: String) -> String? {
        guard line.count > 2, line.hasPrefix("- ") || line.hasPrefix("* ") else { return nil }
        return String(line.dropFirst(2)).trimmingSpaces()
    }

    private static func numbered(_ line: String) -> String? {
        let digits = line.prefix(while: { $0.isASCII && $0.isNumber })
        guard (1...3).contains(digits.count) else { return nil }
        let rest = line.dropFirst(digits.count)
        guard rest.hasPrefix(". ") || rest.hasPrefix(") "), rest.count > 2 else { return nil }
        return String(rest.dropFirst(2)).trimmingSpaces()
    }

    // MARK: Inlines

    private static func inlines(_ text: String, depth: Int) -> [Inline] {
        var result: [Inline] = []
        var plain = ""
        let chars = Array(text)
        var index = 0
        func flush() { if !plain.isEmpty { result.append(.text(plain)); plain = "" } }
        /// The index of `marker` after `start`, looking at most `reach` characters on: a
        /// post of ten thousand unclosed `*` must not take ten thousand squared steps.
        func find(_ marker: String, from start: Int) -> Int? {
            let m = Array(marker)
            var at = start + 1
            let last = min(chars.count, start + 1 + reach) - m.count
            while at <= last {
                var same = true
                for offset in 0..<m.count where chars[at + offset] != m[offset] { same = false; break }
                if same { return at }
                at += 1
            }
            return nil
        }
        while index < chars.count {
            let c = chars[index]
            if c == "\n" { flush(); result.append(.lineBreak); index += 1; continue }
            if c == "`", let end = find("`", from: index) {
                flush(); result.append(.code(String(chars[(index + 1)..<end]))); index = end + 1; continue
            }
            if depth < deepestInline, c == "*", index + 1 < chars.count, chars[index + 1] == "*",
               let end = find("**", from: index + 1), end > index + 2 {
                flush(); result.append(.strong(inlines(String(chars[(index + 2)..<end]), depth: depth + 1))); index = end + 2; continue
            }
            if depth < deepestInline, c == "*" || c == "_", index + 1 < chars.count, !chars[index + 1].isWhitespace,
               index == 0 || !chars[index - 1].isLetter && !chars[index - 1].isNumber,
               let end = find(String(c), from: index), end > index + 1, !chars[end - 1].isWhitespace,
               end + 1 >= chars.count || !chars[end + 1].isLetter && !chars[end + 1].isNumber {
                flush(); result.append(.emphasis(inlines(String(chars[(index + 1)..<end]), depth: depth + 1))); index = end + 1; continue
            }
            if c == "[", let close = find("](", from: index), let end = find(")", from: close + 1) {
                let label = String(chars[(index + 1)..<close])
                let address = String(chars[(close + 2)..<end])
                if !label.isEmpty, !label.contains("["), let url = safeURL(address) {
                    flush()
                    result.append(.link(depth < deepestInline ? inlines(label, depth: depth + 1) : [.text(label)], url: url))
                    index = end + 1
                    continue
                }
            }
            if c == "h", index == 0 || chars[index - 1].isWhitespace || chars[index - 1] == "(" {
                let rest = String(chars[index..<min(chars.count, index + 8)]).lowercased()
                if rest.hasPrefix("https://") || rest.hasPrefix("http://") {
                    var end = index
                    while end < chars.count, !chars[end].isWhitespace, chars[end] != "<", chars[end] != ">" { end += 1 }
                    // Trailing punctuation ends the sentence, not the address.
                    while end > index, ".,;:!?)\"'".contains(chars[end - 1]) { end -= 1 }
                    let address = String(chars[index..<end])
                    if let url = safeURL(address) {
                        flush(); result.append(.link([.text(address)], url: url)); index = end; continue
                    }
                }
            }
            plain.append(c)
            index += 1
        }
        flush()
        return result
    }

    private static func plain(_ block: Block) -> String {
        switch block {
        case .paragraph(let inlines), .heading(_, let inlines): plain(inlines)
        case .quote(let blocks): blocks.map(plain).joined(separator: " ")
        case .bullets(let items), .numbered(let items): items.map(plain).joined(separator: " ")
        case .code(let code): code
        }
    }

    private static func plain(_ inlines: [Inline]) -> String {
        inlines.map { inline in
            switch inline {
            case .text(let text), .code(let text): text
            case .strong(let inner), .emphasis(let inner), .link(let inner, _): plain(inner)
            case .lineBreak: " "
            }
        }.joined()
    }
}

extension StringProtocol {
    /// Without spaces and tabs at either end, as `trimmingCharacters(in: .whitespaces)`
    /// (tab, the Unicode space separators and, as Foundation counts it, the zero-width
    /// space), but native.
    func trimmingSpaces() -> String {
        func isSpace(_ character: Character) -> Bool {
            character.unicodeScalars.allSatisfy { $0 == "\t" || $0 == "\u{200B}" || $0.properties.generalCategory == .spaceSeparator }
        }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
