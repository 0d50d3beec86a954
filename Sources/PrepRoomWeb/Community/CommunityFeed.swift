import Foundation
import PrepRoomCore
import PrepRoomServices

/// A category's latest topics as Atom (RFC 4287). Every text goes through the XML
/// escaping `EmailHTML.escape` does (& < > " '), with control characters XML cannot hold
/// left out.
enum CommunityFeed {
    static func atom(_ page: CommunityDesk.CategoryPage, links: Links) -> String {
        let category = page.category
        let home = links.absolute(.communityCategory(key: category.key))
        let updated = page.topics.map(\.lastPostedAt).max() ?? Date(timeIntervalSince1970: 0)
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <title>\(text("\(category.name): Techné"))</title>
            <subtitle>\(text(category.description))</subtitle>
            <id>\(text(home))</id>
            <link rel="self" href="\(text(links.absolute(.communityFeed(key: category.key))))"/>
            <link rel="alternate" type="text/html" href="\(text(home))"/>
            <updated>\(time(updated))</updated>

            """
        for topic in page.topics {
            let url = links.absolute(.topic(topic.id))
            xml += """
                <entry>
                <title>\(text(topic.title))</title>
                <id>\(text(url))</id>
                <link rel="alternate" type="text/html" href="\(text(url))"/>
                <updated>\(time(topic.lastPostedAt))</updated>
                <author><name>\(text(topic.author ?? CommunityText.formerMember))</name></author>
                <summary>\(text(Wording.count(topic.replies, "reply", plural: "replies") + (topic.solved ? ", solved" : "")))</summary>
                </entry>

                """
        }
        return xml + "</feed>\n"
    }

    private static func text(_ value: String) -> String { AtomText.text(value) }
    private static func time(_ date: Date) -> String { AtomText.time(date) }
}
