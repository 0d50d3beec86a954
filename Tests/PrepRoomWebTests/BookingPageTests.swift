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
            let asked = try await ana.post("/bookings/\(bookingID)/cancel", form: [("back", "/me/bookings")])
            #expect(asked.status == .ok, "the first click asks")
            #expect(asked.text.contains("Cancel this place?") && asked.text.contains("offered to the first person on the waiting list"))
            #expect(try await Booking.find(bookingID, on: app.db)?.status == .confirmed, "nothing changes before the confirmation")
            #expect(try await ben.get("/me/bookings").text.contains("Waiting list, number 1"))
            #expect(try await ben.post("/bookings/\(bookingID)/cancel", form: [("back", "/me/bookings")]).status == .forbidden,
                    "someone else's booking: no confirmation page either")
            _ = try await ana.post("/bookings/\(bookingID)/cancel", form: [("back", "/me/bookings"), ("confirmed", "yes")])
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
            let asked = try await admin.post("/runs/\(runID)/close", form: [])
            #expect(asked.status == .ok && asked.text.contains("Attendance and results are final afterwards"))
            #expect(try await Run.find(runID, on: app.db)?.status == .scheduled, "nothing closes before the confirmation")
            #expect(try await technician.post("/runs/\(runID)/close", form: []).status == .forbidden)
            _ = try await admin.post("/runs/\(runID)/close", form: [("confirmed", "yes")])
            #expect(try await admin.get("/runs/\(runID)/delegates").text.contains("Run closed: 1 completed, 1 certificate issued."))
            for (email, outcome) in [("member0@school.sch.uk", "Completed"), ("member1@school.sch.uk", "Not completed")] {
                let member = Browser(app)
                _ = try await member.signIn(email)
                let mine = try await member.get("/me/bookings").text
                #expect(mine.contains("Taken place (1)") && mine.contains("<td data-label=\"Status\">\(outcome)</td>"), "\(email)")
                #expect(!mine.contains("Coming up") && !mine.contains(">Cancel</button>"), "a finished course is not upcoming")
            }
            let certificate = try #require(try await Certificate.query(on: app.db).first())
            let closedPage = try await admin.get("/runs/\(runID)/delegates").text
            #expect(closedPage.contains("Completed · <a href=\"/certificates/\(certificate.number)\">\(certificate.number)</a>"))
            #expect(closedPage.contains("Not completed (missed day 2)"))
            let issuedMail = try await OutboxMessage.query(on: app.db).filter(\.$subject == "Your certificate: \(certificate.courseTitle)").all()
            #expect(issuedMail.map(\.recipient) == ["member0@school.sch.uk"], "only the one who completed")
            #expect(issuedMail.first?.body.contains(certificate.number) == true)
            #expect(issuedMail.first?.body.contains("/certificates/\(certificate.number)") == true)
            #expect(issuedMail.first?.body.contains("PrepRoom national base") == true)
            let verify = try await Browser(app).get("/verify?number=\(certificate.number.lowercased())")
            #expect(verify.headers.first(name: .location) == "/certificates/\(certificate.number)")
            let spaced = certificate.number.replacingOccurrences(of: "-", with: " ").lowercased()
            let loose = try await Browser(app).get("/verify?number=\(spaced.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
            #expect(loose.headers.first(name: .location) == "/certificates/\(certificate.number)", "spaces for dashes, lower case")
            let empty = try await Browser(app).get("/verify?number=+")
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.text.contains("Enter the number printed on the certificate"))
            let wrong = try await Browser(app).get("/verify?number=pr-0000-0000-0000-000x%3Cb%3E")
            #expect(wrong.status == .notFound)
            #expect(wrong.text.contains("value=\"pr-0000-0000-0000-000x"), "what was typed stays in the box")
            #expect(!wrong.text.contains("000x<b>"), "escaped")
            #expect(wrong.text.contains("No certificate has the number"))
            let publicPage = try await Browser(app).get("/certificates/\(certificate.number)")
            #expect(publicPage.text.contains("Valid"))
            #expect(publicPage.text.contains("Member 0"))
            #expect(!publicPage.text.contains("Revoke this certificate"))
            #expect(try await Browser(app).get("/certificates/PR-0000-0000-0000-0000").status == .notFound)
            _ = try await admin.get("/certificates/\(certificate.number)")
            let askedToRevoke = try await admin.post("/certificates/\(certificate.number)/revoke", form: [("reason", "Wrong delegate recorded")])
            #expect(askedToRevoke.status == .ok && askedToRevoke.text.contains("This cannot be undone"))
            #expect(try await Browser(app).get("/certificates/\(certificate.number)").text.contains("Valid"), "not revoked before the confirmation")
            _ = try await admin.post("/certificates/\(certificate.number)/revoke", form: [("reason", "Wrong delegate recorded"), ("confirmed", "yes")])
            let revoked = try await Browser(app).get("/certificates/\(certificate.number)")
            #expect(revoked.text.contains("Revoked"))
            #expect(revoked.text.contains("Wrong delegate recorded"))
            #expect(try await admin.get("/staff/audit?action=certificate").text.contains("certificate.revoked"))
            #expect(try await technician.get("/staff/audit").status == .forbidden)
        }
    }

    @Test func myBookingsAreInSectionsSoonestFirst() async throws {
        try await withPrepRoom(seed: true) { app in
            let later = try await makeRun(app, capacity: 1, days: 60)
            let sooner = try await makeRun(app, capacity: 1, days: 30)
            let full = try await makeRun(app, capacity: 1, days: 45)
            let members = try await makeMembers(app, count: 2)
            for run in [later, sooner] { _ = try await book(app, run: run, token: members[0].token) }
            _ = try await book(app, run: full, token: members[1].token)
            _ = try await book(app, run: full, token: members[0].token)
            let member = Browser(app)
            _ = try await member.signIn("member0@school.sch.uk")
            let page = try await member.get("/me/bookings").text
            let soonerAt = try #require(page.range(of: "/runs/\(try sooner.requireID())\""))
            let laterAt = try #require(page.range(of: "/runs/\(try later.requireID())\""))
            let waitingAt = try #require(page.range(of: "/runs/\(try full.requireID())\""))
            #expect(soonerAt.lowerBound < laterAt.lowerBound, "sorted by date, not by when booked")
            #expect(laterAt.lowerBound < waitingAt.lowerBound, "the waiting list after the confirmed places")
            #expect(page.contains("Coming up (2)") && page.contains("On a waiting list (1)"))
            #expect(!page.contains("Taken place") && !page.contains("Cancelled ("))
        }
    }

    /// My bookings reads each booking with its run's days in one statement (a row a day):
    /// every booking must come back once, with its own days in order, however many it has.
    @Test func memberBookingsComeOnceEachWithTheirOwnDays() async throws {
        try await withPrepRoom(seed: true) { app in
            let three = try await makeRun(app, capacity: 1, days: 60, sessions: 3)
            let one = try await makeRun(app, capacity: 1, days: 30, sessions: 1)
            let full = try await makeRun(app, capacity: 1, days: 45, sessions: 2)
            let members = try await makeMembers(app, count: 3)
            for run in [three, one] { _ = try await book(app, run: run, token: members[0].token) }
            _ = try await book(app, run: full, token: members[1].token)
            _ = try await book(app, run: full, token: members[2].token)
            _ = try await book(app, run: full, token: members[0].token)
            let bookings = try await MemberBookingsQuery.bookings(of: members[0].user.requireID(), on: app.db)
            #expect(bookings.map(\.runID) == [three.id, full.id, one.id].compactMap { $0 }, "latest run first, each once")
            #expect(bookings.map(\.sessions.count) == [3, 2, 1])
            for booking in bookings {
                #expect(booking.sessions.map(\.start) == booking.sessions.map(\.start).sorted(), "the days in order")
                #expect(booking.sessions.first?.start == booking.run.startsAt)
            }
            #expect(bookings.first { $0.runID == full.id }?.position == 2, "behind the other member on the waiting list")
            #expect(try await MemberBookingsQuery.bookings(of: UUID(), on: app.db).isEmpty)
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

            let entry = try #require(try await CPDEntry.query(on: app.db).first()?.requireID())
            let asked = try await me.post("/me/cpd/\(entry)/delete", form: [])
            #expect(asked.status == .ok)
            #expect(asked.text.contains("Remove this entry from your CPD record?") && asked.text.contains("Visit to Dollar Academy"))
            #expect(try await CPDEntry.find(entry, on: app.db) != nil, "nothing is removed before the confirmation")
            let stranger = try await signedIn(app, "other@school.sch.uk")
            _ = try await stranger.get("/me/cpd")
            #expect(try await stranger.post("/me/cpd/\(entry)/delete", form: []).status == .forbidden)
            #expect(try await stranger.post("/me/cpd/\(entry)/delete", form: [("confirmed", "yes")]).status == .forbidden)
            _ = try await me.post("/me/cpd/\(entry)/delete", form: [("confirmed", "yes")])
            #expect(try await CPDEntry.find(entry, on: app.db) == nil)
            #expect(try await me.get("/me/cpd").text.contains("Entry removed."))
        }
    }
}
