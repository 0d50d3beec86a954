import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// The equipment register: items, checks behind the authorisation gate, the CSV import
/// and the overviews, on the real database (both engines).
@Suite("Equipment: the register, checks and the training that authorises them")
struct EquipmentTests {
    struct School {
        var id: UUID
        var organisationID: UUID
    }

    /// Fife's first school, and a technician who works there with the given earlier
    /// certificates (course code → issue day).
    private func fife(_ app: Application, email: String = "tech@fife.sch.uk", certificates: [(String, Date)] = []) async throws -> (School, User, String) {
        let authority = try #require(try await OrganisationStore.named("Fife Council", on: app.db))
        let school = try #require(try await SchoolStore.list(organisationID: authority.requireID(), on: app.db).first)
        let user = try await makeUser(app, email: email, role: .technician, organisationID: authority.requireID())
        try await Accounts(app).chooseSchools([school.id], for: user)
        for (code, day) in certificates { _ = try await CertificateDesk.recordEarlier(holder: user, courseCode: code, issuedOn: day, on: app.db) }
        return (School(id: school.id, organisationID: try authority.requireID()), user, try await Tokens.issue(for: user, on: app.db))
    }

    private func add(_ app: Application, _ token: String, school: UUID, _ fields: [String: Any]) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "/api/v1/schools/\(school)/equipment", headers: .json(bearer: token), body: jsonBody(fields))
    }

    private func check(_ app: Application, _ token: String, item: String, _ fields: [String: Any]) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "/api/v1/equipment/\(item)/checks", headers: .json(bearer: token), body: jsonBody(fields))
    }

    private func daysAgo(_ days: Int) -> Date { ServiceTime.addingDays(-days, to: ServiceTime.startOfDay(Date())) }
    private func day(_ date: Date) -> String { ServiceTime.isoDay(date) }

    @Test func aCheckFollowsTheIntervalAndAFailTakesTheItemOutOfUseUntilAPass() async throws {
        try await withPrepRoom(seed: true) { app in
            let (school, user, token) = try await fife(app)
            let added = try await add(app, token, school: school.id, ["category": "fume-cupboard", "description": "Fume cupboard, Lab 3", "assetTag": "FC-1"])
            #expect(added.status == .created)
            let item = try #require(try added.json()["id"] as? String)
            let itemID = try #require(UUID(uuidString: item))
            #expect(try added.json()["nextDueOn"] as? String == day(Date()), "never checked: due today")
            #expect(try await add(app, token, school: school.id, ["category": "fume-cupboard", "description": "Another", "assetTag": "FC-1"]).status == .conflict)

            let failed = try await check(app, token, item: item, ["checkedOn": day(daysAgo(2)), "result": "fail", "readings": [0.21], "notes": "Sash cord frayed"])
            #expect(failed.status == .created)
            #expect(try failed.json()["readings"] as? [String] == ["Face velocity (m/s): 0.21"])
            var stored = try #require(try await EquipmentStore.item(itemID, on: app.db))
            #expect(stored.status == .outOfUse)
            #expect(stored.nextDueOn == daysAgo(2), "a failed item is due again at once")

            #expect(try await check(app, token, item: item, ["checkedOn": day(daysAgo(1)), "result": "pass"]).status == .created)
            stored = try #require(try await EquipmentStore.item(itemID, on: app.db))
            #expect(stored.status == .inUse)
            #expect(stored.nextDueOn == ServiceTime.addingMonths(14, to: daysAgo(1)), "COSHH: 14 months after the passing check")
            // An older paper record entered late is history; it does not move the due date.
            #expect(try await check(app, token, item: item, ["checkedOn": day(daysAgo(400)), "result": "fail"]).status == .created)
            stored = try #require(try await EquipmentStore.item(itemID, on: app.db))
            #expect(stored.status == .inUse && stored.lastCheckedOn == daysAgo(1))

            let detail = try await app.testing().sendRequest(.GET, "/api/v1/equipment/\(item)", headers: .bearer(token))
            #expect(try (detail.json()["checks"] as? [[String: Any]])?.map { $0["result"] as? String } == ["pass", "fail", "fail"])
            let audit = try await AuditEntry.query(on: app.db).filter(\.$action == "equipment.checked").all()
            #expect(audit.count == 3 && audit.allSatisfy { $0.actorID == user.id })
            #expect(audit.contains { $0.details.contains("in_use → out_of_use") })
        }
    }

    @Test func badChecksAreRefusedWithTheRightAnswerAndChangeNothing() async throws {
        try await withPrepRoom(seed: true) { app in
            let (school, _, token) = try await fife(app)
            let item = try #require(try await add(app, token, school: school.id, ["category": "pressure-system", "description": "Autoclave"]).json()["id"] as? String)
            let tomorrow = ServiceTime.addingDays(1, to: ServiceTime.startOfDay(Date()))
            #expect(try await check(app, token, item: item, ["checkedOn": day(tomorrow), "result": "pass"]).status == .unprocessableEntity)
            #expect(try await check(app, token, item: item, ["checkedOn": "2026-02-30", "result": "pass"]).status == .unprocessableEntity)
            #expect(try await check(app, token, item: item, ["checkedOn": day(Date()), "result": "maybe"]).status == .unprocessableEntity)
            #expect(try await check(app, token, item: item, ["checkedOn": day(Date()), "result": "pass", "readings": [-1]]).status == .unprocessableEntity)
            // A reading too large for any integer is refused, not a crash.
            #expect(try await check(app, token, item: item, ["checkedOn": day(Date()), "result": "pass", "readings": [1e300]]).status == .unprocessableEntity)

            // An id as long as a value may be (20,000 characters) is a 404, not a 500 from
            // the lookup of a public file by that name.
            let huge = String(repeating: "0", count: TextLimit.anyValue)
            #expect(try await check(app, token, item: huge, ["checkedOn": day(Date()), "result": "pass"]).status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/schools/\(huge)/equipment", headers: .bearer(token)).status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/centres/\(huge)").status == .notFound)

            // A technician of another school: 403, for the check and the register alike.
            let other = try await makeUser(app, email: "other@school.sch.uk", role: .technician)
            let elsewhere = try #require(try await SchoolStore.list(organisationID: nil, on: app.db).first { $0.id != school.id })
            try await Accounts(app).chooseSchools([elsewhere.id], for: other)
            let otherToken = try await Tokens.issue(for: other, on: app.db)
            #expect(try await check(app, otherToken, item: item, ["checkedOn": day(Date()), "result": "pass"]).status == .forbidden)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/schools/\(school.id)/equipment", headers: .bearer(otherToken)).status == .forbidden)
            #expect(try await add(app, otherToken, school: school.id, ["category": "fume-cupboard", "description": "Sneaky"]).status == .forbidden)

            // Disposed: 409, and it cannot be put back in use by hand.
            let dispose = try await app.testing().sendRequest(.POST, "/api/v1/equipment/\(item)/status", headers: .json(bearer: token),
                                                             body: jsonBody(["status": "disposed", "reason": "Replaced"]))
            #expect(try dispose.status == .ok && (dispose.json()["due"] as? String) == "none")
            #expect(try await check(app, token, item: item, ["checkedOn": day(Date()), "result": "pass"]).status == .conflict)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/equipment/\(item)/status", headers: .json(bearer: token),
                                                       body: jsonBody(["status": "in_use"])).status == .conflict)
            #expect(try await EquipmentCheck.query(on: app.db).count() == 0, "nothing was recorded")
        }
    }

    @Test func theGateNeedsACurrentCertificateAndOffersTheNextRunsWhenItRefuses() async throws {
        try await withPrepRoom(seed: true) { app in
            let sixYearsAgo = ServiceTime.addingMonths(-72, to: Date())
            let (school, user, token) = try await fife(app, certificates: [("working-with-radioactive-sources", sixYearsAgo),
                                                                           ("electrical-safety-and-pat", daysAgo(30))])
            let source = try #require(try await add(app, token, school: school.id, ["category": "sealed-radioactive-source", "description": "Co-60 source",
                                                                                    "isotope": "Co-60", "activity": "185 kBq", "referenceDate": "2015-03-01"]).json()["id"] as? String)
            let refused = try await check(app, token, item: source, ["checkedOn": day(Date()), "result": "pass"])
            #expect(refused.status == .forbidden)
            #expect(try refused.apiError()["code"] as? String == "certificate_expired")
            let message = try #require(try refused.apiError()["message"] as? String)
            #expect(message.contains("expired on") && message.contains("Next runs of Working with Radioactive Sources") && message.contains("/runs/"))
            #expect(try await EquipmentCheck.query(on: app.db).count() == 0)

            // The page says the same, with links to book.
            let browser = Browser(app)
            _ = try await browser.signIn("tech@fife.sch.uk")
            let page = try await browser.get("/equipment/\(source)")
            #expect(page.text.contains("id=\"gate-refused\"") && page.text.contains("id=\"refresher-runs\"") && !page.text.contains("id=\"record-check\""))

            // PAT is authorised, and the check names the certificate that allowed it.
            let pack = try #require(try await add(app, token, school: school.id, ["category": "portable-electrical-class-sets", "description": "Power pack"]).json()["id"] as? String)
            let pat = try await check(app, token, item: pack, ["checkedOn": day(Date()), "result": "pass", "readings": [0.05, 250]])
            #expect(pat.status == .created)
            let number = try #require(try await Certificate.query(on: app.db).filter(\.$courseCode == "electrical-safety-and-pat").first()?.number)
            #expect(try pat.json()["certificateNumber"] as? String == number)

            // Naming someone for a task is behind the same gate.
            func name(_ task: String, _ person: UUID) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.POST, "/api/v1/schools/\(school.id)/equipment/named", headers: .json(bearer: token),
                                                    body: jsonBody(["task": task, "userId": person.uuidString]))
            }
            let me = try user.requireID()
            let refusedNaming = try await name("leak_testing_sources", me)
            #expect(try refusedNaming.status == .forbidden && (refusedNaming.apiError()["message"] as? String)?.contains("Test Technician's certificate") == true)
            let named = try await name("pat_testing", me)
            #expect(named.status == .created)
            let patCover = try #require((try named.json()["tasks"] as? [[String: Any]])?.first { $0["task"] as? String == "pat_testing" })
            #expect((patCover["named"] as? [[String: Any]])?.first?["authorised"] as? Bool == true)
            #expect(try await name("pat_testing", me).status == .conflict)
            let stranger = try await makeUser(app, email: "stranger@school.sch.uk", role: .technician)
            #expect(try await name("pat_testing", stranger.requireID()).status == .unprocessableEntity, "not of the school")
            #expect(try await EquipmentTaskHolder.query(on: app.db).count() == 1)
            #expect(try await browser.get("/schools/\(school.id)/equipment").text.contains("Remove Test Technician from testing portable electrical equipment (pat)"))

            // Revoked: refused with its own reason.
            let certificate = try #require(try await Certificate.query(on: app.db).filter(\.$number == number).first())
            try await CertificateDesk.revoke(certificate, reason: "Issued in error", by: user, on: app.db)
            let revoked = try await check(app, token, item: pack, ["checkedOn": day(Date()), "result": "pass"])
            #expect(try revoked.status == .forbidden && (revoked.apiError()["code"] as? String) == "certificate_revoked")
            // The naming stays, marked as no longer authorised, until the school removes it.
            let after = try await app.testing().sendRequest(.GET, "/api/v1/schools/\(school.id)/equipment", headers: .bearer(token)).json()
            let stillNamed = try #require((after["tasks"] as? [[String: Any]])?.first { $0["task"] as? String == "pat_testing" })
            #expect((stillNamed["named"] as? [[String: Any]])?.first?["authorised"] as? Bool == false)
            #expect(try await app.testing().sendRequest(.DELETE, "/api/v1/schools/\(school.id)/equipment/named/pat_testing/\(me)", headers: .bearer(token)).status == .noContent)
            #expect(try await EquipmentTaskHolder.query(on: app.db).count() == 0)

            // Never trained: Level 3 microbiology has no item category, so the rule is asked directly.
            #expect(Authorisation.decide(.level3Microbiology, held: try await EquipmentStore.held(by: user.requireID(), courses: ControlledTask.level3Microbiology.authorisingCourses, on: app.db), now: Date())
                    == .refused(.notTrained))
        }
    }

    /// The dashboard's JSON is written by hand (`JSONText`, for speed); it must be the
    /// bytes `JSONCoding.encoder` writes for the same dashboard: keys sorted, nil left
    /// out, text escaped alike.
    @Test func theDashboardsHandWrittenJSONIsTheEncodersByteForByte() async throws {
        try await withPrepRoom(seed: true) { app in
            let (school, user, token) = try await fife(app, certificates: [("electrical-safety-and-pat", daysAgo(30)),
                                                                           ("working-with-radioactive-sources", ServiceTime.addingMonths(-72, to: Date()))])
            #expect(try await add(app, token, school: school.id, ["category": "portable-electrical-class-sets", "assetTag": "PP/1",
                                                                   "description": "Power pack \"A\" \\ 1/2 – Größe 😀", "location": "Lab <1> & store"]).status == .created)
            #expect(try await add(app, token, school: school.id, ["category": "sealed-radioactive-source", "description": "Co-60 source"]).status == .created)
            let pack = try #require(try await EquipmentItem.query(on: app.db).filter(\.$assetTag == "PP/1").first())
            #expect(try await check(app, token, item: pack.requireID().uuidString, ["checkedOn": day(daysAgo(1)), "result": "pass"]).status == .created)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/schools/\(school.id)/equipment/named", headers: .json(bearer: token),
                                                        body: jsonBody(["task": "pat_testing", "userId": user.requireID().uuidString])).status == .created)

            let answer = try await app.testing().sendRequest(.GET, "/api/v1/schools/\(school.id)/equipment", headers: .bearer(token))
            #expect(answer.status == .ok && answer.headers.contentType == .json)
            let dashboard = try await EquipmentDesk(db: app.db).dashboard(school.id, for: user)
            let encoded = try JSONCoding.encoder.encode(EquipmentDashboardDTO(dashboard))
            #expect(String(decoding: answer.body.readableBytesView, as: UTF8.self) == String(decoding: encoded, as: UTF8.self))
            let tasks = try #require(try answer.json()["tasks"] as? [[String: Any]])
            #expect(tasks.contains { !($0["authorised"] as? [Any] ?? []).isEmpty } && tasks.contains { !($0["lapsed"] as? [Any] ?? []).isEmpty },
                    "both kinds of person are written")
        }
    }

    /// Every character the escaper treats specially, against Foundation's own output.
    @Test func handWrittenJSONEscapesTextAsTheEncoderDoes() throws {
        struct Sample: Encodable { var a: String; var b: [String]; var c: Int; var d: Bool; var e: String? }
        let awkward = String((0..<0x80).map { Character(UnicodeScalar(UInt8($0))) }) + "é 😀 \u{2028}\u{2029}\u{FEFF}"
        let sample = Sample(a: awkward, b: ["", "/", "\\\""], c: -42, d: false, e: nil)
        var json = JSONText()
        json.object { json in
            json.field("a", sample.a); json.key("b"); json.array(sample.b) { $0.string($1) }
            json.field("c", sample.c); json.field("d", sample.d); json.field("e", sample.e)
        }
        #expect(String(decoding: json.bytes, as: UTF8.self) == String(decoding: try JSONCoding.encoder.encode(sample), as: UTF8.self))
    }

    private let register = """
        Asset tag,Category,Description,Location,Serial number,Status,Last checked
        FC-1,Fume cupboards and local exhaust ventilation,Fume cupboard Lab 3,Lab 3,,in use,%RECENT%
        PP-1,portable-electrical-class-sets,Power pack 1,Lab 1,SN-1,in use,%OLD%
        PP-2,portable-electrical-class-sets,Power pack 2,Lab 1,,out of use,
        """

    private func csv(_ text: String) -> String {
        text.replacingOccurrences(of: "%RECENT%", with: day(daysAgo(30))).replacingOccurrences(of: "%OLD%", with: day(daysAgo(500)))
    }

    @Test func anImportIsCheckedFirstWritesNothingWhileARowIsWrongAndIsIdempotent() async throws {
        try await withPrepRoom(seed: true) { app in
            let (school, _, token) = try await fife(app)
            func send(_ text: String, dryRun: Bool) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.POST, "/api/v1/schools/\(school.id)/equipment/import", headers: .json(bearer: token),
                                                    body: jsonBody(["csv": text, "dryRun": dryRun]))
            }
            let bad = try await send(csv(register) + "\nPP-1,kettle,Kettle,,,,\nPP-9,fume-cupboard,,,,,2026-02-30\n", dryRun: false)
            #expect(bad.status == .unprocessableEntity)
            let message = try #require(try bad.apiError()["message"] as? String)
            #expect(message.contains("Line 5:") && message.contains("Line 6:") && message.contains("2026-02-30"))
            #expect(try await EquipmentItem.query(on: app.db).count() == 0)

            let dry = try await send(csv(register), dryRun: true)
            #expect(try dry.status == .ok && (dry.json()["added"] as? [String])?.count == 3 && (dry.json()["written"] as? Bool) == false)
            #expect(try await EquipmentItem.query(on: app.db).count() == 0, "a dry run writes nothing")

            let done = try await send(csv(register), dryRun: false)
            #expect(try done.json()["written"] as? Bool == true)
            let dashboard = try await app.testing().sendRequest(.GET, "/api/v1/schools/\(school.id)/equipment", headers: .bearer(token)).json()
            #expect(dashboard["overdue"] as? Int == 1, "PP-1, checked 500 days ago")
            #expect(dashboard["dueSoon"] as? Int == 1, "PP-2, never checked: due the day it was imported")
            let again = try await send(csv(register), dryRun: false)
            #expect(try again.json()["unchanged"] as? Int == 3 && (try again.json()["written"] as? Bool) == false)
            let moved = try await send(csv(register).replacingOccurrences(of: "Power pack 1,Lab 1", with: "Power pack 1,Prep room"), dryRun: true)
            #expect(try (moved.json()["updated"] as? [String]) == ["PP-1 Power pack 1: location"])

            // The export reads back in as it is.
            let browser = Browser(app)
            _ = try await browser.signIn("tech@fife.sch.uk")
            let exported = try await browser.get("/schools/\(school.id)/equipment.csv")
            #expect(exported.status == .ok && exported.text.contains("\"PP-1\",\"Portable electrical equipment (class sets, Class I)\""))
            #expect(try await send(exported.text, dryRun: true).json()["unchanged"] as? Int == 3)
            let audit = try await AuditEntry.query(on: app.db).filter(\.$action == "equipment.imported").count()
            #expect(audit == 1)
        }
    }

    @Test func eachRoleSeesWhatItShouldAndTheAuthorityIsToldWhatLapses() async throws {
        try await withPrepRoom(seed: true) { app in
            let lapsingIssue = ServiceTime.addingDays(40, to: ServiceTime.addingMonths(-60, to: Date()))
            let (school, technician, token) = try await fife(app, certificates: [("electrical-safety-and-pat", lapsingIssue)])
            _ = try await add(app, token, school: school.id, ["category": "sealed-radioactive-source", "description": "Co-60 source"])
            _ = try await add(app, token, school: school.id, ["category": "portable-electrical-class-sets", "description": "Power pack"])

            let manager = try await makeUser(app, email: "la@fife.gov.uk", role: .laManager, organisationID: school.organisationID)
            let managerToken = try await Tokens.issue(for: manager, on: app.db)
            let overview = try await app.testing().sendRequest(.GET, "/api/v1/me/equipment", headers: .bearer(managerToken)).json()
            let schools = try #require(overview["schools"] as? [[String: Any]])
            #expect(schools.first { $0["id"] as? String == school.id.uuidString }?["items"] as? Int == 2)
            let lapsing = try #require(overview["lapsing"] as? [[String: Any]])
            #expect(lapsing.map { $0["name"] as? String } == [technician.name] && lapsing.first?["refresherBooked"] as? Bool == false)
            let uncovered = try #require(overview["uncovered"] as? [[String: Any]])
            #expect(uncovered.map { $0["task"] as? String } == ["leak_testing_sources"], "PAT is covered (for now); nobody may leak-test")
            // The manager reads the school's register but may not change it.
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/schools/\(school.id)/equipment", headers: .bearer(managerToken)).status == .ok)
            #expect(try await add(app, managerToken, school: school.id, ["category": "fume-cupboard", "description": "Nope"]).status == .forbidden)

            // Each list as CSV, on the pages a manager uses.
            let managerBrowser = Browser(app)
            _ = try await managerBrowser.signIn("la@fife.gov.uk")
            let lapsingCSV = try await managerBrowser.get("/me/equipment.csv?list=lapsing")
            #expect(lapsingCSV.status == .ok && lapsingCSV.text.contains("\"\(technician.name)\"") && lapsingCSV.text.contains("\"No\""))
            #expect(try await managerBrowser.get("/me/equipment.csv?list=uncovered").text.contains("Leak-testing sealed radioactive sources"))
            #expect(try await managerBrowser.get("/me/equipment.csv?list=everything").status == .unprocessableEntity)
            let authorised = try await managerBrowser.get("/schools/\(school.id)/equipment.csv?list=authorised")
            #expect(authorised.text.contains("\"Testing portable electrical equipment (PAT)\",\"\(technician.name)\",\"Authorised\""))
            #expect(try await managerBrowser.get("/schools/\(school.id)/equipment.csv?list=overdue").text.contains("Co-60 source") == false, "due today is not overdue")
            #expect(try await managerBrowser.get("/schools/\(school.id)/equipment.csv?list=due-soon").text.contains("Co-60 source"))

            // Another authority's manager, a centre coordinator, a course admin: refused.
            let angus = try #require(try await OrganisationStore.named("Angus Council", on: app.db))
            let stranger = try await makeUser(app, email: "la@angus.gov.uk", role: .laManager, organisationID: angus.requireID())
            let strangerToken = try await Tokens.issue(for: stranger, on: app.db)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/schools/\(school.id)/equipment", headers: .bearer(strangerToken)).status == .forbidden)
            for role in [Role.centreCoordinator, .courseAdmin] {
                let other = try await PrepRoomWebTests.token(app, role: role)
                #expect(try await app.testing().sendRequest(.GET, "/api/v1/schools/\(school.id)/equipment", headers: .bearer(other)).status == .forbidden)
                #expect(try await app.testing().sendRequest(.GET, "/api/v1/me/equipment", headers: .bearer(other)).status == .forbidden)
            }
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/schools/\(school.id)/equipment").status == .unauthorized)

            // Intervals: admins and advisers only, within bounds.
            let staff = Browser(app)
            _ = try await makeUser(app, email: "adviser@sserc.example", role: .adviser)
            _ = try await staff.signIn("adviser@sserc.example")
            #expect(try await staff.get("/staff/equipment-categories").status == .ok)
            // An adviser chooses the authority to look at.
            let choice = try await staff.get("/me/equipment")
            #expect(choice.status == .ok && choice.text.contains("id=\"choose-authority\""))
            let fifeView = try await staff.get("/me/equipment?organisation=\(school.organisationID)")
            #expect(fifeView.text.contains("Equipment in Fife Council&#39;s schools") || fifeView.text.contains("Equipment in Fife Council's schools"))
            #expect(try await staff.get("/me/equipment?organisation=\(UUID())").status == .notFound)
            _ = try await staff.post("/staff/equipment-categories", form: [("interval-fume-cupboard", "200")])
            #expect(try await EquipmentStore.category(idOrKey: "fume-cupboard", on: app.db)?.intervalMonths == 14, "out of bounds: unchanged")
            _ = try await staff.post("/staff/equipment-categories", form: [("interval-fume-cupboard", "12")])
            #expect(try await EquipmentStore.category(idOrKey: "fume-cupboard", on: app.db)?.intervalMonths == 12)
            let tech = Browser(app)
            _ = try await tech.signIn("tech@fife.sch.uk")
            #expect(try await tech.get("/staff/equipment-categories").status == .forbidden)
            #expect(try await tech.post("/staff/equipment-categories", form: [("interval-fume-cupboard", "1")]).status == .forbidden)
            #expect(try await EquipmentStore.category(idOrKey: "fume-cupboard", on: app.db)?.intervalMonths == 12)
        }
    }

    @Test func erasingAPersonKeepsTheSchoolsRecordOfTheirChecks() async throws {
        try await withPrepRoom(seed: true) { app in
            let (school, user, token) = try await fife(app)
            let item = try #require(try await add(app, token, school: school.id, ["category": "fume-cupboard", "description": "Fume cupboard"]).json()["id"] as? String)
            #expect(try await check(app, token, item: item, ["checkedOn": day(Date()), "result": "pass"]).status == .created)
            _ = try await EquipmentCalendar(db: app.db).newAddress(for: user)
            let subject = DataSubject(id: try user.requireID(), email: user.email, name: user.name)
            let sections = try await PersonalDataArea.equipment.export(subject, app.db)
            #expect(sections.first { $0.key == "equipmentChecks" }?.records.count == 1)
            #expect(sections.first { $0.key == "equipmentCalendar" }?.records.count == 1)
            try await app.db.transaction { db in try await PersonalDataArea.equipment.erase(subject, Date(), db) }
            let kept = try #require(try await EquipmentCheck.query(on: app.db).first())
            #expect(kept.checkedByID == nil && kept.checkedByName == EquipmentCheck.formerStaff)
            #expect(try await EquipmentFeed.query(on: app.db).count() == 0)
        }
    }

    @Test func remindersGoOnceToTheSchoolAndAfterAMonthToTheAuthority() async throws {
        try await withPrepRoom(seed: true) { app in
            let (school, _, token) = try await fife(app)
            let colleague = try await makeUser(app, email: "teacher@fife.sch.uk", role: .teacher)
            try await Accounts(app).chooseSchools([school.id], for: colleague)
            _ = try await makeUser(app, email: "la@fife.gov.uk", role: .laManager, organisationID: school.organisationID)
            // Checked so that one falls due in 10 days, one is 5 days overdue, one 40; one is disposed.
            let register = """
                Asset tag,Category,Description,Last checked,Status
                A,fume-cupboard,Soon,\(day(ServiceTime.addingMonths(-14, to: ServiceTime.addingDays(10, to: Date())))),
                B,fume-cupboard,Late,\(day(ServiceTime.addingMonths(-14, to: daysAgo(5)))),
                C,fume-cupboard,Very late,\(day(ServiceTime.addingMonths(-14, to: daysAgo(40)))),
                D,fume-cupboard,Gone,\(day(ServiceTime.addingMonths(-14, to: daysAgo(40)))),disposed
                """
            let imported = try await app.testing().sendRequest(.POST, "/api/v1/schools/\(school.id)/equipment/import", headers: .json(bearer: token),
                                                              body: jsonBody(["csv": register, "dryRun": false]))
            #expect(try imported.json()["written"] as? Bool == true)
            let links = Links(base: "https://preproom.example")
            // Two instances at the same moment, then a second run: each email once.
            async let first = EquipmentReminders(db: app.db, links: links).sendDue()
            async let second = EquipmentReminders(db: app.db, links: links).sendDue()
            let sent = try await first + second
            #expect(sent == 5, "due soon and overdue to the technician and the teacher, the escalation to the manager")
            #expect(try await EquipmentReminders(db: app.db, links: links).sendDue() == 0)
            let emails = try await OutboxMessage.query(on: app.db).all().filter { $0.subject.contains("check") }
            let subjects = emails.map { "\($0.recipient): \($0.subject)" }.sorted()
            #expect(subjects == [
                "la@fife.gov.uk: Overdue for over 30 days: 1 check at \(try #require(try await SchoolStore.find(school.id, on: app.db)).name)",
                "teacher@fife.sch.uk: 1 check due within 30 days at \(try #require(try await SchoolStore.find(school.id, on: app.db)).name)",
                "teacher@fife.sch.uk: Overdue: 2 checks at \(try #require(try await SchoolStore.find(school.id, on: app.db)).name)",
                "tech@fife.sch.uk: 1 check due within 30 days at \(try #require(try await SchoolStore.find(school.id, on: app.db)).name)",
                "tech@fife.sch.uk: Overdue: 2 checks at \(try #require(try await SchoolStore.find(school.id, on: app.db)).name)",
            ].sorted())
            #expect(!emails.contains { $0.body.contains("Gone") }, "a disposed item is never reminded about")

            // A passing check gives a new due date; its reminders will come again in 14 months, not now.
            let late = try #require(try await EquipmentItem.query(on: app.db).filter(\.$assetTag == "B").first())
            #expect(try await check(app, token, item: late.linkID.uuidString, ["checkedOn": day(Date()), "result": "pass"]).status == .created)
            #expect(try await EquipmentReminders(db: app.db, links: links).sendDue() == 0)
            let later = ServiceTime.addingMonths(14, to: Date())
            #expect(try await EquipmentReminders(db: app.db, links: links).sendDue(now: later) > 0)
        }
    }

    @Test func aTechnicianSubscribesToTheirSchoolsDueChecksAtASecretAddress() async throws {
        try await withPrepRoom(seed: true) { app in
            let (school, _, token) = try await fife(app)
            _ = try await add(app, token, school: school.id, ["category": "fume-cupboard", "description": "Fume cupboard; Lab 3", "assetTag": "FC-1"])
            let browser = Browser(app)
            _ = try await browser.signIn("tech@fife.sch.uk")
            #expect(try await browser.get("/me/equipment").text.contains("id=\"calendar-address\""))
            func address() async throws -> String {
                let page = try await browser.post("/me/equipment/calendar", form: [])
                #expect(page.status == .ok)
                let start = try #require(page.text.range(of: "/equipment/calendar/"))
                let end = try #require(page.text[start.upperBound...].range(of: ".ics"))
                return "/equipment/calendar/" + page.text[start.upperBound..<end.lowerBound] + ".ics"
            }
            let first = try await address()
            let feed = try await app.testing().sendRequest(.GET, first)
            #expect(feed.status == .ok && feed.headers.contentType?.subType == "calendar")
            #expect(feed.text.contains("DTSTART;VALUE=DATE:") && feed.text.contains("SUMMARY:Due: Thorough examination and test (LEV)\\, Fume cupboard\\; Lab 3"))
            let second = try await address()
            #expect(second != first)
            #expect(try await app.testing().sendRequest(.GET, first).status == .notFound, "a new address stops the old one")
            #expect(try await app.testing().sendRequest(.GET, second).status == .ok)
            #expect(try await app.testing().sendRequest(.GET, "/equipment/calendar/nonsense.ics").status == .notFound)
            let feeds = try await EquipmentFeed.query(on: app.db).all()
            #expect(feeds.count == 1 && feeds.first?.digest.count == 64 && !first.contains(feeds[0].digest), "only a digest is kept")

            // A manager has no schools of their own to subscribe to.
            _ = try await makeUser(app, email: "la@fife.gov.uk", role: .laManager, organisationID: school.organisationID)
            let manager = Browser(app)
            _ = try await manager.signIn("la@fife.gov.uk")
            _ = try await manager.get("/me/equipment")
            #expect(try await manager.post("/me/equipment/calendar", form: []).status == .forbidden)
        }
    }

    @Test func aCheckKeepsItsReportAndOnlyPDFsAndImagesAreTaken() async throws {
        try await withPrepRoom(seed: true) { app in
            let (school, user, token) = try await fife(app)
            let item = try #require(try await add(app, token, school: school.id, ["category": "fume-cupboard", "description": "Fume cupboard"]).json()["id"] as? String)
            let itemID = try #require(UUID(uuidString: item))
            let checks = EquipmentChecks(db: app.db)
            let pretending = Upload(filename: "report.pdf", contentType: "application/pdf", bytes: Data("MZ\u{90}\u{0}this is a program".utf8))
            await #expect(throws: ServiceError.self) {
                try await checks.record(.init(checkedOn: day(Date()), result: "pass", document: pretending), on: itemID, by: user)
            }
            let tooBig = Upload(filename: "big.pdf", contentType: "application/pdf", bytes: Data("%PDF-1.7".utf8) + Data(count: CheckDocument.maxBytes))
            await #expect(throws: ServiceError.self) {
                try await checks.record(.init(checkedOn: day(Date()), result: "pass", document: tooBig), on: itemID, by: user)
            }
            #expect(try await EquipmentCheck.query(on: app.db).count() == 0, "a refused document refuses the check")

            let report = Data("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n".utf8)
            let check = try await checks.record(.init(checkedOn: day(Date()), result: "pass", readings: ["0.5"],
                                                      document: Upload(filename: "LEV report 2026.pdf", contentType: "application/octet-stream", bytes: report)),
                                                on: itemID, by: user)
            let browser = Browser(app)
            _ = try await browser.signIn("tech@fife.sch.uk")
            let page = try await browser.get("/equipment/\(item)")
            let link = "/equipment/\(item)/checks/\(check.linkID.uuidString)/document"
            #expect(page.text.contains(link))
            let download = try await browser.get(link)
            #expect(download.status == .ok && download.headers.contentType?.serialize() == "application/pdf")
            #expect(download.headers.first(name: "Content-Disposition")?.contains("attachment") == true)
            #expect(download.headers.first(name: "Content-Disposition")?.contains("LEV report 2026.pdf") == true)
            // A crafted name cannot break or split the header.
            #expect(Response.safeFilename("a\"b\r\nSet-Cookie: x=1\\é.pdf") == "a_b__Set-Cookie: x=1__.pdf")
            #expect(Response.safeFilename("") == "document")
            #expect(Data(download.body.readableBytesView) == report)

            // Someone of another school cannot read it; a wrong pairing of item and check is a 404.
            let other = try await makeUser(app, email: "other@school.sch.uk", role: .technician)
            let otherBrowser = Browser(app)
            _ = try await otherBrowser.signIn("other@school.sch.uk")
            #expect(try await otherBrowser.get(link).status == .forbidden)
            _ = other
            let second = try #require(try await add(app, token, school: school.id, ["category": "fume-cupboard", "description": "Second"]).json()["id"] as? String)
            #expect(try await browser.get("/equipment/\(second)/checks/\(check.linkID.uuidString)/document").status == .notFound)
        }
    }

    @Test func aLongDryRunSaysHowManyMoreItDoesNotList() {
        let school = PrepRoomStore.School(seedCode: "5104120", name: "Aberdeen Academy", organisationID: UUID(), type: .secondary)
        var report = RegisterImport.Report()
        report.added = (1...250).map { "T\($0) Power pack \($0)" }
        let html = RegisterImportPage(school: school, report: report, text: "")
            .render(Chrome(user: nil, csrf: nil, flash: nil, path: "/schools/x/equipment/import"))
        #expect(html.contains("T200 Power pack 200") && !html.contains("T201 Power pack 201"))
        #expect(html.contains("… and 50 more."))
    }
}
