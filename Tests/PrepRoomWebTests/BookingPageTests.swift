import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("Booking pages")
struct BookingPageTests {
    private func signedIn(_ app: Application, _ email: String, role: Role = .technician) async throws -> Browser {
        try await makeUser(app, email: email, role: role)
        let browser = Browser(app)
        _ = try await browser.signIn(email)
        return browser
    }

    @Test func bookTheLastPlaceJoinTheListCancelAndTheNextPersonIsConfirmed() async throws {
        try await withPrepRoom(seed: true) { app in
            let run = try await makeRun(app, capacity: 1)
            let path = "/runs/\(try run.requireID())"
            let ana = try await signedIn(app, "ana@school.sch.uk")
            let ben = try await signedIn(app, "ben@school.sch.uk")
            #expect(try await Browser(app).get(path).text.contains("Sign in to book"))

            #expect(try await ana.get(path).text.contains(">Book a place</button>"))
            #expect(try await ana.post("\(path)/book", form: []).status == .seeOther)
            let anaPage = try await ana.get(path)
            #expect(anaPage.text.contains("Your place is confirmed."))

            #expect(try await ben.get(path).text.contains(">Join the waiting list</button>"))
            _ = try await ben.post("\(path)/book", form: [])
            let benPage = try await ben.get(path)
            #expect(benPage.text.contains("The run is full: you are number 1 on the waiting list."))
            #expect(benPage.text.contains("You are number 1 on the waiting list."))
            #expect(try await ben.post("\(path)/book", form: []).status == .seeOther)
            #expect(try await ben.get(path).text.contains("You already have a place"), "booking twice is refused with the reason")
            let bensBookings = try await ben.get("/me/bookings").text
            #expect(bensBookings.contains("Waiting list, number 1"))
            #expect(bensBookings.contains(">Leave waiting list</button>"))

            let myBookings = try await ana.get("/me/bookings")
            #expect(myBookings.text.contains("Confirmed"))
            let bookingID = try #require(try await Booking.query(on: app.db).filter(\Booking.$status == .confirmed).first()?.requireID())
            _ = try await ana.post("/bookings/\(bookingID)/cancel", form: [("back", "/me/bookings")])
            #expect(try await ana.get("/me/bookings").text.contains("The place has gone to the first person on the waiting list."))
            #expect(try await ben.get(path).text.contains("Your place is confirmed."))
            let other = try await Browser(app).post("/bookings/\(bookingID)/cancel", form: [])
            #expect(other.status == .forbidden, "no CSRF token, no session")
        }
    }

    @Test func theProviderRecordsAttendanceAndResultsClosesAndTheCertificateVerifies() async throws {
        try await withPrepRoom(seed: true) { app in
            let run = try await makeRun(app, capacity: 4)
            let runID = try run.requireID()
            let members = try await makeMembers(app, count: 2)
            for member in members { _ = try await book(app, run: run, token: member.token) }
            let technician = try await signedIn(app, "tech@school.sch.uk")
            #expect(try await technician.get("/runs/\(runID)/delegates").status == .forbidden)

            let admin = try await signedIn(app, "admin@sserc.example", role: .courseAdmin)
            let page = try await admin.get("/runs/\(runID)/delegates")
            #expect(page.status == .ok)
            #expect(page.text.contains("Member 0") && page.text.contains("Member 1"))
            let bookings = try await Booking.query(on: app.db).filter(\Booking.$run.$id == runID).with(\Booking.$user).all()
            let passing = try #require(bookings.first { $0.user.name == "Member 0" }?.id)
            let failing = try #require(bookings.first { $0.user.name == "Member 1" }?.id)
            let saved = try await admin.post("/runs/\(runID)/delivery", form: [
                ("present-\(passing)-0", "true"), ("present-\(passing)-1", "true"), ("result-\(passing)", "passed"),
                ("present-\(failing)-0", "true"), ("result-\(failing)", "passed")])
            #expect(saved.status == .seeOther)
            #expect(try await admin.get("/runs/\(runID)/delegates").text.contains("Attendance and results saved."))
            #expect(try await Attendance.query(on: app.db).filter(\Attendance.$present == true).count() == 3)

            let sheet = try await admin.get("/runs/\(runID)/sign-in-sheet")
            #expect(sheet.text.contains("Day 2 signature"))
            let csv = try await admin.get("/runs/\(runID)/sign-in-sheet.csv")
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.text.contains("\"Member 0\""))
            let delegates = try await admin.get("/runs/\(runID)/delegates.csv")
            #expect(delegates.text.contains("\"confirmed\""))

            try await moveIntoThePast(app, run: run)
            _ = try await admin.post("/runs/\(runID)/close", form: [])
            #expect(try await admin.get("/runs/\(runID)/delegates").text.contains("Run closed: 1 completed, 1 certificate issued."))
            let certificate = try #require(try await Certificate.query(on: app.db).first())
            let verify = try await Browser(app).get("/verify?number=\(certificate.number.lowercased())")
            #expect(verify.headers.first(name: .location) == "/certificates/\(certificate.number)")
            let publicPage = try await Browser(app).get("/certificates/\(certificate.number)")
            #expect(publicPage.text.contains("Valid"))
            #expect(publicPage.text.contains("Member 0"))
            #expect(!publicPage.text.contains("Revoke this certificate"))
            #expect(try await Browser(app).get("/certificates/PR-0000-0000-0000-0000").status == .notFound)
            _ = try await admin.get("/certificates/\(certificate.number)")
            _ = try await admin.post("/certificates/\(certificate.number)/revoke", form: [("reason", "Wrong delegate recorded")])
            let revoked = try await Browser(app).get("/certificates/\(certificate.number)")
            #expect(revoked.text.contains("Revoked"))
            #expect(revoked.text.contains("Wrong delegate recorded"))
            #expect(try await admin.get("/staff/audit?action=certificate").text.contains("certificate.revoked"))
            #expect(try await technician.get("/staff/audit").status == .forbidden)
        }
    }

    @Test func theCPDPageAddsEntriesAndNamesMistakes() async throws {
        try await withPrepRoom(seed: true) { app in
            let me = try await signedIn(app, "tech@school.sch.uk")
            _ = try await me.get("/me/cpd")
            let mistake = try await me.post("/me/cpd", form: [("kind", "visit"), ("title", "Visit to Dollar Academy"), ("date", "2099-01-01"), ("hours", "-2")])
            #expect(mistake.status == .unprocessableEntity)
            #expect(mistake.text.contains("href=\"#date\"") && mistake.text.contains("href=\"#hours\""))
            #expect(mistake.text.contains("value=\"Visit to Dollar Academy\""))
            let added = try await me.post("/me/cpd", form: [("kind", "visit"), ("title", "Visit to Dollar Academy"), ("date", "2026-10-01"), ("hours", "2.5")])
            #expect(added.status == .seeOther)
            let page = try await me.get("/me/cpd")
            #expect(page.text.contains("Visit to Dollar Academy"))
            #expect(page.text.contains("2.5"))
            let csv = try await me.get("/me/cpd.csv")
            #expect(csv.text.contains("\"Visit to Dollar Academy\""))
            #expect(try await me.get("/me/cpd/print").text.contains("Record of continuing professional development"))
            #expect(try await me.get("/me/certificates").text.contains("You have no certificates yet"))
        }
    }
}
