import Foundation

/// The HTML part of every email, made from its plain text: one template for all messages,
/// so the wording is written once (`Notices` and the other notices) and both parts always
/// say the same. Paragraphs come from blank lines, `Label: value` lines stay lines, web
/// addresses become links, and every character of the text is escaped: a name or a reason
/// typed by someone cannot become markup in another person's mailbox.
public enum EmailHTML {
    /// The brand colour of the header bar (white on it passes WCAG AA for normal text).
    public static let brand = "#0b4f6c"

    public static func render(subject: String, body: String) -> String {
        let paragraphs = body.replacingOccurrences(of: "\r\n", with: "\n")
            .components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
            .map { paragraph in
                "<p style=\"margin:0 0 16px\">" + paragraph.components(separatedBy: "\n").map(line).joined(separator: "<br>") + "</p>"
            }
        return """
            <!DOCTYPE html>
            <html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\
            <title>\(escape(subject))</title></head>
            <body style="margin:0;padding:0;background:#f4f6f8;font-family:Arial,Helvetica,sans-serif;color:#1f2933">
            <div style="max-width:600px;margin:0 auto;background:#ffffff">
            <div style="background:\(brand);color:#ffffff;padding:16px 24px;font-size:20px;font-weight:bold">PrepRoom</div>
            <div style="padding:24px;font-size:16px;line-height:1.5">
            \(paragraphs.joined(separator: "\n"))
            </div></div></body></html>
            """
    }

    /// One line: escaped, with each web address a link to itself.
    static func line(_ text: String) -> String {
        var out = "", rest = Substring(text)
        while let start = rest.range(of: "https://") ?? rest.range(of: "http://") {
            out += escape(String(rest[..<start.lowerBound]))
            let end = rest[start.lowerBound...].firstIndex(where: { $0 == " " || $0 == "\t" }) ?? rest.endIndex
            var url = String(rest[start.lowerBound..<end])
            // A sentence's full stop or closing bracket is not part of the address.
            var trailing = ""
            while let last = url.last, ".,;:)".contains(last) { trailing = String(last) + trailing; url.removeLast() }
            out += "<a href=\"\(escape(url))\" style=\"color:\(brand)\">\(escape(url))</a>" + escape(trailing)
            rest = rest[end...]
        }
        return out + escape(String(rest))
    }

    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
