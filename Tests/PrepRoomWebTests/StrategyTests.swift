import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("The strategy tracker")
struct StrategyTests {
    @Test func aManagerMovesT9ToOnTrackWithANoteAndTheHistoryKeepsIt() async throws {
        try await withPrepRoom(seed: true) { app in
            let manager = try await token(app, role: .manager)
            let before = try await app.testing().sendRequest(.GET, "/api/v1/objectives/T9").json()
            #expect(before["status"] as? String == "started")
            let moved = try await app.testing().sendRequest(.POST, "/api/v1/objectives/T9/status", headers: .json(bearer: manager),
                                                            body: jsonBody(["status": "on_track", "note": "Article in the UK technicians' newsletter; talk at ASE."]))
            #expect(moved.status == .ok, "\(moved.text)")
            let history = try #require(try moved.json()["history"] as? [[String: Any]])
            #expect(history.map { $0["to"] as? String } == ["started", "on_track"])
            #expect(history.last?["from"] as? String == "started")
            #expect((history.last?["note"] as? String)?.contains("ASE") == true)
            let list = try await app.testing().sendRequest(.GET, "/api/v1/objectives").json()
            let t9 = try #require((list["items"] as? [[String: Any]])?.first { $0["code"] as? String == "T9" })
            #expect(t9["status"] as? String == "on_track")
            let page = try await app.testing().sendRequest(.GET, "/strategy")
            #expect(page.text.contains("/strategy/T9"))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "objective.status_changed").count() == 1)
        }
    }

    @Test func badChangesAreRefusedAndChangeNothing() async throws {
        try await withPrepRoom(seed: true) { app in
            let manager = try await token(app, role: .manager)
            let technician = try await token(app, role: .technician)
            let forbidden = try await app.testing().sendRequest(.POST, "/api/v1/objectives/T9/status", headers: .json(bearer: technician),
                                                                body: jsonBody(["status": "completed", "note": "Done"]))
            #expect(forbidden.status == .forbidden)
            let noNote = try await app.testing().sendRequest(.POST, "/api/v1/objectives/T9/status", headers: .json(bearer: manager),
                                                             body: jsonBody(["status": "completed", "note": " "]))
            #expect(noNote.status == .unprocessableEntity)
            #expect(try noNote.apiError()["field"] as? String == "note")
            let unknown = try await app.testing().sendRequest(.POST, "/api/v1/objectives/T9/status", headers: .json(bearer: manager),
                                                              body: jsonBody(["status": "finished", "note": "x"]))
            #expect(try unknown.apiError()["field"] as? String == "status")
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/objectives/T99/status", headers: .json(bearer: manager),
                                                        body: jsonBody(["status": "started", "note": "x"])).status == .notFound)
            let t9 = try #require(try await Objective.query(on: app.db).filter(\.$code == "T9").first())
            #expect(t9.status == .started)
            #expect(try await ObjectiveStatusChange.query(on: app.db).count() == 10, "one Figure 1 entry per objective, nothing more")
        }
    }

    @Test func aStaffOnlyObjectiveIsHiddenFromThePublic() async throws {
        try await withPrepRoom(seed: true) { app in
            let manager = try await token(app, role: .manager)
            let hidden = try await app.testing().sendRequest(.POST, "/api/v1/objectives/T10/visibility", headers: .json(bearer: manager),
                                                             body: jsonBody(["isPublic": false]))
            #expect(hidden.status == .ok)
            let publicList = try await app.testing().sendRequest(.GET, "/api/v1/objectives").json()
            #expect((publicList["items"] as? [[String: Any]])?.contains { $0["code"] as? String == "T10" } == false)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/objectives/T10").status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/objectives/T10", headers: .bearer(manager)).status == .ok)
            #expect(!(try await app.testing().sendRequest(.GET, "/strategy").text.contains("T10")))
        }
    }
}
