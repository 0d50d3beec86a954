import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// Pictures and documents attached to posts and to the council's meetings, on the real
/// database (both engines): who may attach and remove, the limits by size, kind and number
/// (each refusal changes nothing), and that a file is read only where what it is attached
/// to may be read.
@Suite("Techné: attachments")
struct CommunityAttachmentTests {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64))

    private func attach(_ app: Application, _ path: String, token: String?, filename: String, data: Data,
                        description: String = "A bottle of sodium under paraffin") async throws -> TestingHTTPResponse {
        var (headers, body) = ResourceTests.multipart([("description", description)], files: [("file", filename, data)])
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        return try await app.testing().sendRequest(.POST, path, headers: headers, body: body)
    }

    @Test func anAuthorAttachesPicturesAndDocumentsWithinTheLimits() async throws {
        try await withPrepRoom { app in
            let author = try await makeUser(app, email: "asker@school.sch.uk", role: .technician)
            let asker = try await Tokens.issue(for: author, on: app.db)
            let other = try await token(app, role: .technician, email: "other@school.sch.uk")
            let moderator = try await token(app, role: .moderator, email: "mod@sserc.org.uk")
            let started = try await app.testing().sendRequest(.POST, "/api/v1/community/categories/chemistry/topics", headers: .json(bearer: asker),
                                                              body: jsonBody(["title": "Storing sodium", "body": "Is this jar right?"]))
            let topic = try #require(try started.json()["id"] as? String)
            let postID = try #require((try started.json()["posts"] as? [[String: Any]])?.first?["id"] as? String)
            let path = "/api/v1/community/posts/\(postID)/attachments"

            let picture = try await attach(app, path, token: asker, filename: "jar.png", data: Self.png)
            #expect(picture.status == .created, "\(picture.body.string)")
            #expect(try picture.json()["contentType"] as? String == "image/png")
            let pictureURL = try #require(try picture.json()["url"] as? String)
            let document = try await attach(app, path, token: asker, filename: "risk-assessment.pdf", data: ResourceTests.pdf, description: "")
            #expect(document.status == .created, "a document needs no description")

            // Refusals, each with its status and nothing stored.
            #expect(try await attach(app, path, token: nil, filename: "x.pdf", data: ResourceTests.pdf).status == .unauthorized)
            #expect(try await attach(app, path, token: other, filename: "x.pdf", data: ResourceTests.pdf).status == .forbidden, "not their post")
            let tooLarge = try await attach(app, path, token: asker, filename: "big.pdf", data: ResourceTests.pdf + Data(count: AttachmentRules.maxBytes))
            #expect(tooLarge.status == .payloadTooLarge && tooLarge.body.string.contains("5 MB"))
            let program = try await attach(app, path, token: asker, filename: "photo.png", data: Data("MZ\u{90}\u{0}program".utf8))
            #expect(program.status == .unsupportedMediaType)
            #expect(try await attach(app, path, token: asker, filename: "tool.exe", data: Data("MZ".utf8)).status == .unsupportedMediaType)
            let undescribed = try await attach(app, path, token: asker, filename: "jar2.png", data: Self.png, description: " ")
            #expect(undescribed.status == .unprocessableEntity && undescribed.body.string.contains("cannot see"))
            #expect(try await CommunityAttachment.query(on: app.db).count() == 2)
            for n in 3...AttachmentRules.mostPerPost {
                #expect(try await attach(app, path, token: asker, filename: "notes-\(n).txt", data: Data("Note \(n)".utf8), description: "").status == .created)
            }
            #expect(try await attach(app, path, token: moderator, filename: "more.txt", data: Data("More".utf8), description: "").status == .conflict)

            // Shown in the post: the picture with its description as its text; the API lists them.
            let page = try await app.testing().sendRequest(.GET, "/community/topics/\(topic)").body.string
            #expect(page.contains("src=\"\(pictureURL)\"") && page.contains("alt=\"A bottle of sodium under paraffin\"") && page.contains("risk-assessment.pdf"))
            let listed = try await app.testing().sendRequest(.GET, "/api/v1/community/topics/\(topic)").json()
            #expect(((listed["posts"] as? [[String: Any]])?.first?["attachments"] as? [Any])?.count == AttachmentRules.mostPerPost)
            let shown = try await app.testing().sendRequest(.GET, pictureURL)
            #expect(shown.status == .ok && shown.headers.contentType?.description == "image/png")
            #expect(shown.headers.first(name: .contentDisposition)?.hasPrefix("inline") == true && Data(shown.body.readableBytesView) == Self.png)
            let pdfURL = try #require(try document.json()["url"] as? String)
            #expect(try await app.testing().sendRequest(.GET, pdfURL).headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)

            // Hidden with its post: 404 for members, there for moderators.
            _ = try await app.testing().sendRequest(.POST, "/api/v1/community/posts/\(postID)/hide", headers: .json(bearer: moderator), body: jsonBody(["reason": "Checking"]))
            #expect(try await app.testing().sendRequest(.GET, pictureURL, headers: .bearer(other)).status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, pictureURL, headers: .bearer(moderator)).status == .ok)
            _ = try await app.testing().sendRequest(.POST, "/api/v1/community/posts/\(postID)/restore", headers: .json(bearer: moderator), body: jsonBody(["reason": "Fine"]))

            // Removing: not by another member; by the author; by a moderator, audited.
            let pictureID = try #require(try picture.json()["id"] as? String)
            #expect(try await app.testing().sendRequest(.DELETE, "/api/v1/community/attachments/\(pictureID)", headers: .bearer(other)).status == .forbidden)
            #expect(try await app.testing().sendRequest(.DELETE, "/api/v1/community/attachments/\(pictureID)", headers: .bearer(asker)).status == .noContent)
            #expect(try await app.testing().sendRequest(.GET, pictureURL).status == .notFound)
            let pdfID = try #require(try document.json()["id"] as? String)
            #expect(try await app.testing().sendRequest(.DELETE, "/api/v1/community/attachments/\(pdfID)", headers: .bearer(moderator)).status == .noContent)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "community.attachment_removed").count() == 1)
            #expect(try await !app.testing().sendRequest(.GET, "/community/topics/\(topic)").body.string.contains("risk-assessment.pdf"),
                    "visitors' cached page follows")

            // The author leaves: their files are in their download, then go with their posts.
            let download = try await Privacy(db: app.db, links: Links(base: "https://preproom.example")).export(author)
            #expect(download.sections.first { $0.key == "communityAttachments" }?.records.count == AttachmentRules.mostPerPost - 2)
            _ = try await Privacy(db: app.db, links: Links(base: "https://preproom.example")).erase(author, by: nil)
            #expect(try await CommunityAttachment.query(on: app.db).count() == 0)
        }
    }

    @Test func membersOnlyFilesAskVisitorsToSignIn() async throws {
        try await withPrepRoom { app in
            let member = try await token(app, role: .technician, email: "member@school.sch.uk")
            let started = try await app.testing().sendRequest(.POST, "/api/v1/community/categories/new-technicians/topics", headers: .json(bearer: member),
                                                              body: jsonBody(["title": "My first week", "body": "Here is my checklist."]))
            #expect(started.status == .created, "\(started.body.string)")
            let postID = try #require((try started.json()["posts"] as? [[String: Any]])?.first?["id"] as? String)
            let made = try await attach(app, "/api/v1/community/posts/\(postID)/attachments", token: member, filename: "checklist.txt", data: Data("Goggles".utf8))
            let url = try #require(try made.json()["url"] as? String)
            let visitor = try await app.testing().sendRequest(.GET, url)
            #expect(visitor.status == .seeOther && visitor.headers.first(name: .location)?.contains("sign-in") == true)
            #expect(try await app.testing().sendRequest(.GET, url, headers: .bearer(member)).status == .ok)
        }
    }

    @Test func managersAttachTheCouncilsPapersForMembers() async throws {
        try await withPrepRoom { app in
            let manager = try await token(app, role: .manager, email: "manager@sserc.org.uk")
            let member = try await token(app, role: .technician, email: "member@school.sch.uk")
            let made = try await app.testing().sendRequest(.POST, "/api/v1/community/council/meetings", headers: .json(bearer: manager),
                                                           body: jsonBody(["title": "STAC meeting, autumn term", "heldOn": FutureDay(weeksAhead: -2).iso,
                                                                           "agenda": "1. Welcome"]))
            let meeting = try #require(try made.json()["id"] as? String, "\(made.body.string)")
            let path = "/api/v1/community/council/meetings/\(meeting)/papers"
            #expect(try await attach(app, path, token: member, filename: "paper.pdf", data: ResourceTests.pdf).status == .forbidden)
            let paper = try await attach(app, path, token: manager, filename: "signed-minutes.pdf", data: ResourceTests.pdf, description: "The signed minutes")
            #expect(paper.status == .created, "\(paper.body.string)")
            let url = try #require(try paper.json()["url"] as? String)
            #expect(try await app.testing().sendRequest(.GET, url, headers: .bearer(member)).status == .notFound, "a draft's papers are the managers'")
            _ = try await app.testing().sendRequest(.PUT, "/api/v1/community/council/meetings/\(meeting)", headers: .json(bearer: manager),
                                                    body: jsonBody(["title": "STAC meeting, autumn term", "heldOn": FutureDay(weeksAhead: -2).iso,
                                                                    "agenda": "1. Welcome", "minutes": "Agreed.", "publish": true]))
            #expect(try await app.testing().sendRequest(.GET, url, headers: .bearer(member)).status == .ok)
            #expect(try await app.testing().sendRequest(.GET, url).status == .seeOther, "visitors sign in")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "council.paper_added").count() == 1)

            // The meeting's page lists it; a manager's page has the form, a member's has not.
            let browser = Browser(app)
            _ = try await makeUser(app, email: "reader@school.sch.uk", role: .technician)
            _ = try await browser.signIn("reader@school.sch.uk")
            let page = try await browser.get("/community/council/meetings/\(meeting)").body.string
            #expect(page.contains("signed-minutes.pdf") && !page.contains("Attach a paper"))
        }
    }

    /// The form a browser sends, and a refusal read on the page it came from.
    @Test func theAttachFormWorksInABrowserAndSaysWhyItRefused() async throws {
        try await withPrepRoom { app in
            _ = try await makeUser(app, email: "asker@school.sch.uk", role: .technician)
            let browser = Browser(app)
            _ = try await browser.signIn("asker@school.sch.uk")
            _ = try await browser.get("/community/chemistry")
            let started = try await browser.post("/community/chemistry/topics", form: [("title", "Labelling shelves"), ("body", "Photo attached.")])
            let topicPath = try #require(started.headers.first(name: .location))
            let page = try await browser.get(topicPath).body.string
            #expect(page.contains("Attach a picture or a document") && page.contains("enctype=\"multipart/form-data\""))
            let postID = try #require(try await CommunityPost.query(on: app.db).first()?.requireID())
            func send(_ filename: String, _ data: Data) async throws -> TestingHTTPResponse {
                var (headers, body) = ResourceTests.multipart([("description", "Labelled shelves"), ("_csrf", browser.csrf ?? "")], files: [("file", filename, data)])
                if let cookie = browser.cookie { headers.add(name: .cookie, value: cookie) }
                return try await app.testing().sendRequest(.POST, "/community/posts/\(postID)/attachments", headers: headers, body: body)
            }
            #expect(try await send("shelves.png", Self.png).status == .seeOther)
            #expect(try await browser.get(topicPath).body.string.contains("alt=\"Labelled shelves\""))
            #expect(try await send("shelves.gif", Data("GIF89a".utf8)).status == .seeOther)
            #expect(try await browser.get(topicPath).body.string.contains("this one is none of them"), "the refusal is on the page")
            #expect(try await CommunityAttachment.query(on: app.db).count() == 1)
        }
    }
}
