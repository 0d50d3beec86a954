import Foundation
import PrepRoomCore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("Course admins preview every email")
struct EmailPreviewTests {
    @Test func eachEmailIsShownAsTextAndItsHTMLPartToCourseAdminsOnly() async throws {
        try await withPrepRoom { app in
            try await makeUser(app, email: "admin@sserc.example", role: .courseAdmin)
            let admin = Browser(app)
            _ = try await admin.signIn("admin@sserc.example")
            let list = try await admin.get("/staff/emails")
            #expect(list.status == .ok)
            let slugs = EmailPreviews.previews(Links(base: "https://preproom.example")).map(\.slug)
            #expect(slugs.count == Set(slugs).count, "one address per email")
            for slug in slugs {
                #expect(list.text.contains("id=\"email-\(slug)\""), "\(slug)")
                #expect(list.text.contains("href=\"/staff/emails/\(slug)\""), "\(slug)")
            }
            #expect(list.text.contains("Subject: </strong>Your certificate: Chemical Handling"))
            #expect(list.text.contains("Attached: booking.ics"))
            #expect(try await admin.get("/staff").text.contains("href=\"/staff/emails\""), "the staff home links to it")

            let html = try await admin.get("/staff/emails/certificate-issued")
            #expect(html.status == .ok)
            #expect(html.headers.contentType == .html)
            #expect(html.headers.first(name: "Content-Security-Policy")?.hasPrefix("default-src 'none'; style-src 'unsafe-inline'") == true,
                    "inline style for the mailbox's look, and no script")
            #expect(html.text.contains("Certificate number: PR-ABCD-EFGH-JKLM-NPQR"))
            #expect(html.text.contains("<a href=\"\(app.publicURL)/verify\""), "the verification address is a link")
            #expect(try await admin.get("/staff/emails/nope").status == .notFound)

            try await makeUser(app, email: "tech@school.sch.uk", role: .technician)
            let technician = Browser(app)
            _ = try await technician.signIn("tech@school.sch.uk")
            #expect(try await technician.get("/staff/emails").status == .forbidden)
            #expect(try await technician.get("/staff/emails/certificate-issued").status == .forbidden)
            try await makeUser(app, email: "manager@sserc.example", role: .manager)
            let manager = Browser(app)
            _ = try await manager.signIn("manager@sserc.example")
            #expect(try await manager.get("/staff/emails").status == .forbidden)
        }
    }
}
