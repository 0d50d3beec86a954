import Foundation

/// Techné's discussion rules: who reads which category, who posts, who marks a reply as
/// the one that solved a question, and what a topic and a post must be.
public enum CommunityRules {
    /// A title says what the question is: long enough to say something, short enough for a list.
    public static let titleLength = 8...TextLimit.title
    public static let bodyLength = 1...TextLimit.text

    /// Members-only categories are read by signed-in people; the others by anyone.
    public static func mayRead(membersOnly: Bool, signedIn: Bool) -> Bool { !membersOnly || signedIn }

    /// Moderators (and admins) lock topics and mark any topic's solution.
    public static func mayModerate(_ permissions: Permissions) -> Bool { permissions.has(.moderator) }

    /// The person who asked knows what solved it; a moderator may mark it for them.
    public static func mayMarkSolved(isAuthor: Bool, _ permissions: Permissions) -> Bool {
        isAuthor || mayModerate(permissions)
    }

    /// A new member's first posts wait for a moderator: how many, by default (admins change
    /// it, from 0 for none to 20), and under which setting.
    public static let firstPostsHeldSetting = "community.first_posts_held"
    public static let defaultFirstPostsHeld = 2
    public static let firstPostsHeldRange = 0...20

    /// Whether a member's next post waits: they are not a moderator and have fewer than
    /// `held` posts that did not wait (or were approved).
    public static func mustWait(postsAlreadyApproved: Int, held: Int, _ permissions: Permissions) -> Bool {
        !mayModerate(permissions) && postsAlreadyApproved < held
    }

    /// What a held post says to its author and the moderators.
    public static let heldReason = "Waiting for a moderator: a new member's first posts are read before others see them."

    /// Authors edit their own posts (not in a locked topic); moderators edit any.
    public static func mayEdit(isAuthor: Bool, topicLocked: Bool, _ permissions: Permissions) -> Bool {
        mayModerate(permissions) || (isAuthor && !topicLocked)
    }

    /// Members flag others' posts for a moderator to look at; their own they may not.
    public static func mayFlag(isAuthor: Bool) -> Bool { !isAuthor }

    /// A flag or a moderator's decision says why, in a sentence or a paragraph.
    public static func problems(reason: String?) -> [FieldError] {
        let reason = (reason ?? "").trimmed
        if reason.isEmpty { return [FieldError("reason", "Say why, in a sentence")] }
        if reason.count > TextLimit.reason { return [FieldError("reason", "Keep the reason to \(TextLimit.reason) characters")] }
        return []
    }

    /// A suspension ends on a day after today, at most two years on.
    public static let longestSuspensionDays = 730

    public static func suspensionProblems(until: Date?, now: Date) -> [FieldError] {
        guard let until else { return [FieldError("until", "Give the day the member may post again, like 2027-03-10")] }
        let today = ServiceTime.startOfDay(now)
        if until <= today { return [FieldError("until", "The day the member may post again must be after today")] }
        if until > ServiceTime.addingDays(longestSuspensionDays, to: today) {
            return [FieldError("until", "Suspend for at most \(longestSuspensionDays) days")]
        }
        return []
    }

    /// Posts, replies and flags one member may make in ten minutes: enough for a busy
    /// afternoon of answering, not for a script.
    public static let postsPerWindow = RateLimit("community-post", limit: 20, per: 600)

    /// What is wrong with a new topic, by field; empty when it may be posted.
    public static func problems(title: String?, body: String?) -> [FieldError] {
        var problems: [FieldError] = []
        let title = (title ?? "").trimmed
        if !titleLength.contains(title.count) {
            problems.append(FieldError("title", "Give the topic a title of \(titleLength.lowerBound) to \(titleLength.upperBound) characters"))
        }
        problems += self.problems(body: body)
        return problems
    }

    public static func problems(body: String?) -> [FieldError] {
        let body = (body ?? "").trimmed
        if body.isEmpty { return [FieldError("body", "Write something in the post")] }
        if body.count > bodyLength.upperBound { return [FieldError("body", "Keep the post to \(bodyLength.upperBound) characters")] }
        return []
    }

    /// Keys the discussion's own pages use under /community: no category may take one.
    public static let reservedKeys: Set<String> = ["topics", "posts", "members", "meets", "notifications", "council", "new"]

    /// What is wrong with a category, by field; `key` only when one is being made.
    public static func categoryProblems(key: String?, name: String?, description: String?) -> [FieldError] {
        var problems: [FieldError] = []
        if let key {
            if !Slug.isValid(key) || key.count > 40 {
                problems.append(FieldError("key", "Give a short key of lower-case letters, digits and hyphens, like lab-technology"))
            } else if reservedKeys.contains(key) {
                problems.append(FieldError("key", "That key is taken by Techné's own pages: choose another"))
            }
        }
        if !(2...TextLimit.name).contains((name ?? "").trimmed.count) { problems.append(FieldError("name", "Give the category a name")) }
        if (description ?? "").trimmed.isEmpty { problems.append(FieldError("description", "Say in a line what belongs in it")) }
        return problems
    }

    /// The categories every service starts with (staff add more later): the sciences and
    /// technology, safety, and a place for new technicians. General safety and new
    /// technicians are members-only: people write there about their own schools.
    public static let startingCategories: [(key: String, name: String, description: String, membersOnly: Bool)] = [
        ("biology", "Biology", "Living things in the prep room: cultures, dissection, plants and animals.", false),
        ("chemistry", "Chemistry", "Reagents, preparations, storage and disposal.", false),
        ("physics", "Physics", "Apparatus, electricity, optics and radioactive sources.", false),
        ("technology", "Technology", "Workshops, machinery, materials and design and technology rooms.", false),
        ("general-safety", "General safety", "Risk assessments, COSHH, incidents and near misses.", true),
        ("new-technicians", "New technicians", "Ask anything in your first years: nobody minds.", true),
        ("general", "General", "Everything else about the job.", true),
    ]
}
