import Foundation

/// Why a member is told about a post.
public enum CommunityNotificationKind: String, CaseIterable, Codable, Sendable {
    /// Someone wrote `@their-handle` in it.
    case mention
    /// A reply in a topic they follow (starting or replying to a topic follows it).
    case reply
    /// A new topic in a category they follow.
    case topic

    /// "Nia New mentioned you in …", as a line of the list and of an email.
    public func line(actor: String, topic: String) -> String {
        switch self {
        case .mention: "\(actor) mentioned you in \"\(topic)\""
        case .reply: "\(actor) replied to \"\(topic)\""
        case .topic: "\(actor) started \"\(topic)\""
        }
    }
}

/// How a member wants Techné's notifications emailed (stopping them altogether is the
/// optional email `communityNotifications`, with the one-click link in each).
public enum CommunityEmailMode: String, CaseIterable, Codable, Sendable {
    case immediate, daily

    public var label: String {
        switch self {
        case .immediate: "Each one as it happens"
        case .daily: "One email a day, from 07:00, with everything new"
        }
    }

    /// A new member hears once a day: the site's bell shows the rest.
    public static let standard = CommunityEmailMode.daily
}

/// `@mentions`: every member has a handle, their name's letters and digits run together
/// ("Nia New" → `@NiaNew`), shown beside their posts so others know what to type.
public enum Mentions {
    /// At most this many people are told about one post: a list of names longer than this
    /// is a broadcast, not a mention.
    public static let mostPerPost = 10

    public static func handle(forName name: String) -> String {
        String(name.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    /// The handles written in a post, lower-cased, each once, in order, at most
    /// `mostPerPost`. An `@` inside a word (an email address) is not a mention.
    public static func handles(in text: String) -> [String] {
        var found: [String] = []
        var previous: Character = " "
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "@", !(previous.isLetter || previous.isNumber) {
                var end = text.index(after: index)
                while end < text.endIndex, text[end].isLetter || text[end].isNumber { end = text.index(after: end) }
                let handle = text[text.index(after: index)..<end].lowercased()
                if (2...60).contains(handle.count), !found.contains(handle) { found.append(handle) }
                if found.count == mostPerPost { break }
                previous = end > index ? text[text.index(before: end)] : character
                index = end
                continue
            }
            previous = character
            index = text.index(after: index)
        }
        return found
    }

    /// Whether `name` has the handle (compared without case).
    public static func matches(_ handle: String, name: String) -> Bool {
        Self.handle(forName: name).lowercased() == handle
    }

    /// A LIKE pattern that every name with the handle matches (its letters in order, with
    /// anything between): a narrow first cut the exact `matches` then decides. Letters
    /// outside ASCII stand as `_`, since the engines lower-case those differently.
    public static func namePattern(_ handle: String) -> String {
        "%" + handle.map { $0.isASCII ? String($0) : "_" }.joined(separator: "%") + "%"
    }
}
