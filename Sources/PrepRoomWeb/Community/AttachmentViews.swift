import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices

/// Files attached to a post or a meeting: pictures shown in place with their description
/// as the text for those who cannot see them, documents as links with their kind and size;
/// and the form to attach one.
enum AttachmentViews {
    /// The files, each with a "Remove" button when the reader may remove it.
    static func list(_ attachments: [AttachmentLine], csrf: String?, removable: Bool) -> BodyNode {
        guard !attachments.isEmpty else { return .empty }
        let pictures = attachments.filter(\.isImage), documents = attachments.filter { !$0.isImage }
        return .div(.class("attachments mt-2"),
            .forEach(pictures) { picture in
                H.element("figure", [H.attr("class", "figure me-3")], [
                    .a(.attr("href", SiteURL.attachment(picture.id).path),
                       .img(.class("figure-img img-fluid rounded border attachment-picture"), .attr("src", SiteURL.attachment(picture.id).path),
                            .attr("alt", picture.description))),
                    H.element("figcaption", [H.attr("class", "figure-caption")], [
                        .text("\(picture.description) · \(picture.filename), \(ResourcePage.size(picture.size))"),
                        removeButton(picture, csrf: csrf, removable: removable),
                    ]),
                ])
            },
            .if(!documents.isEmpty, .ul(.class("list-unstyled small"), .forEach(documents) { document in
                .li(.a(.attr("href", SiteURL.attachment(document.id).path), .text(document.filename)),
                    .text(" (\(kind(document)), \(ResourcePage.size(document.size)))"),
                    .if(!document.description.isEmpty, .text(": \(document.description)")),
                    removeButton(document, csrf: csrf, removable: removable))
            })))
    }

    /// The form to attach a file, in a disclosure; `id` tells one post's fields from another's.
    static func form(action: String, csrf: String?, id: String, summary: String) -> BodyNode {
        H.element("details", [H.attr("class", "mt-2 small")], [
            H.element("summary", [], [.text(summary)]),
            H.form(action: action, csrf: csrf, [
                FormParts.text("file", id: "file-\(id)", label: "The file",
                               value: nil, hint: "\(DocumentType.names), at most \(Upload.megabytes(AttachmentRules.maxBytes)).",
                               type: "file", errors: []),
                FormParts.text("description", id: "description-\(id)", label: "What it shows (needed for a picture, for those who cannot see it)",
                               value: nil, errors: []),
                H.button("Attach the file", style: "btn-outline-primary btn-sm"),
            ], multipart: true),
        ])
    }

    private static func removeButton(_ attachment: AttachmentLine, csrf: String?, removable: Bool) -> BodyNode {
        guard removable else { return .empty }
        return H.form(action: SiteURL.attachment(attachment.id, .remove).path, csrf: csrf, [
            H.button("Remove \(attachment.filename)", style: "btn-link btn-sm text-danger p-0 ms-2"),
        ])
    }

    /// "PDF", "Word document": what a reader's computer will open it with.
    private static func kind(_ attachment: AttachmentLine) -> String {
        DocumentType.allCases.first { $0.contentType == attachment.contentType }?.rawValue.uppercased() ?? "file"
    }
}
