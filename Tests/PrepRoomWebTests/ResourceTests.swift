import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Techné's resource library on the real database (both engines): editors publish documents
/// and videos, every version is kept, downloads are counted, members-only stays for members,
/// a course page lists its resources, and wrong files are refused by size and by type.
@Suite("Techné: resource library")
struct ResourceTests {
    static let pdf = Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)

    /// A multipart body as a browser sends it: text fields (repeated names for lists) and files.
    static func multipart(_ fields: [(String, String)], files: [(name: String, filename: String, data: Data)] = []) -> (HTTPHeaders, ByteBuffer) {
        let boundary = "----preproom\(UUID().uuidString.prefix(8))"
        var body = Data()
        for (name, value) in fields {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += file.data + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return (headers, ByteBuffer(data: body))
    }

    private func publish(_ app: Application, _ token: String, _ fields: [(String, String)], file: (String, Data)? = nil) async throws -> TestingHTTPResponse {
        var (headers, body) = Self.multipart(fields, files: file.map { [("file", $0.0, $0.1)] } ?? [])
        headers.bearerAuthorization = BearerAuthorization(token: token)
        return try await app.testing().sendRequest(.POST, "/api/v1/resources", headers: headers, body: body)
    }

    private static let documentFields: [(String, String)] = [
        ("title", "Fume cupboard annual test record"), ("summary", "A form for the annual face velocity test."), ("kind", "document"),
        ("subject", "chemistry"), ("audiences[]", "technician"), ("audiences[]", "teacher"), ("tags", "Fume cupboards, COSHH, coshh"),
        ("courses[]", "chemical-handling"),
    ]

    @Test func editorsPublishDocumentsEveryVersionIsKeptAndDownloadsAreCounted() async throws {
        try await withPrepRoom(seed: true) { app in
            let editor = try await token(app, role: .editor, email: "editor@sserc.org.uk")
            let technician = try await token(app, role: .technician, email: "tech@school.sch.uk")
            #expect(try await publish(app, technician, Self.documentFields, file: ("record.pdf", Self.pdf)).status == .forbidden)
            #expect(try await publish(app, editor, Self.documentFields).status == .unprocessableEntity, "a document needs its file")
            let program = try await publish(app, editor, Self.documentFields, file: ("record.pdf", Data("MZ\u{90}\0 not a pdf".utf8)))
            #expect(program.status == .unsupportedMediaType && program.text.contains("PDF, DOCX"), "\(program.text)")
            let huge = try await publish(app, editor, Self.documentFields, file: ("big.pdf", Self.pdf + Data(count: ResourceRules.maxDocumentBytes)))
            #expect(huge.status == .payloadTooLarge && huge.text.contains("10 MB"), "\(huge.text)")
            #expect(try await LibraryResource.query(on: app.db).count() == 0, "refusals keep nothing")

            let made = try await publish(app, editor, Self.documentFields, file: ("record.pdf", Self.pdf))
            #expect(made.status == .created, "\(made.text)")
            let json = try made.json()
            let id = try #require(json["id"] as? String)
            #expect(json["tags"] as? [String] == ["fume-cupboards", "coshh"] && json["courses"] as? [String] == ["chemical-handling"])

            let download = try await app.testing().sendRequest(.GET, "/resources/\(id)/download")
            #expect(download.status == .ok && download.headers.contentType?.description.contains("application/pdf") == true)
            #expect(Data(download.body.readableBytesView) == Self.pdf)

            var (headers, body) = Self.multipart([("note", "Adds the sash height column.")], files: [("file", "record-v2.pdf", Self.pdf + Data("% v2\n".utf8))])
            headers.bearerAuthorization = BearerAuthorization(token: editor)
            let second = try await app.testing().sendRequest(.POST, "/api/v1/resources/\(id)/versions", headers: headers, body: body)
            #expect(try second.status == .created && second.json()["version"] as? Int == 2, "\(second.text)")
            var (noNote, noNoteBody) = Self.multipart([], files: [("file", "record-v3.pdf", Self.pdf)])
            noNote.bearerAuthorization = BearerAuthorization(token: editor)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/resources/\(id)/versions", headers: noNote, body: noNoteBody).status == .unprocessableEntity)

            let old = try await app.testing().sendRequest(.GET, "/resources/\(id)/versions/1/download")
            #expect(Data(old.body.readableBytesView) == Self.pdf, "the first version is kept")
            #expect(try await app.testing().sendRequest(.GET, "/resources/\(id)/versions/9/download").status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/resources/\(id)/versions/99999999999999999999/download").status == .notFound)
            let detail = try await app.testing().sendRequest(.GET, "/api/v1/resources/\(id)").json()
            #expect(detail["downloads"] as? Int == 2)
            #expect((detail["versions"] as? [[String: Any]])?.map { $0["note"] as? String } == ["Adds the sash height column.", "First version."])

            // The course's page lists it, for visitors too (its cache follows the library).
            let course = try await app.testing().sendRequest(.GET, "/courses/chemical-handling").body.string
            #expect(course.contains("Fume cupboard annual test record"))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "resource.versioned").count() == 1)
        }
    }

    @Test func videosCarryTheirTranscriptAndMembersOnlyStaysWithMembers() async throws {
        try await withPrepRoom { app in
            let editor = try await token(app, role: .editor, email: "editor@sserc.org.uk")
            let member = try await token(app, role: .technician, email: "tech@school.sch.uk")
            var fields: [(String, String)] = [("title", "Setting up a microscale titration"), ("summary", "A five-minute demonstration."), ("kind", "video"),
                                              ("subject", "chemistry"), ("audiences[]", "technician"), ("url", "https://video.example/titration")]
            #expect(try await publish(app, editor, fields).status == .unprocessableEntity, "a video needs its transcript")
            #expect(try await publish(app, editor, fields.map { $0.0 == "url" ? ("url", "javascript:alert(1)") : $0 } + [("transcript", "x")]).status == .unprocessableEntity)
            fields += [("transcript", "Fill the pipette with the phenolphthalein indicator."), ("membersOnly", "true")]
            let made = try await publish(app, editor, fields)
            #expect(made.status == .created, "\(made.text)")
            let id = try #require(try made.json()["id"] as? String)

            #expect(try await app.testing().sendRequest(.GET, "/api/v1/resources/\(id)").status == .unauthorized)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/resources/\(id)", headers: .bearer(member)).status == .ok)
            let visitorList = try await app.testing().sendRequest(.GET, "/api/v1/resources").json()
            #expect((visitorList["items"] as? [Any])?.isEmpty == true)
            #expect(try await app.testing().sendRequest(.GET, "/resources/\(id)/download", headers: .bearer(member)).status == .notFound, "a video has no file")
            let search = try await app.testing().sendRequest(.GET, "/api/v1/search?q=phenolphthalein", headers: .bearer(member)).json()
            #expect((search["items"] as? [[String: Any]])?.first?["url"] as? String == "/resources/\(id.uppercased())" ||
                    (search["items"] as? [[String: Any]])?.first?["url"] as? String == "/resources/\(id)")
            let visitorSearch = try await app.testing().sendRequest(.GET, "/api/v1/search?q=phenolphthalein").json()
            #expect((visitorSearch["items"] as? [Any])?.isEmpty == true, "members-only: not found by visitors")

            let feed = try await app.testing().sendRequest(.GET, "/resources/feed.atom")
            let parsed = try XMLDocument(data: Data(feed.body.readableBytesView))
            #expect(try parsed.nodes(forXPath: "//*[local-name()='entry']").isEmpty, "members-only resources stay out of the feed")
        }
    }

    @Test func anEditorsNameLeavesWithThemAndTheLibraryKeepsTheResource() async throws {
        try await withPrepRoom { app in
            let editor = try await makeUser(app, email: "editor@sserc.org.uk", role: .editor)
            let made = try await publish(app, try await Tokens.issue(for: editor, on: app.db), [
                ("title", "Storing radioactive sources safely"), ("summary", "The regulations in a page."), ("kind", "document"),
                ("subject", "physics"), ("audiences[]", "technician")], file: ("sources.txt", Data("Keep them locked.\n".utf8)))
            #expect(made.status == .created, "\(made.text)")
            let privacy = Privacy(db: app.db, links: Links(base: "https://preproom.example"))
            #expect(try await privacy.export(editor).sections.first { $0.key == "resources" }?.records.count == 1)
            _ = try await privacy.erase(editor, by: nil)
            let kept = try #require(try await LibraryResource.query(on: app.db).first())
            #expect(kept.publishedBy == nil && kept.title == "Storing radioactive sources safely")
        }
    }
}
