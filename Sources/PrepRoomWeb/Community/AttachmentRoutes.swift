import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// What a form or the API sends to attach a file: multipart form data (its `file` part), or
/// JSON with the file's bytes in base64 (`{"file": {"data": …, "filename": …}}`).
struct AttachmentForm: Content {
    var file: File?
    var description: String?
    var upload: Upload? { file.flatMap { $0.data.readableBytes > 0 ? Upload($0) : nil } }
}

struct AttachmentDTO: Content {
    var id: UUID; var filename: String; var contentType: String; var size: Int; var description: String; var url: String
    init(_ line: AttachmentLine) {
        id = line.id; filename = line.filename; contentType = line.contentType; size = line.size; description = line.description
        url = SiteURL.attachment(line.id).path
    }
    init(_ attachment: CommunityAttachment) throws {
        id = try attachment.requireID(); filename = attachment.filename; contentType = attachment.contentType; size = attachment.size
        description = attachment.description; url = SiteURL.attachment(id).path
    }
}

/// Attaching, removing and reading the files of posts and of the council's meetings, as
/// pages: a refusal (too large, a kind not taken, too many) comes back on the page the
/// form was on, which is unchanged.
struct AttachmentPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("community", "attachments", ":attachmentID", use: download)
        routes.post("community", "attachments", ":attachmentID", "remove", use: remove)
        routes.on(.POST, "community", "posts", ":postID", "attachments", body: .collect(maxSize: ByteCount(value: AttachmentRules.maxUploadBytes)),
                  use: attachToPost)
            .acceptingForms(upTo: AttachmentRules.maxUploadBytes)
        routes.on(.POST, "community", "council", "meetings", ":meetingID", "papers", body: .collect(maxSize: ByteCount(value: AttachmentRules.maxUploadBytes)),
                  use: attachToMeeting)
            .acceptingForms(upTo: AttachmentRules.maxUploadBytes)
    }

    /// A picture is shown in place; anything else is downloaded.
    func download(req: Request) async throws -> Response {
        let file = try await AttachmentDesk(db: req.db).download(try req.uuid("attachmentID", "attachment"), for: req.currentUser)
        let response = Response.download(file.content, contentType: file.contentType, filename: file.filename)
        if file.inline { response.headers.contentDisposition = .init(.inline, filename: Response.safeFilename(file.filename)) }
        return response
    }

    func attachToPost(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let postID = try req.uuid("postID", "post")
        let form = try req.content.decode(AttachmentForm.self)
        let (post, page) = try await CommunityDesk(db: req.db).post(postID, for: user)
        let back = SiteURL.topic(page.id).path + "#post-\(post.position)"
        return try await req.attempt(back: back) {
            _ = try await AttachmentDesk(db: req.db).attach(form.upload, description: form.description, toPost: postID, by: user)
            return "The file is attached."
        }
    }

    func attachToMeeting(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let meetingID = try req.uuid("meetingID", "meeting")
        let form = try req.content.decode(AttachmentForm.self)
        return try await req.attempt(back: SiteURL.councilMeeting(meetingID).path + "#papers") {
            _ = try await AttachmentDesk(db: req.db).attach(form.upload, description: form.description, toMeeting: meetingID, by: user)
            return "The paper is attached."
        }
    }

    func remove(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let place = try await AttachmentDesk(db: req.db).remove(try req.uuid("attachmentID", "attachment"), by: user)
        req.flash("The file is removed.")
        switch place {
        case .post(_, let topicID): return req.redirect(to: SiteURL.topic(topicID).path)
        case .meeting(let meetingID): return req.redirect(to: SiteURL.councilMeeting(meetingID).path + "#papers")
        }
    }
}

/// The same as JSON: `POST …/posts/{postID}/attachments`, `POST …/council/meetings/{meetingID}/papers`
/// (201 with the attachment), `DELETE …/attachments/{attachmentID}` (204). The file itself
/// is read at the attachment's `url`.
struct AttachmentAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "community", "posts", ":postID", "attachments", body: .collect(maxSize: ByteCount(value: AttachmentRules.maxUploadBytes * 2)),
                  use: attachToPost)
        routes.on(.POST, "community", "council", "meetings", ":meetingID", "papers", body: .collect(maxSize: ByteCount(value: AttachmentRules.maxUploadBytes * 2)),
                  use: attachToMeeting)
        routes.delete("community", "attachments", ":attachmentID", use: remove)
    }

    func attachToPost(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let postID = try req.uuid("postID", "post")
        let form = try req.decodeBody(AttachmentForm.self)
        let (attachment, _) = try await AttachmentDesk(db: req.db).attach(form.upload, description: form.description, toPost: postID, by: user)
        return try await AttachmentDTO(attachment).encodeResponse(status: .created, for: req)
    }

    func attachToMeeting(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let meetingID = try req.uuid("meetingID", "meeting")
        let form = try req.decodeBody(AttachmentForm.self)
        let attachment = try await AttachmentDesk(db: req.db).attach(form.upload, description: form.description, toMeeting: meetingID, by: user)
        return try await AttachmentDTO(attachment).encodeResponse(status: .created, for: req)
    }

    func remove(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        _ = try await AttachmentDesk(db: req.db).remove(try req.uuid("attachmentID", "attachment"), by: user)
        return .noContent
    }
}
