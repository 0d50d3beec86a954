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
