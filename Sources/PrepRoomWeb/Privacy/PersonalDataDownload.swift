import Foundation
import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// A person's data download: one ZIP holding `data.json` (for machines and for moving it
/// elsewhere) and `index.html` (for reading), made from the same export so they agree.
struct PersonalDataDownload {
    let export: Privacy.Export
    let contact: ServiceContact

    /// `preproom-data-2026-12-06`: the folder inside the ZIP, and the file's name.
    var baseName: String { "preproom-data-\(ServiceTime.isoDay(export.generatedAt))" }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        struct Document: Encodable {
            var service: String
            var generatedAt: Date
            var name: String
            var email: String
            var sections: [PersonalSection]
        }
        let data = try encoder.encode(Document(service: contact.organisation + " · PrepRoom", generatedAt: export.generatedAt,
                                               name: export.name, email: export.email, sections: export.sections))
        return String(decoding: data, as: UTF8.self)
    }

    /// A page that opens in any browser from the unpacked folder: no script, no links out,
    /// and its few styles in the page so it needs nothing else.
    func html() -> String {
        HTML(.lang(.english),
             .head(.meta(.charset(.utf8)), .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                   .element(named: "title", text: "What \(contact.organisation) holds about \(export.name)"),
                   .element(named: "style", text: Self.style)),
             .body(
                .h1(.text("What \(contact.organisation) holds about you")),
                .p(.text("\(export.name) · \(export.email) · made \(ServiceTime.day(export.generatedAt)) at \(ServiceTime.clock(export.generatedAt))")),
                .p(.text("The same records are in data.json beside this page. Questions, or something wrong? Write to \(contact.email).")),
                .forEach(export.sections) { section in
                    .section(
                        .h2(.text(section.title)),
                        .p(.class("why"), .text(section.why)),
                        section.records.isEmpty
                            ? .p(.text("Nothing held."))
                            : .forEach(section.records) { record in
                                .element(named: "dl", nodes: [.forEach(record.fields) { field in
                                    .group(.element(named: "dt", text: field.label), .element(named: "dd", text: field.value ?? "—"))
                                }])
                            })
                })).render()
    }

    func zip() throws -> [UInt8] {
        var archive = ZipArchive(modified: export.generatedAt)
        try archive.add(.init(name: "\(baseName)/index.html", text: html()))
        try archive.add(.init(name: "\(baseName)/data.json", text: try json()))
        return try archive.bytes()
    }

    func response() throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "zip")
        headers.contentDisposition = .init(.attachment, filename: baseName + ".zip")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: Data(try zip())))
    }

    private static let style = """
        body { font: 16px/1.5 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
        h2 { margin-top: 2rem; border-bottom: 1px solid #ccc; }
        .why { color: #555; }
        dl { display: grid; grid-template-columns: minmax(8rem, 12rem) 1fr; gap: .25rem 1rem; padding: .75rem; background: #f5f5f5; }
        dt { font-weight: 600; } dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
        """
}
