import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices

/// The newest public resources as Atom (RFC 4287), escaped as `CommunityFeed` escapes.
enum ResourceFeed {
    static func atom(_ lines: [ResourceLine], links: Links) -> String {
        let home = links.absolute(.resources())
        let updated = lines.map(\.updatedAt).max() ?? Date(timeIntervalSince1970: 0)
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <title>Resources: Techné</title>
            <id>\(AtomText.text(home))</id>
            <link rel="self" href="\(AtomText.text(links.absolute(.resourcesFeed)))"/>
            <link rel="alternate" type="text/html" href="\(AtomText.text(home))"/>
            <updated>\(AtomText.time(updated))</updated>

            """
        for line in lines {
            let url = links.absolute(.resource(line.id))
            xml += """
                <entry>
                <title>\(AtomText.text(line.title))</title>
                <id>\(AtomText.text(url))</id>
                <link rel="alternate" type="text/html" href="\(AtomText.text(url))"/>
                <updated>\(AtomText.time(line.updatedAt))</updated>
                <author><name>PrepRoom</name></author>
                <summary>\(AtomText.text("\(line.kind.label), \(line.subject.label), version \(line.version): \(line.summary)"))</summary>
                </entry>

                """
        }
        return xml + "</feed>\n"
    }
}

/// Text and times as Atom holds them: XML-escaped (& < > " '), without the control
/// characters XML cannot hold.
enum AtomText {
    static func text(_ value: String) -> String {
        EmailHTML.escape(String(value.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r" }.map(Character.init)))
    }

    static func time(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
