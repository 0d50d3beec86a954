/// The emails Techné's moderation sends to a post's author.
public enum CommunityNotices {
    public static func postHidden(to email: String, name: String, topic: String, reason: String, link: String) -> EmailMessage {
        EmailMessage(to: email, subject: "A moderator hid your post in Techné",
                     body: "Dear \(name),\n\nA moderator hid your post in \"\(topic)\", so members no longer see it.\n\nThe reason given: \(reason)\n\nThe topic: \(link)\n\nIf you think this is a mistake, reply to this email." + EmailMessage.signOff)
    }

    public static func postRestored(to email: String, name: String, topic: String, reason: String, link: String) -> EmailMessage {
        EmailMessage(to: email, subject: "Your post in Techné is shown again",
                     body: "Dear \(name),\n\nA moderator restored your post in \"\(topic)\": members see it again.\n\nThe reason given: \(reason)\n\nThe topic: \(link)" + EmailMessage.signOff)
    }
}

extension CommunityNotices {
    /// One notification, emailed as it happens.
    public static func notification(to email: String, name: String, line: String, excerpt: String, link: String) -> EmailMessage {
        EmailMessage(to: email, subject: "Techné: \(line)",
                     body: "Dear \(name),\n\n\(line):\n\n\(excerpt)\n\nRead it and reply: \(link)" + EmailMessage.signOff)
    }

    /// The day's notifications in one email.
    public static func digest(to email: String, name: String, items: [(line: String, link: String)], more: Int, link: String) -> EmailMessage {
        let list = items.map { "- \($0.line)\n  \($0.link)" }.joined(separator: "\n")
        let rest = more > 0 ? "\n\n…and \(more) more." : ""
        return EmailMessage(to: email, subject: "Techné: \(items.count + more) new since yesterday",
                            body: "Dear \(name),\n\nNew in Techné for you:\n\n\(list)\(rest)\n\nAll your notifications: \(link)" + EmailMessage.signOff)
    }
}
