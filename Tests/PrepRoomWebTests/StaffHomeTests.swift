import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("The staff's own page")
struct StaffHomeTests {
    private func signedIn(_ app: Application, _ email: String, _ role: Role) async throws -> (Browser, TestingHTTPResponse) {
        try await makeUser(app, email: email, role: role)
        let browser = Browser(app)
        return (browser, try await browser.signIn(email))
    }

    @Test func eachStaffRoleLandsOnItsPagesAndOthersAreRefused() async throws {
        try await withPrepRoom(seed: true) { app in
            let waiting = try await makeUser(app, email: "new@school.sch.uk", role: .technician)
            waiting.status = .pending
            try await waiting.save(on: app.db)

            let (admin, adminSignIn) = try await signedIn(app, "admin@sserc.example", .admin)
            #expect(adminSignIn.headers.first(name: .location) == "/staff", "staff start at their page")
            let adminPage = try await admin.get("/staff")
            #expect(adminPage.status == .ok)
            #expect(adminPage.text.contains("1 registration waiting for approval.") && adminPage.text.contains("href=\"/staff/audit\""))
            #expect(adminPage.text.contains("href=\"/staff\"") && adminPage.text.contains(">Staff</a>"), "the menu's one staff item")

            let (verifier, _) = try await signedIn(app, "verifier@sserc.example", .verifier)
            let verifierPage = try await verifier.get("/staff").text
            #expect(verifierPage.contains("href=\"/staff/verifications\"") && verifierPage.contains("No delivery is waiting."))
            #expect(!verifierPage.contains("href=\"/staff/accounts\"") && !verifierPage.contains("href=\"/staff/evaluation\""),
                    "no link the verifier would be refused")

            let (technician, technicianSignIn) = try await signedIn(app, "tech@school.sch.uk", .technician)
            #expect(technicianSignIn.headers.first(name: .location) == "/me", "members start at their own page")
            #expect(try await technician.get("/staff").status == .forbidden)
            #expect(!(try await technician.get("/me/bookings").text.contains("href=\"/staff\"")))
            #expect(try await Browser(app).get("/staff").status == .seeOther, "visitors are sent to sign in")

            let (_, sentFromAPage) = try await signedIn(app, "course-admin@sserc.example", .courseAdmin)
            #expect(sentFromAPage.headers.first(name: .location) == "/staff")
        }
    }
}
