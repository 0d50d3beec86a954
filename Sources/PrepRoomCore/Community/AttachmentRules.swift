import Foundation

/// Files attached to a post or to a council meeting's papers: the library's kinds of
/// document (`DocumentType`, each known by its first bytes), photographs shown in place.
public enum AttachmentRules {
    public static let maxBytes = 5 * 1024 * 1024
    /// The whole upload: the file, its description and the multipart framing.
    public static let maxUploadBytes = maxBytes + 256 * 1024
    public static let mostPerPost = 5
    public static let mostPerMeeting = 20
    public static let descriptionLength = 200

    /// Shown in the post (with its description as the text for those who cannot see it).
    public static func isImage(_ contentType: String) -> Bool { contentType == "image/png" || contentType == "image/jpeg" }

    /// A post's files are added and removed by whoever may edit it.
    public static func mayAttach(isAuthor: Bool, topicLocked: Bool, _ permissions: Permissions) -> Bool {
        CommunityRules.mayEdit(isAuthor: isAuthor, topicLocked: topicLocked, permissions)
    }

    /// A picture needs words for those who cannot see it; a document's name says enough.
    public static func problems(description: String?, isImage: Bool) -> [FieldError] {
        let description = (description ?? "").trimmed
        if isImage && description.isEmpty {
            return [FieldError("description", "Say in a few words what the picture shows, for those who cannot see it")]
        }
        if description.count > descriptionLength {
            return [FieldError("description", "Keep the description to \(descriptionLength) characters")]
        }
        return []
    }
}
