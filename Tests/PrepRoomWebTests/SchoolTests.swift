import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// The register of schools, and the schools a technician or teacher says they work at.
@Suite("Schools: the register, and the schools a person works at")
struct SchoolTests {
    private func fifeSchools(_ app: Application) async throws -> (UUID, [SchoolStore.Listing]) {
        let fife = try #require(try await OrganisationStore.named("Fife Council", on: app.db))
        return (try fife.requireID(), try await SchoolStore.list(organisationID: fife.requireID(), on: app.db))
    }

    @Test func theRegisterListsEachAuthoritysSchoolsToAnyone() async throws {
        try await withPrepRoom(seed: true) { app in
            let (fife, schools) = try await fifeSchools(app)
            #expect(schools.map(\.name).contains("Dunfermline Academy"))
            let listed = try await app.testing().sendRequest(.GET, "/api/v1/schools?organisation=\(fife)")
            #expect(listed.status == .ok)
            let items = try #require(try listed.json()["items"] as? [[String: Any]])
            #expect(items.count == schools.count && items.allSatisfy { $0["organisationId"] as? String == fife.uuidString })
            let all = try await app.testing().sendRequest(.GET, "/api/v1/schools")
            #expect(try all.json()["total"] as? Int == DemoData.schools.count)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/schools?organisation=fife").status == .unprocessableEntity)
        }
    }

    @Test func aTechnicianTicksTheirSchoolsAndMistakesChangeNothing() async throws {
        try await withPrepRoom(seed: true) { app in
            let (fife, schools) = try await fifeSchools(app)
            let user = try await makeUser(app, email: "ana@school.sch.uk", role: .technician, organisationID: fife)
            let me = Browser(app)
            _ = try await me.signIn("ana@school.sch.uk")
            let page = try await me.get("/me/account")
            #expect(page.text.contains("id=\"schools-form\"") && page.text.contains("Dunfermline Academy (secondary)"))

            let two = schools.prefix(2).map { ("schools", $0.id.uuidString) }
            #expect(try await me.post("/me/account/schools", form: Array(two), includeCSRF: false).status == .forbidden)
            let unknown = try await me.post("/me/account/schools", form: [("schools", UUID().uuidString)])
            #expect(unknown.status == .unprocessableEntity && unknown.text.contains("Choose schools from the list"))
            #expect(try await SchoolStore.of(person: user.requireID(), on: app.db).isEmpty, "nothing saved yet")

            #expect(try await me.post("/me/account/schools", form: Array(two)).status == .seeOther)
            #expect(Set(try await SchoolStore.of(person: user.requireID(), on: app.db).map(\.id)) == Set(schools.prefix(2).map(\.id)))
            let audit = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "account.schools_chosen").first())
            #expect(audit.actorID == user.id && audit.details.contains(schools[0].name))
            let after = try await me.get("/me/account")
            #expect(after.text.contains("value=\"\(schools[0].id.uuidString)\" checked"))

            // Through the API: the same rule, a list back.
            let token = try await Tokens.issue(for: user, on: app.db)
            let put = try await app.testing().sendRequest(.PUT, "/api/v1/me/schools", headers: .json(bearer: token),
                                                         body: jsonBody(["schoolIds": [schools[2].id.uuidString]]))
            #expect(put.status == .ok)
            #expect(try put.json()["total"] as? Int == 1)
            let tooMany = try await app.testing().sendRequest(.PUT, "/api/v1/me/schools", headers: .json(bearer: token),
                                                             body: jsonBody(["schoolIds": try await SchoolStore.list(organisationID: nil, on: app.db)
                                                                 .prefix(SchoolRules.mostPerPerson + 1).map(\.id.uuidString)]))
            #expect([400, 422].contains(tooMany.status.code))
            #expect(try await SchoolStore.of(person: user.requireID(), on: app.db).map(\.id) == [schools[2].id], "unchanged")
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me/schools").status == .unauthorized)
        }
    }

    @Test func staffDoNotNameSchoolsAndAnErasedPersonsSchoolsGo() async throws {
        try await withPrepRoom(seed: true) { app in
            let (fife, schools) = try await fifeSchools(app)
            let admin = try await makeUser(app, email: "course-admin@sserc.example", role: .courseAdmin)
            let token = try await Tokens.issue(for: admin, on: app.db)
            let refused = try await app.testing().sendRequest(.PUT, "/api/v1/me/schools", headers: .json(bearer: token),
                                                             body: jsonBody(["schoolIds": [schools[0].id.uuidString]]))
            #expect(refused.status == .forbidden)
            let staff = Browser(app)
            _ = try await staff.signIn("course-admin@sserc.example")
            #expect(!(try await staff.get("/me/account").text.contains("schools-form")))

            let teacher = try await makeUser(app, email: "teacher@school.sch.uk", role: .teacher, organisationID: fife)
            try await Accounts(app).chooseSchools([schools[0].id], for: teacher)
            let links = Links(base: "https://preproom.example")
            let export = try await Privacy(db: app.db, links: links).export(teacher)
            let section = try #require(export.sections.first { $0.key == "schools" })
            #expect(section.records.count == 1)
            try await makeUser(app, email: "admin@sserc.example", role: .admin)
            _ = try await Privacy(db: app.db, links: links).erase(teacher, by: nil, reason: "left")
            #expect(try await SchoolMembership.query(on: app.db).count() == 0)
        }
    }

    /// The government's list: a dry run first; a file with any bad row writes nothing; the
    /// import adds new schools, changes those whose details changed, and says so.
    @Test func theGovernmentsListIsImportedOnlyWhenEveryRowIsRight() async throws {
        try await withPrepRoom(seed: true) { app in
            let before = try await School.query(on: app.db).count()
            let good = """
            Seed Code,School Name,LA Name,School Type,Roll
            5244439,Woodmill High School,Fife,Secondary,1400
            8244455,Pitreavie Primary School,Fife,Primary,300
            5104120,Aberdeen Grammar Academy,Aberdeen City,Secondary,1100
            5114120,Inverurie Academy,Aberdeenshire,Secondary,1200
            """
            let bad = good + "\n524443,Short,Fife,Secondary,1\nCumbria school code,,Cumbria,Secondary,2\n"
            let register = SchoolRegister(db: app.db)

            let refused = try await register.importList(bad, dryRun: false)
            #expect(!refused.written && refused.problems.map(\.line) == [6, 7])
            #expect(try await School.query(on: app.db).count() == before, "a bad row: nothing written")

            let dry = try await register.importList(good, dryRun: true)
            #expect(dry.added.count == 2 && dry.updated == ["5104120 Aberdeen Grammar Academy"] && dry.unchanged == 1 && !dry.written)
            #expect(try await School.query(on: app.db).count() == before, "a dry run changes nothing")

            let done = try await register.importList(good, dryRun: false)
            #expect(done.written && done.added.count == 2 && done.updated.count == 1)
            #expect(try await School.query(on: app.db).count() == before + 2)
            #expect(try await School.query(on: app.db).filter(\.$seedCode == "5104120").first()?.name == "Aberdeen Grammar Academy")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "schools.imported").first()?.details == "2 added, 1 updated, 1 unchanged")
            let again = try await register.importList(good, dryRun: false)
            #expect(!again.written && again.unchanged == 4, "the same file twice changes nothing")
        }
    }

    /// A person may name their school when they register, from the authority they chose.
    @Test func aSchoolNamedAtRegistrationMustBeOfTheAuthorityChosen() async throws {
        try await withPrepRoom(seed: true) { app in
            let (fife, schools) = try await fifeSchools(app)
            let angus = try #require(try await OrganisationStore.named("Angus Council", on: app.db))
            let visitor = Browser(app)
            let form = try await visitor.get("/register")
            #expect(form.text.contains("<optgroup label=\"Fife Council\">") && form.text.contains(">Dunfermline Academy</option>"))
            func register(_ email: String, organisation: UUID, school: String) async throws -> TestingHTTPResponse {
                try await visitor.post("/register", form: [("name", "New Technician"), ("email", email), ("password", "pipette burette flask"),
                                                           ("roles", "technician"), ("organisationId", organisation.uuidString), ("schoolId", school)])
            }
            let wrong = try await register("wrong@school.sch.uk", organisation: try angus.requireID(), school: schools[0].id.uuidString)
            #expect(wrong.status == .unprocessableEntity && wrong.text.contains("Choose a school of the local authority or member body you chose"))
            #expect(try await register("junk@school.sch.uk", organisation: fife, school: "not-an-id").status == .unprocessableEntity)
            #expect(try await UserStore.find(email: "wrong@school.sch.uk", on: app.db) == nil, "nothing created")

            #expect(try await register("right@school.sch.uk", organisation: fife, school: schools[0].id.uuidString).status == .ok)
            let user = try #require(try await UserStore.find(email: "right@school.sch.uk", on: app.db))
            #expect(user.status == .pending)
            #expect(try await SchoolStore.of(person: user.requireID(), on: app.db).map(\.id) == [schools[0].id])

            let api = try await app.testing().sendRequest(.POST, "/api/v1/registrations", headers: ["Content-Type": "application/json"],
                                                         body: jsonBody(["email": "api@school.sch.uk", "name": "Api Technician", "password": "pipette burette flask",
                                                                         "organisationId": fife.uuidString, "schoolId": schools[1].id.uuidString]))
            #expect(api.status == .accepted)
            let viaAPI = try #require(try await UserStore.find(email: "api@school.sch.uk", on: app.db))
            #expect(try await SchoolStore.of(person: viaAPI.requireID(), on: app.db).map(\.id) == [schools[1].id])
        }
    }
}
