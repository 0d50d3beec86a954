import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices

/// The library: the newest first, with filters by subject, kind and tag.
struct ResourceListPage: PageView {
    let lines: [ResourceLine]
    let filter: ResourceStore.Filter
    let page: Pagination
    let hasMore: Bool
    var title: String { "Resources: Techné" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-lg-9"),
            .p(.a(.attr("href", SiteURL.community.path), .text("Techné"))),
            .h1(.text("Resources")),
            .p(.class("lead"), .text("Documents and videos for the prep room: risk assessments, guides and demonstrations, each with what changed in every version.")),
            .if(ResourceRules.mayPublish(chrome.permissions), .p(.a(.class("btn btn-primary"), .attr("href", SiteURL.newResource.path), .text("Publish a resource")))),
            H.form(action: SiteURL.resources().path, method: "get", csrf: nil, id: "resource-filters", [
                .div(.class("row g-2 align-items-end"),
                    .div(.class("col-md-4"), FormParts.select("subject", label: "Subject", options: [("", "Any subject")] + Subject.allCases.map { ($0.rawValue, $0.label) },
                                                              selected: filter.subject?.rawValue ?? "", errors: [])),
                    .div(.class("col-md-4"), FormParts.select("kind", label: "Kind", options: [("", "Documents and videos")] + ResourceKind.allCases.map { ($0.rawValue, $0.label) },
                                                              selected: filter.kind?.rawValue ?? "", errors: [])),
                    .div(.class("col-md-4"), FormParts.text("tag", label: "Tag", value: filter.tag, errors: []))),
                H.button("Show", style: "btn-outline-primary mb-3"),
            ]),
            lines.isEmpty ? .p(.id("resources"), .text(page.page == 1 ? "No resources match." : "No more resources."))
                : .ul(.id("resources"), .class("list-unstyled"), .forEach(lines) { ResourceViews.line($0) }),
            Pager.previousNext(page: page.page, hasMore: hasMore, label: "Pages of resources") {
                SiteURL.resources(SiteURL.ResourceQuery(subject: filter.subject?.rawValue, kind: filter.kind?.rawValue, tag: filter.tag, page: $0)).path
            },
            .p(.class("small"), .a(.attr("href", SiteURL.resourcesFeed.path), .text("New public resources in a feed reader (Atom)")))
        ))
    }
}

enum ResourceViews {
    static func line(_ line: ResourceLine) -> Node<HTML.ListContext> {
        .li(.class("mb-3"),
            .a(.class("fw-semibold"), .attr("href", SiteURL.resource(line.id).path), .text(line.title)),
            .span(.class("badge text-bg-light border ms-2"), .text(line.kind.label)),
            .if(line.membersOnly, .span(.class("badge text-bg-secondary ms-1"), .text("Members only"))),
            .div(.class("small text-body-secondary"),
                 .text("\(line.subject.label) · version \(line.version) · \(ServiceTime.shortDay(line.updatedAt)) · \(Wording.count(line.downloads, "download"))")),
            .p(.class("mb-0 small"), .text(line.summary)))
    }
}

/// One resource: what it is, the current version to download or watch (with its
/// transcript), every version with what changed, the courses it goes with, and for
/// editors the form for a new version.
struct ResourcePage: PageView {
    let page: ResourceLibrary.Page
    let errors: [FieldError]
    var title: String { (errors.isEmpty ? "" : "Error: ") + "\(page.resource.title): resources" }

    func content(_ chrome: Chrome) -> BodyNode {
        let resource = page.resource
        let id = resource.linkID
        return .div(.class("row"), .div(.class("col-lg-9"),
            FormParts.errorSummary(errors),
            .p(.a(.attr("href", SiteURL.resources().path), .text("Resources"))),
            .h1(.text(resource.title)),
            .p(.class("lead"), .text(resource.summary)),
            .element(named: "dl", nodes: [.class("summary-list mb-3"),
                FormParts.summaryRow("Kind", .text(resource.kind.label)),
                FormParts.summaryRow("Subject", .text(resource.subject.label)),
                FormParts.summaryRow("For", .text(resource.audiences.map(\.label).joined(separator: ", "))),
                FormParts.summaryRow("Tags", .forEach(resource.tags) { tag in
                    .a(.class("me-2"), .attr("href", SiteURL.resources(SiteURL.ResourceQuery(tag: tag)).path), .text("#" + tag))
                }),
                FormParts.summaryRow("Read by", .text(resource.membersOnly ? "Members only" : "Anyone")),
                FormParts.summaryRow("Downloads", .text("\(resource.downloads)"))]),
            current,
            .if(!page.courses.isEmpty, .group(.h2(.class("h4"), .text("Courses it goes with")), .ul(.id("resource-courses"), .forEach(page.courses) { course in
                .li(.a(.attr("href", SiteURL.course(code: course.code).path), .text(course.title)))
            }))),
            .h2(.class("h4 mt-4"), .text("Versions")),
            .ol(.id("versions"), .attr("reversed", "reversed"), .forEach(page.versions) { version in
                .li(.strong(.text("Version \(version.number)")), .text(" · \(ServiceTime.shortDay(version.createdAt)): \(version.note)"),
                    .unwrap(version.filename) { filename in
                        .group(.text(" "), .a(.attr("href", SiteURL.resource(id, .versionDownload(version.number)).path), .text("Download \(filename)")))
                    },
                    .unwrap(version.url) { url in .group(.text(" "), H.externalLink("Watch", url)) })
            }),
            .if(ResourceRules.mayPublish(chrome.permissions), newVersionForm(chrome))
        ))
    }

    private var current: BodyNode {
        let version = page.current
        let id = page.resource.linkID
        switch page.resource.kind {
        case .document:
            return .p(.id("current"), .a(.class("btn btn-primary"), .attr("href", SiteURL.resource(id, .download).path),
                                        .text("Download \(version.filename ?? "the document") (\(Self.size(version.size)))")))
        case .video:
            return .div(.id("current"),
                .p(H.externalLink("Watch the video", version.url ?? "")),
                .h2(.class("h4"), .text("Transcript")),
                .div(.class("border rounded p-3 mb-3 pre-line"), .text(version.transcript ?? "")))
        }
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1024 * 1024 ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : "\(max(1, bytes / 1024)) KB"
    }

    private func newVersionForm(_ chrome: Chrome) -> BodyNode {
        let resource = page.resource
        return H.form(action: SiteURL.resource(resource.linkID, .versions).path, csrf: chrome.csrf, id: "new-version", [
            .h2(.class("h4 mt-4"), .text("Publish a new version")),
            FormParts.textArea("note", label: "What changed", value: nil, hint: "Shown beside the version, so readers know whether to look again.", rows: 2, errors: errors),
            resource.kind == .document
                ? FormParts.text("file", label: "The new document", value: nil, hint: "\(DocumentType.names), at most \(Self.size(ResourceRules.maxDocumentBytes)).",
                                 type: "file", errors: errors)
                : .group(FormParts.text("url", label: "The video's address", value: nil, type: "url", errors: errors),
                         FormParts.textArea("transcript", label: "Transcript or captions", value: nil, rows: 6, errors: errors)),
            H.button("Publish the version"),
        ], multipart: true)
    }
}

/// An editor's form for a new resource.
struct NewResourcePage: PageView {
    let form: ResourcePages.ResourceForm
    let courses: [Course]
    let errors: [FieldError]
    var title: String { (errors.isEmpty ? "" : "Error: ") + "Publish a resource" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-lg-8"),
            FormParts.errorSummary(errors),
            .h1(.text("Publish a resource")),
            H.form(action: SiteURL.resources().path, csrf: chrome.csrf, id: "resource", [
                FormParts.text("title", label: "Title", value: form.title, errors: errors),
                FormParts.textArea("summary", label: "What it is and who it is for", value: form.summary, rows: 3, errors: errors),
                FormParts.select("kind", label: "Kind", options: ResourceKind.allCases.map { ($0.rawValue, $0.label) }, selected: form.kind, errors: errors),
                FormParts.select("subject", label: "Subject", options: Subject.allCases.map { ($0.rawValue, $0.label) }, selected: form.subject, errors: errors),
                FormParts.fieldset(id: "audiences", legend: "Who it is for", errors: errors, Audience.allCases.map { audience in
                    FormParts.checkbox("audiences[]", label: audience.label, checked: form.audiences?.contains(audience.rawValue) ?? false, value: audience.rawValue)
                }),
                FormParts.text("tags", label: "Tags (optional)", value: form.tags, hint: "Separated by commas, like COSHH, fume cupboards.", errors: errors),
                FormParts.checkbox("membersOnly", label: "Members only (visitors are asked to sign in)", checked: form.membersOnly == "true"),
                FormParts.field("courses", id: "courses", label: "Courses it goes with (optional)", hint: "Hold Ctrl (or Cmd) to choose several.", errors: errors) { attributes in
                    H.element("select", [H.attr("id", "courses"), H.attr("name", "courses[]"), H.attr("multiple", "multiple"), H.attr("size", "6"),
                                         H.attr("class", "form-select")], courses.map { course in
                        var option = [H.attr("value", course.code)]
                        if form.courses?.contains(course.code) == true { option.append(H.attr("selected", nil)) }
                        return H.element("option", option, [.text(course.title)])
                    })
                },
                .h2(.class("h5 mt-4"), .text("A document")),
                FormParts.text("file", label: "The document", value: nil, hint: "\(DocumentType.names), at most \(ResourcePage.size(ResourceRules.maxDocumentBytes)).",
                               type: "file", errors: errors),
                .h2(.class("h5 mt-4"), .text("Or a video")),
                FormParts.text("url", label: "The video's address", value: form.url, type: "url", errors: errors),
                FormParts.textArea("transcript", label: "Transcript or captions", value: form.transcript, rows: 6, errors: errors),
                H.button("Publish"),
            ], multipart: true)
        ))
    }
}
