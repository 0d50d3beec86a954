import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// Files attached to posts (by whoever may edit the post) and to the council's meetings
/// (by those who manage the council). A file is read by whoever may read what it is
/// attached to: a hidden post's files are as hidden as the post.
package struct AttachmentDesk {
    package let db: any Database
    package var now = Date()

    package init(db: any Database) { self.db = db }

    /// A file to download, and whether a browser may show it in place (a picture).
    package struct File: Sendable {
        package var filename: String
        package var contentType: String
        package var content: Data
        package var inline: Bool
    }

    /// Attaches a file to a post: its author while the topic is open, or a moderator.
    /// At most `AttachmentRules.mostPerPost`; 413 over the size limit, 415 for a kind of
    /// file not taken. Returns the topic, for the page to go back to.
    package func attach(_ upload: Upload?, description: String?, toPost postID: UUID, by user: User) async throws -> (attachment: CommunityAttachment, topicID: UUID) {
        let community = CommunityDesk(db: db)
        let (post, page) = try await community.post(postID, for: user)
        let isAuthor = post.authorID != nil && post.authorID == user.id
        guard AttachmentRules.mayAttach(isAuthor: isAuthor, topicLocked: page.topic.locked, user.permissions) else {
            throw ServiceError.forbidden(page.topic.locked && isAuthor ? "The topic is locked: ask a moderator to attach it."
                                                                        : "Only the post's author, or a moderator, attaches files to it.")
        }
        if !CommunityRules.mayModerate(user.permissions) { try await community.requireNotSuspended(user) }
        let attachment = try make(upload, description: description)
        guard try await AttachmentStore.count(post: postID, on: db) < AttachmentRules.mostPerPost else {
            throw ServiceError.conflict("too_many_attachments", "A post takes at most \(AttachmentRules.mostPerPost) files: remove one first.")
        }
        attachment.postID = postID
        attachment.uploadedBy = user.id
        try await attachment.create(on: db)
        return (attachment, page.id)
    }

    /// Adds a paper (agenda, minutes, a report) to a council meeting. Managers; audited.
    package func attach(_ upload: Upload?, description: String?, toMeeting meetingID: UUID, by user: User) async throws -> CommunityAttachment {
        let council = CouncilDesk(db: db)
        try council.requireManager(user)
        _ = try await council.meeting(meetingID, for: user)
        let attachment = try make(upload, description: description)
        guard try await AttachmentStore.count(meeting: meetingID, on: db) < AttachmentRules.mostPerMeeting else {
            throw ServiceError.conflict("too_many_attachments", "A meeting takes at most \(AttachmentRules.mostPerMeeting) papers: remove one first.")
        }
        attachment.meetingID = meetingID
        attachment.uploadedBy = user.id
        try await db.writeTransaction { db in
            try await attachment.create(on: db)
            try await AuditEntry.record("council.paper_added", subject: "meeting:\(meetingID)", actor: user.id, details: attachment.filename, on: db)
        }
        return attachment
    }

    /// Removes a file: a post's by whoever may attach to it, a meeting's by a manager.
    /// A moderator's or manager's removal is audited. Returns where it was.
    package func remove(_ id: UUID, by user: User) async throws -> Place {
        guard let attachment = try await AttachmentStore.find(id, on: db) else { throw ServiceError.notFound("attachment") }
        if let postID = attachment.postID {
            let (post, page) = try await readablePost(postID, for: user)
            let isAuthor = post.authorID != nil && post.authorID == user.id
            guard AttachmentRules.mayAttach(isAuthor: isAuthor, topicLocked: page.topic.locked, user.permissions) else {
                throw ServiceError.forbidden("Only the post's author, or a moderator, removes its files.")
            }
            try await db.writeTransaction { db in
                try await attachment.delete(on: db)
                if !isAuthor {
                    try await AuditEntry.record("community.attachment_removed", subject: "post:\(postID)", actor: user.id, details: attachment.filename, on: db)
                }
            }
            return .post(postID, topicID: page.id)
        }
        let meetingID = try await readableMeeting(of: attachment, for: user)
        try CouncilDesk(db: db).requireManager(user)
        try await db.writeTransaction { db in
            try await attachment.delete(on: db)
            try await AuditEntry.record("council.paper_removed", subject: "meeting:\(meetingID)", actor: user.id, details: attachment.filename, on: db)
        }
        return .meeting(meetingID)
    }

    /// Where a file is attached.
    package enum Place: Sendable, Equatable {
        case post(UUID, topicID: UUID)
        case meeting(UUID)
    }

    /// The file, for whoever may read what it is attached to (404 otherwise; a visitor on
    /// members-only content is asked to sign in).
    package func download(_ id: UUID, for user: User?) async throws -> File {
        guard let attachment = try await AttachmentStore.find(id, on: db) else { throw ServiceError.notFound("attachment") }
        if let postID = attachment.postID { _ = try await readablePost(postID, for: user) } else { _ = try await readableMeeting(of: attachment, for: user) }
        return File(filename: attachment.filename, contentType: attachment.contentType, content: attachment.content,
                    inline: AttachmentRules.isImage(attachment.contentType))
    }

    /// The file's post as `user` may read it; a post they may not read is no attachment to them.
    private func readablePost(_ postID: UUID, for user: User?) async throws -> (post: PostLine, topic: CommunityDesk.TopicPage) {
        do { return try await CommunityDesk(db: db).post(postID, for: user) } catch let error as ServiceError where error.kind == .notFound {
            throw ServiceError.notFound("attachment")
        }
    }

    /// The file's meeting, checking `user` may read it (a draft is the managers').
    private func readableMeeting(of attachment: CommunityAttachment, for user: User?) async throws -> UUID {
        guard let meetingID = attachment.meetingID else { throw ServiceError.notFound("attachment") }
        do { _ = try await CouncilDesk(db: db).meeting(meetingID, for: user) } catch let error as ServiceError where error.kind == .notFound {
            throw ServiceError.notFound("attachment")
        }
        return meetingID
    }

    /// The new row from an upload: a file of a kind taken, within the limit, described.
    private func make(_ upload: Upload?, description: String?) throws -> CommunityAttachment {
        guard let upload, !upload.bytes.isEmpty else {
            throw ServiceError.invalid([FieldError("file", "Choose the file (\(DocumentType.names), at most \(Upload.megabytes(AttachmentRules.maxBytes)))")])
        }
        guard upload.bytes.count <= AttachmentRules.maxBytes else {
            throw ServiceError(.payloadTooLarge, "too_large", "A file can be at most \(Upload.megabytes(AttachmentRules.maxBytes)).", field: "file")
        }
        guard let type = DocumentType.of(filename: upload.filename, bytes: upload.bytes) else {
            throw ServiceError(.unsupportedMediaType, "unsupported_type",
                               "Techné takes \(DocumentType.names) files; this one is none of them.", field: "file")
        }
        let problems = AttachmentRules.problems(description: description, isImage: AttachmentRules.isImage(type.contentType))
        guard problems.isEmpty else { throw ServiceError.invalid(problems) }
        let attachment = CommunityAttachment()
        attachment.filename = String(upload.filename.suffix(200))
        attachment.contentType = type.contentType
        attachment.size = upload.bytes.count
        attachment.description = (description ?? "").trimmed
        attachment.content = upload.bytes
        attachment.uploadedAt = now
        return attachment
    }
}
