import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("Each person's own page")
struct MemberHomeTests {
    @Test func aTechnicianLandsOnWhatIsComingUpAndWhatWaitsForThem() async throws {
        try await withPrepRoom(seed: true) { app in
            let members = try await makeMembers(app, count: 2)
            let (member, other) = (members[0], members[1])
            let soon = try await makeRun(app, capacity: 5, days: 10)
            let later = try await makeRun(app, course: "electrical-safety-and-pat", capacity: 1, days: 40)
            _ = try await book(app, run: later, token: other.token)
            #expect(try await book(app, run: soon, token: member.token).status == .created)
            #expect(try await book(app, run: later, token: member.token).status == .created, "waiting list, number 1")
            try await makeCertificate(app, for: member.user, course: "safe-use-of-fixed-workshop-machinery", expiresIn: 60)
            try await makeCertificate(app, for: member.user, course: "chemical-handling", expiresIn: 400)
            // Soldering lapses too, but a refresher already gave a newer one: nothing to renew.
            try await makeCertificate(app, for: member.user, course: "soldering", expiresIn: 20)
            try await makeCertificate(app, for: member.user, course: "soldering", expiresIn: 1_000)

            let browser = Browser(app)
            let signedIn = try await browser.signIn(member.user.email)
            #expect(signedIn.headers.first(name: .location) == "/me", "members start at their own page")
            let page = try await browser.get("/me")
            #expect(page.status == .ok)
            let text = page.text
            let upcoming = try #require(text.range(of: "Chemical Handling</a>")), waiting = try #require(text.range(of: "Electrical Safety and PAT</a>"))
            #expect(upcoming.lowerBound < waiting.lowerBound, "soonest first")
            #expect(text.contains("waiting list, number 1"))
            #expect(text.contains("Chemical Handling: before the course"), "the pre-course questionnaire opens with the place")
            #expect(text.contains("href=\"/bookings/") && text.contains("/evaluation/pre\""))
            #expect(text.contains("Safe Use of Fixed Workshop Machinery</a>") && text.contains("Expires "), "the certificate lapsing in 60 days")
            #expect(text.contains("Safe Use of Fixed Workshop Machinery Refresher"), "with its refresher")
            let certificates = try #require(text.range(of: "id=\"home-certificates\""))
            #expect(!text[certificates.lowerBound...].contains("Chemical Handling</a>"), "a certificate good for 400 days is not due")
            #expect(!text[certificates.lowerBound...].contains("Soldering</a>"), "a renewed certificate is not due")
            #expect(text.contains("aria-current=\"page\">My page</a>"))
            #expect(!text.contains("id=\"home-centre-runs\""), "only a coordinator sees the centre's runs")
            let held = try await browser.get("/me/certificates").text
            #expect(held.contains("Renew it: <a href=\"/courses/safe-use-of-fixed-workshop-machinery-refresher\">"), "the lapsing one's refresher")
            #expect(held.components(separatedBy: "Renew it: ").count - 1 == 1, "only Safe Use: soldering has no refresher course, and current ones are offered none")

            let someoneElse = Browser(app)
            _ = try await someoneElse.signIn(other.user.email)
            let theirs = try await someoneElse.get("/me").text
            #expect(!theirs.contains("Chemical Handling</a>") && !theirs.contains("Safe Use of Fixed Workshop Machinery</a>"), "one's own records only")
            #expect(try await Browser(app).get("/me").status == .seeOther, "visitors are sent to sign in")
        }
    }

    @Test func aCoordinatorSeesTheCentresRunsToFinishWithTheNextStep() async throws {
        try await withPrepRoom(seed: true) { app in
            let fixture = try await CentreFixture.make(app)
            let run = try await makeRun(app, capacity: 5, sessions: 2, centreID: fixture.centreID)
            for member in try await makeMembers(app, count: 2) { _ = try await book(app, run: run, token: member.token) }
            try await moveIntoThePast(app, run: run)
            let unstarted = try await makeRun(app, capacity: 5, days: 10, centreID: fixture.centreID)

            let browser = Browser(app)
            _ = try await browser.signIn("coordinator@fife.example")
            let text = try await browser.get("/me").text
            #expect(text.contains("id=\"home-centre-runs\""))
            #expect(text.contains("href=\"/runs/\(try run.requireID())/delegates\""))
            #expect(text.contains("Mark attendance (4 marks missing)"), "two delegates, two days held")
            #expect(!text.contains("/runs/\(try unstarted.requireID())/delegates"), "a run not started is not listed")
        }
    }

    @Test func courseAdminsSeeRunsToFinishAndManagersTheYearsFigures() async throws {
        try await withPrepRoom(seed: true) { app in
            let run = try await makeRun(app, capacity: 5, sessions: 1)
            let members = try await makeMembers(app, count: 1)
            let bookingID = try #require(try await book(app, run: run, token: members[0].token).json()["id"] as? String)
            try await moveIntoThePast(app, run: run)
            let admin = try await makeUser(app, email: "admin@sserc.example", role: .courseAdmin)
            let adminToken = try await Tokens.issue(for: admin, on: app.db)

            let courseAdmin = Browser(app)
            _ = try await courseAdmin.signIn("admin@sserc.example")
            var text = try await courseAdmin.get("/staff").text
            #expect(text.contains("id=\"staff-open-runs\"") && text.contains("Mark attendance (1 mark missing)"))
            _ = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(try run.requireID())/attendance", headers: .json(bearer: adminToken),
                                                    body: jsonBody(["bookingId": bookingID, "session": 0, "present": true]))
            text = try await courseAdmin.get("/staff").text
            #expect(text.contains("Record results (1 delegate without one)"), "chemical handling is assessed")
            _ = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(try run.requireID())/results", headers: .json(bearer: adminToken),
                                                    body: jsonBody(["bookingId": bookingID, "outcome": "passed"]))
            #expect(try await courseAdmin.get("/staff").text.contains("Close the run"))
            #expect(!text.contains("id=\"staff-figures\""), "the year's figures are the managers'")

            try await makeUser(app, email: "manager@sserc.example", role: .manager)
            let manager = Browser(app)
            _ = try await manager.signIn("manager@sserc.example")
            let figures = try await manager.get("/staff").text
            #expect(figures.contains("id=\"staff-figures\"") && figures.contains("against a target of 1536 for the year"))
            #expect(figures.contains("Strategy tracker: ") && figures.contains("href=\"/strategy\""))
            #expect(!figures.contains("id=\"staff-open-runs\""), "runs to finish are the course admins'")

            try await makeUser(app, email: "verifier@sserc.example", role: .verifier)
            let verifier = Browser(app)
            _ = try await verifier.signIn("verifier@sserc.example")
            #expect(!(try await verifier.get("/staff").text.contains("id=\"staff-open-runs\"")))
        }
    }

    @Test func aLocalAuthorityManagerSeesTheAuthoritysPeopleBookedAndCertificatesLapsing() async throws {
        try await withPrepRoom(seed: true) { app in
            let fife = try #require(try await Organisation.query(on: app.db).filter(\.$name == "Fife Council").first())
            let angus = try #require(try await Organisation.query(on: app.db).filter(\.$name == "Angus Council").first())
            let members = try await makeMembers(app, count: 2)
            members[0].user.$organisation.id = fife.id
            members[0].user.name = "Fiona Fife"
            try await members[0].user.save(on: app.db)
            members[1].user.$organisation.id = angus.id
            members[1].user.name = "Angus Other"
            try await members[1].user.save(on: app.db)
            let run = try await makeRun(app, capacity: 5, days: 12)
            for member in members { _ = try await book(app, run: run, token: member.token) }
            try await makeCertificate(app, for: members[0].user, course: "safe-use-of-fixed-workshop-machinery", expiresIn: 30)
            try await makeCertificate(app, for: members[1].user, course: "safe-use-of-fixed-workshop-machinery", expiresIn: 30)
            try await makeCertificate(app, for: members[0].user, course: "soldering", expiresIn: 30)
            try await makeCertificate(app, for: members[0].user, course: "soldering", expiresIn: 1_000)

            try await makeUser(app, email: "la@fife.gov.uk", role: .laManager, organisationID: try fife.requireID())
            let manager = Browser(app)
            _ = try await manager.signIn("la@fife.gov.uk")
            let text = try await manager.get("/me").text
            let section = try #require(text.range(of: "id=\"home-authority\"")).lowerBound
            let overview = String(text[section...])
            #expect(overview.contains("Fife Council"))
            let runID = try run.requireID()
            #expect(overview.contains("Fiona Fife") && overview.contains("href=\"/runs/\(runID)\""))
            #expect(overview.contains("Safe Use of Fixed Workshop Machinery"), "Fiona's certificate lapsing in 30 days")
            #expect(!overview.contains("Angus Other"), "another authority's people are not shown")
            #expect(!overview.contains("Soldering"), "Fiona renewed her soldering certificate already")

            let technician = Browser(app)
            _ = try await technician.signIn(members[0].user.email)
            #expect(!(try await technician.get("/me").text.contains("id=\"home-authority\"")), "the overview is the LA manager's")
        }
    }
}
