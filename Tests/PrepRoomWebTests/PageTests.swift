import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import SQLKit
import Testing
import VaporTesting

@Suite("Pages a person uses")
struct PageTests {
    @Test func visitorFindsChemicalHandlingAndItsUpcomingRuns() async throws {
        try await withPrepRoom(seed: true) { app in
            let browser = Browser(app)
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.text.contains("href=\"/courses\""))
            #expect(browser.cookie == nil, "a plain page view creates no session")
            // The next runs as cards, each with one action to its run page, named for the run.
            let now = Date()
            let next = try await RunStore.upcoming(limit: 8, on: app.db)
            let open = try #require(next.first { $0.bookingIsOpen(now: now) && $0.placesLeft > 0 })
            #expect(home.text.contains("<ul id=\"coming-up\" class=\"run-cards"))
            #expect(home.text.components(separatedBy: "<article class=\"card h-100\">").count - 1 == next.count)
            #expect(home.text.contains("href=\"\(SiteURL.run(open.linkID).path)\">Book a place<span class=\"visually-hidden\">: \(open.course.title), \(RunViews.dates(open))</span></a>"))
            // The logo beside the name is decoration: an empty alt (written bare), so it is not read out.
            #expect(home.text.contains("<img src=\"/favicon.svg\" alt width=\"28\" height=\"28\"/>PrepRoom</a>"))

            let list = try await browser.get("/courses?q=chemical+handling")
            #expect(list.text.contains("href=\"/courses/chemical-handling\">Chemical Handling</a>"))
            #expect(!list.text.contains("Electrical Safety and PAT"))

            let page = try await browser.get("/courses/chemical-handling")
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>Chemical Handling</h1>"))
            #expect(page.text.contains("<h2 class=\"mt-4\">Upcoming runs</h2>"))
            #expect(page.text.contains("id=\"upcoming-runs\""))
            #expect(page.text.contains("class=\"places-left\""))
            #expect(page.text.contains("SCQF level"))
        }
    }

    @Test func filtersCombineAndPagesKeepThem() async throws {
        try await withPrepRoom(seed: true) { app in
            let certificated = try await Browser(app).get("/courses?certificated=true&subject=technology")
            #expect(certificated.text.contains("Safe Use of Fixed Workshop Machinery"))
            #expect(!certificated.text.contains("Using R in the STEM classroom"))
            let firstPage = try await Browser(app).get("/courses")
            #expect(firstPage.text.contains("aria-label=\"Pages of courses\""))
            #expect(firstPage.text.contains("href=\"/courses?page=2\""))
            let filtered = try await Browser(app).get("/courses?subject=biology&page=1")
            #expect(filtered.text.contains("selected"))
            // A page link keeps the filters, escaped once: `&amp;` in the HTML, `&` to the browser.
            let page = CourseListPage(filter: CatalogueFilter(text: "a&b", subject: .biology), courses: [], total: 50,
                                      page: Pagination(page: 1), levels: []).render(Chrome(user: nil, csrf: nil, flash: nil, path: "/courses"))
            #expect(page.contains("href=\"/courses?q=a%26b&amp;subject=biology&amp;page=2\""))
            #expect(!page.contains("&amp;amp;"))
        }
    }

    /// The public course list and API are cached per catalogue version: an edit through any
    /// instance shows at once, on both.
    @Test func cachedCatalogueNeverOutlivesAnEdit() async throws {
        try await withPrepRoom(seed: true) { app in
            #expect(try await Browser(app).get("/courses?q=chemical").text.contains(">Chemical Handling</a>"))
            _ = try await app.testing().sendRequest(.GET, "/api/v1/courses?q=chemical")
            let admin = try await token(app, role: .courseAdmin)
            var course = try #require(try await CatalogueQuery.course(code: "chemical-handling", on: app.db)).facts
            course.title = "Chemical Handling and Storage"
            try await withSecondInstance(of: app) { second in
                let edited = try await second.testing().sendRequest(.PUT, "/api/v1/courses/chemical-handling", headers: .json(bearer: admin),
                                                                    body: ByteBuffer(data: try JSONCoding.encoder.encode(CourseDTO(course))))
                #expect(edited.status == .ok)
            }
            #expect(try await Browser(app).get("/courses?q=chemical").text.contains(">Chemical Handling and Storage</a>"))
            let api = try await app.testing().sendRequest(.GET, "/api/v1/courses?q=chemical").json()
            #expect((api["items"] as? [[String: Any]])?.first?["title"] as? String == "Chemical Handling and Storage")
        }
    }

    /// The home, course, run and calendar pages are cached for visitors by the schedule's
    /// version: a booking or a cancellation through another instance shows at once.
    @Test func cachedSchedulePagesNeverOutliveABooking() async throws {
        try await withPrepRoom(seed: true) { app in
            let now = Date()
            let run = try #require(try await RunStore.upcoming(on: app.db).first { $0.bookingIsOpen(now: now) && $0.placesLeft > 1 })
            let runID = try run.requireID()
            let pages = [SiteURL.run(runID), .course(code: run.course.code), .calendar(month: ServiceTime.monthKey(run.startsAt))].map(\.path)
            let before = "\(run.placesLeft) of \(run.capacity)", after = "\(run.placesLeft - 1) of \(run.capacity)"
            for page in pages { #expect(try await Browser(app).get(page).text.contains(before), "\(page) before") }
            let technician = try await token(app, role: .technician)
            var bookingID = ""
            try await withSecondInstance(of: app) { second in
                let booked = try await second.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/bookings", headers: .bearer(technician))
                #expect(booked.status == .created)
                bookingID = try booked.json()["id"] as? String ?? ""
            }
            for page in pages { #expect(try await Browser(app).get(page).text.contains(after), "\(page) after the booking") }
            try await withSecondInstance(of: app) { second in
                let cancelled = try await second.testing().sendRequest(.DELETE, "/api/v1/bookings/\(bookingID)", headers: .bearer(technician))
                #expect(cancelled.status == .ok)
            }
            for page in pages { #expect(try await Browser(app).get(page).text.contains(before), "\(page) after the cancellation") }
        }
    }

    /// The version the cached schedule pages are keyed by counts runs added, changed and
    /// removed without reading the runs (`CreateScheduleRevisions`): each of these moves it,
    /// a write that changes nothing people see does not, and reading never does.
    @Test func scheduleVersionMovesWithEveryRunChangeAndOnlyThen() async throws {
        try await withPrepRoom(seed: true) { app in
            func version() async throws -> String { try await CatalogueQuery.scheduleVersion(on: app.db) }
            var last = try await version()
            func expectMoved(_ what: Comment) async throws {
                let now = try await version()
                #expect(now != last, what)
                last = now
            }
            let run = try await makeRun(app, capacity: 12)
            try await expectMoved("a run added")
            let runID = try run.requireID()
            _ = try await Browser(app).get(SiteURL.run(runID).path)
            #expect(try await version() == last, "a page read")
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE runs SET venue = venue WHERE id = \(bind: runID)").run()
            #expect(try await version() == last, "a write that leaves the revision alone")
            try await sql.raw("UPDATE runs SET revision = revision + 1 WHERE id = \(bind: runID)").run()
            try await expectMoved("a run's revision raised")
            try await run.delete(on: app.db)
            try await expectMoved("a run removed")
            let another = try await makeRun(app, capacity: 12)
            try await expectMoved("another run added")
            let technician = try await token(app, role: .technician)
            #expect(try await book(app, run: another, token: technician).status == .created)
            try await expectMoved("a place booked")
        }
    }

    @Test func unknownPagesAre404Pages() async throws {
        try await withPrepRoom(seed: true) { app in
            let course = try await Browser(app).get("/courses/no-such-course")
            #expect(course.status == .notFound)
            #expect(course.text.contains("Page not found"))
            #expect(course.headers.contentType == .html)
            let run = try await Browser(app).get("/runs/\(UUID().uuidString)")
            #expect(run.status == .notFound)
        }
    }

    @Test func calendarShowsEachSessionDayOfTheMonth() async throws {
        try await withPrepRoom(seed: true) { app in
            let september = try await Browser(app).get("/calendar?month=2024-09")
            #expect(september.status == .ok)
            #expect(september.text.contains("data-date=\"2024-09-03\""))
            #expect(september.text.contains("Tue 3 September 2024"))
            #expect(september.text.contains("Wed 4 September 2024"))
            #expect(september.text.contains(">Chemical Handling</a>"))
            #expect(september.text.contains("href=\"/calendar?month=2024-10\""))
            let bad = try await Browser(app).get("/calendar?month=2024-99")
            #expect(bad.status == .badRequest)
        }
    }

    @Test func staffFormShowsAnErrorSummaryKeepsInputThenSaves() async throws {
        try await withPrepRoom(seed: true) { app in
            try await makeUser(app, email: "admin@sserc.example", role: .courseAdmin)
            let browser = Browser(app)
            let signedIn = try await browser.signIn("admin@sserc.example")
            #expect(signedIn.status == .seeOther)
            let before = try await Run.query(on: app.db).count()

            let form = try await browser.get("/courses/chemical-handling/runs/new")
            #expect(form.status == .ok)
            let day = FutureDay()
            let fields = [("capacity", "0"), ("venue", "SSERC, \"Dunfermline\""),
                          ("sessions-0-start", day.local("09:30")), ("sessions-0-end", day.local("15:30"))]
            let mistake = try await browser.post("/courses/chemical-handling/runs/new", form: fields)
            #expect(mistake.status == .unprocessableEntity)
            #expect(mistake.text.contains("class=\"error-summary\""))
            #expect(mistake.text.contains("There is a problem"))
            #expect(mistake.text.contains("href=\"#capacity\""))
            #expect(mistake.text.contains("id=\"capacity-error\""))
            #expect(mistake.text.contains("value=\"SSERC, &quot;Dunfermline&quot;\""), "input kept, and escaped")
            #expect(try await Run.query(on: app.db).count() == before)

            var fixed = fields
            fixed[0] = ("capacity", "16")
            let saved = try await browser.post("/courses/chemical-handling/runs/new", form: fixed)
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers.first(name: .location))
            #expect(location.hasPrefix("/runs/"))
            let runPage = try await browser.get(location)
            #expect(runPage.text.contains("Run scheduled."))
            #expect(runPage.text.contains(day.written))
            let calendar = try await browser.get("/calendar?month=\(day.month)")
            #expect(calendar.text.contains("href=\"\(location)\">Chemical Handling</a>"))
        }
    }

    @Test func courseAdminAddsACourseAfterFixingMistakesThenEditsIt() async throws {
        try await withPrepRoom(seed: true) { app in
            try await makeUser(app, email: "admin@sserc.example", role: .courseAdmin)
            let browser = Browser(app)
            _ = try await browser.signIn("admin@sserc.example")
            #expect(try await browser.get("/courses/new").status == .ok)
            let before = try await Course.query(on: app.db).count()
            var fields = [("code", "Glass Blowing"), ("title", "Glass Blowing"), ("summary", "Shaping glass for the lab."),
                          ("covers", "Safety\nBending tubing"), ("subject", "chemistry"), ("audiences-technician", "true"),
                          ("format", "face_to_face"), ("durationDays", "one"), ("certificated", "true"), ("scqfLevel", ""),
                          ("refresherOf", "")]
            let mistake = try await browser.post("/courses/new", form: fields)
            #expect(mistake.status == .unprocessableEntity)
            #expect(mistake.text.contains("href=\"#durationDays\""))
            #expect(try await Course.query(on: app.db).count() == before)

            fields[7] = ("durationDays", "1")
            let rules = try await browser.post("/courses/new", form: fields)
            #expect(rules.status == .unprocessableEntity)
            #expect(rules.text.contains("href=\"#code\""))
            #expect(rules.text.contains("href=\"#scqfLevel\""))

            fields[0] = ("code", "glass-blowing")
            fields[9] = ("scqfLevel", "5")
            let saved = try await browser.post("/courses/new", form: fields)
            #expect(saved.status == .seeOther)
            #expect(saved.headers.first(name: .location) == "/courses/glass-blowing")
            let course = try #require(try await CatalogueQuery.course(code: "glass-blowing", on: app.db))
            #expect(course.covers == ["Safety", "Bending tubing"])
            #expect(course.scqfLevel == 5)

            let duplicate = try await browser.post("/courses/new", form: fields)
            #expect(duplicate.status == .unprocessableEntity)
            #expect(duplicate.text.contains("already exists"))

            _ = try await browser.get("/courses/glass-blowing/edit")
            fields[1] = ("title", "Glass Blowing for Technicians")
            let edited = try await browser.post("/courses/glass-blowing/edit", form: fields)
            #expect(edited.status == .seeOther)
            let page = try await browser.get("/courses/glass-blowing")
            #expect(page.text.contains("<h1>Glass Blowing for Technicians</h1>"))
            #expect(try await AuditEntry.query(on: app.db).filter(\AuditEntry.$subject == "course:glass-blowing").count() == 2)
        }
    }

    @Test func everyMistakeIsNamedAtOnceInFormOrder() async throws {
        try await withPrepRoom(seed: true) { app in
            try await makeUser(app, email: "admin@sserc.example", role: .courseAdmin)
            let browser = Browser(app)
            _ = try await browser.signIn("admin@sserc.example")
            _ = try await browser.get("/courses/chemical-handling/runs/new")
            let response = try await browser.post("/courses/chemical-handling/runs/new", form: [
                ("capacity", "0"), ("venue", ""), ("sessions-0-start", "next tuesday"), ("sessions-0-end", "")])
            #expect(response.status == .unprocessableEntity)
            let summary = String(response.text.split(separator: "id=\"error-summary\"").dropFirst().first ?? "")
            let capacity = try #require(summary.range(of: "href=\"#capacity\""))
            let venue = try #require(summary.range(of: "href=\"#venue\""))
            let start = try #require(summary.range(of: "href=\"#sessions-0-start\""))
            #expect(capacity.lowerBound < venue.lowerBound && venue.lowerBound < start.lowerBound)
            #expect(summary.contains("href=\"#sessions-0-end\""))
        }
    }

    @Test func formsWithoutTheCSRFTokenAreRefused() async throws {
        try await withPrepRoom(seed: true) { app in
            try await makeUser(app, email: "admin@sserc.example", role: .courseAdmin)
            let browser = Browser(app)
            _ = try await browser.signIn("admin@sserc.example")
            let before = try await Run.query(on: app.db).count()
            let forged = try await browser.post("/courses/chemical-handling/runs/new", form: [("capacity", "16")], includeCSRF: false)
            #expect(forged.status == .forbidden)
            #expect(try await Run.query(on: app.db).count() == before)
            let anonymous = try await Browser(app).post("/sign-in", form: [("email", "admin@sserc.example"), ("password", "correct horse battery")])
            #expect(anonymous.status == .forbidden)
        }
    }

    @Test func technicianOnAStaffPageIs403AndAnonymousIsSentToSignIn() async throws {
        try await withPrepRoom(seed: true) { app in
            try await makeUser(app, email: "tech@school.sch.uk", role: .technician)
            let technician = Browser(app)
            _ = try await technician.signIn("tech@school.sch.uk")
            #expect(try await technician.get("/courses/chemical-handling/runs/new").status == .forbidden)
            #expect(try await technician.get("/staff/accounts").status == .forbidden)
            let anonymous = try await Browser(app).get("/courses/new")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers.first(name: .location)?.hasPrefix("/sign-in?next=") == true)
        }
    }

    @Test func signInFailuresSayNothingAboutWhichPartWasWrong() async throws {
        try await withPrepRoom { app in
            try await makeUser(app, email: "tech@school.sch.uk", role: .technician)
            let browser = Browser(app)
            _ = try await browser.get("/sign-in")
            let wrong = try await browser.post("/sign-in", form: [("email", "tech@school.sch.uk"), ("password", "nope nope nope")])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("The email address or password is not right."))
            let ok = try await browser.post("/sign-in", form: [("email", "tech@school.sch.uk"), ("password", "correct horse battery"), ("next", "//evil.example")])
            #expect(ok.headers.first(name: .location) == "/me", "only local redirects: the member's own page")
            let home = try await browser.get("/")
            #expect(home.text.contains("Sign out"))
        }
    }

    @Test func registrationThenBulkApprovalOnTheStaffPage() async throws {
        try await withPrepRoom(seed: true) { app in
            let visitor = Browser(app)
            _ = try await visitor.get("/register")
            let fife = try #require(try await Organisation.query(on: app.db).filter(\Organisation.$name == "Fife Council").first())
            let registered = try await visitor.post("/register", form: [("name", "Ali Technician"), ("email", "ali@fife.sch.uk"),
                ("password", "correct horse battery"), ("roles", "technician"), ("organisationId", try fife.requireID().uuidString)])
            #expect(registered.status == .ok)
            #expect(registered.text.contains("Registration received"))
            let duplicate = try await visitor.post("/register", form: [("name", "Ali"), ("email", "ali@fife.sch.uk"),
                ("password", "correct horse battery"), ("roles", "technician"), ("organisationId", try fife.requireID().uuidString)])
            #expect(duplicate.status == .ok, "a duplicate registration looks like any other")
            #expect(duplicate.text.contains("Registration received"))
            #expect(try await User.query(on: app.db).filter(\User.$email == "ali@fife.sch.uk").count() == 1)

            try await makeUser(app, email: "admin@sserc.example", role: .admin)
            let admin = Browser(app)
            _ = try await admin.signIn("admin@sserc.example")
            let list = try await admin.get("/staff/accounts")
            #expect(list.text.contains("ali@fife.sch.uk"))
            let ali = try #require(try await User.query(on: app.db).filter(\User.$email == "ali@fife.sch.uk").first())
            let decided = try await admin.post("/staff/accounts/decide", form: [("user-\(try ali.requireID().uuidString)", "true"), ("decision", "approve")])
            #expect(decided.status == .seeOther)
            let reloaded = try #require(try await User.find(ali.requireID(), on: app.db))
            #expect(reloaded.status == .approved)
        }
    }

    @Test func iCalendarFeedsListSessions() async throws {
        try await withPrepRoom(seed: true) { app in
            let all = try await app.testing().sendRequest(.GET, "/calendar.ics")
            #expect(all.status == .ok)
            #expect(all.headers.contentType?.subType == "calendar")
            #expect(all.text.hasPrefix("BEGIN:VCALENDAR\r\n"))
            #expect(all.text.contains("SUMMARY:Chemical Handling"))
            let course = try await app.testing().sendRequest(.GET, "/courses/electrical-safety-and-pat/runs.ics")
            #expect(course.text.contains("SUMMARY:Electrical Safety and PAT"))
            #expect(!course.text.contains("SUMMARY:Chemical Handling"))
            #expect(try await app.testing().sendRequest(.GET, "/courses/nothing/runs.ics").status == .notFound)
        }
    }

    @Test func strategyAndCentresPagesShowTheSourceFacts() async throws {
        try await withPrepRoom(seed: true) { app in
            let strategy = try await Browser(app).get("/strategy")
            #expect(strategy.text.contains("T9"))
            #expect(strategy.text.contains("Long term to March 2031"))
            let objectives = try await app.testing().sendRequest(.GET, "/api/v1/objectives").json()
            let items = objectives["items"] as? [[String: Any]] ?? []
            #expect(items.count == 10)
            #expect(items.first { $0["code"] as? String == "T9" }?["status"] as? String == "started")
            #expect(items.first { $0["code"] as? String == "T10" }?["status"] as? String == "not_started")
            let centres = try await app.testing().sendRequest(.GET, "/api/v1/centres").json()
            let list = centres["items"] as? [[String: Any]] ?? []
            #expect(list.filter { $0["status"] as? String == "approved" }.count == 8)
            #expect(list.filter { $0["status"] as? String == "applicant" }.count == 4)
            let page = try await Browser(app).get("/centres")
            #expect(page.text.contains("North East Scotland College"))
        }
    }
}
