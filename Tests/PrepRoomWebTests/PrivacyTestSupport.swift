import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// A technician with something in every area that holds a person's data, made through the
/// service's own routes: an account renamed once, sign-ins (one failed), a token, a
/// password reset link, a completed course with its attendance, result and certificate, a
/// questionnaire answered in their own words, a CPD entry, equality answers, a place on an
/// upcoming full run with someone waiting behind them, and the emails all of that sent.
struct PrivacyFixture {
    static let name = "Morag Quennell-Fictional"
    static let email = "morag.quennell@school.sch.uk"
    static let password = "correct horse battery"

    let app: Application
    let person: User
    let bearer: String
    let adminToken: String
    let pastRun: Run
    let upcomingRun: Run
    let waiting: (user: User, token: String)
    let certificateNumber: String

    static func make(_ app: Application) async throws -> PrivacyFixture {
        let person = try await makeUser(app, email: email, role: .technician, password: password)
        try await Accounts(app).rename(person, to: name)
        let personToken = try await Tokens.issue(for: person, label: "Laptop", on: app.db)
        let browser = Browser(app)
        #expect(try await browser.signIn(email, password).status == .seeOther)
        // After the sign-in, which forgives the failures before it from the same place.
        let wrong = try await app.testing().sendRequest(.POST, "/api/v1/tokens", headers: .json,
                                                        body: jsonBody(["email": email, "password": "not the password"]))
        #expect(wrong.status == .unauthorized)
        let forgetful = Browser(app)
        try await forgetful.get("/forgot-password")
        #expect(try await forgetful.post("/forgot-password", form: [("email", email)]).status == .ok)

        let admin = try await token(app, role: .courseAdmin)
        let others = try await makeMembers(app, count: 2, prefix: "colleague")
        let pastRun = try await makeRun(app, capacity: 3)
        let booked = try await book(app, run: pastRun, token: personToken)
        let bookingID = try #require(try booked.json()["id"] as? String)
        _ = try await book(app, run: pastRun, token: others[0].token)
        let pre = try await submitEvaluation(app, booking: bookingID, step: .pre, token: personToken,
                                             values: try await evaluationAnswers(app, step: .pre, comment: "I am \(name), new to the prep room"))
        #expect(pre.status == .created, "\(pre.text)")
        let runID = try pastRun.requireID()
        for session in 0..<2 {
            _ = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/attendance", headers: .json(bearer: admin),
                                                    body: jsonBody(["bookingId": bookingID, "session": session, "present": true]))
        }
        _ = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/results", headers: .json(bearer: admin),
                                                body: jsonBody(["bookingId": bookingID, "outcome": "passed"]))
        try await moveIntoThePast(app, run: pastRun)
        let closed = try await app.testing().sendRequest(.POST, "/api/v1/runs/\(runID)/close", headers: .bearer(admin))
        #expect(try closed.json()["certificatesIssued"] as? Int == 1, "\(closed.text)")
        let number = try #require(try await Certificate.query(on: app.db).filter(\.$user.$id == person.requireID()).first()?.number)

        let day = ServiceTime.isoDay(Date().addingTimeInterval(-20 * 86_400))
        let cpd = try await app.testing().sendRequest(.POST, "/api/v1/me/cpd", headers: .json(bearer: personToken), body: jsonBody([
            "kind": "observation", "title": "Fume cupboard <script>alert(1)</script> checks", "date": day, "hours": 2,
            "reflection": "Watched the annual test with our authority's engineer.",
        ]))
        #expect(cpd.status == .created, "\(cpd.text)")
        let equality = try await app.testing().sendRequest(.PUT, "/api/v1/me/equality", headers: .json(bearer: personToken),
                                                           body: jsonBody(["ageBand": "35 to 44", "sex": "Female"]))
        #expect(equality.status == .ok, "\(equality.text)")

        let upcomingRun = try await makeRun(app, course: "electrical-safety-and-pat", capacity: 1, days: 40)
        #expect(try await book(app, run: upcomingRun, token: personToken).status == .created)
        #expect(try await book(app, run: upcomingRun, token: others[1].token).status == .created)
        let stored = try #require(try await UserStore.find(person.requireID(), on: app.db))
        let adminToken = try await token(app, role: .admin, email: "admin@sserc.org.uk")
        return PrivacyFixture(app: app, person: stored, bearer: personToken, adminToken: adminToken,
                              pastRun: pastRun, upcomingRun: upcomingRun, waiting: others[1], certificateNumber: number)
    }
}

/// The files of a ZIP, read by Python's zipfile (not by our own writer's code), which also
/// checks every entry's CRC.
func unzip(_ bytes: [UInt8]) throws -> [String: String] {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("preproom-\(UUID().uuidString).zip")
    try Data(bytes).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", """
        import json, sys, zipfile
        z = zipfile.ZipFile(sys.argv[1])
        assert z.testzip() is None
        print(json.dumps({n: z.read(n).decode("utf-8") for n in z.namelist()}))
        """, file.path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "python3 could not read the ZIP")
    return (try JSONSerialization.jsonObject(with: data) as? [String: String]) ?? [:]
}

extension TestingHTTPResponse {
    var bytes: [UInt8] { Array(body.readableBytesView) }
}
