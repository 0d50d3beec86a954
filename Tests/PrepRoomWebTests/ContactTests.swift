import Foundation
import PrepRoomCore
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("How people reach the service")
struct ContactTests {
    @Test func theContactPageAndEveryFooterGiveTheServicesDetails() async throws {
        try await withPrepRoom(seed: true) { app in
            let page = try await Browser(app).get("/contact")
            #expect(page.status == .ok)
            #expect(page.text.contains("href=\"mailto:enquiries@sserc.scot\"") && page.text.contains("href=\"tel:01383626070\""))
            #expect(page.text.contains("Dunfermline KY11 8UU"))
            let home = try await Browser(app).get("/").text
            #expect(home.contains("href=\"/contact\""), "the footer")
            #expect(home.contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/favicon.svg\""), "no browser asks for a missing favicon")
            let icon = try await Browser(app).get("/favicon.svg")
            #expect(icon.status == .ok && icon.headers.contentType?.subType == "svg+xml")
            for (path, words) in [("/privacy", "Equality monitoring"), ("/accessibility", "(WCAG) 2.2 at level AA"),
                                  ("/help", "Booking a place, and the waiting list")] {
                let page = try await Browser(app).get(path)
                #expect(page.status == .ok, "\(path): \(page.status)")
                #expect(page.text.contains(words) && page.text.contains("enquiries@sserc.scot"), "\(path)")
                #expect(home.contains("href=\"\(path)\""), "\(path) in the footer")
            }
            let missing = try await Browser(app).get("/no-such-page")
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("Contact the service") && missing.text.contains("Search the courses"))
        }
    }

    @Test func anOperatorSetsTheirOwnDetailsAndABadEmailStopsStartUp() throws {
        let configured = try AppConfiguration.fromEnvironment(["PREPROOM_CONTACT_EMAIL": "help@preproom.example",
                                                                "PREPROOM_CONTACT_PHONE": "+44 131 496 0000"])
        #expect(configured.contact.email == "help@preproom.example")
        #expect(configured.contact.phoneLink == "tel:+441314960000")
        #expect(configured.contact.address == ServiceContact.published.address)
        #expect(throws: AppConfiguration.Problem.self) { try AppConfiguration.fromEnvironment(["PREPROOM_CONTACT_EMAIL": "not an address"]) }
    }
}
