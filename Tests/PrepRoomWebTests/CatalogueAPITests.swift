import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("Catalogue API")
struct CatalogueAPITests {
    @Test func listsTheDemoCatalogueWithAPIFields() async throws {
        try await withPrepRoom(seed: true) { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/courses?limit=100")
            #expect(response.status == .ok)
            let body = try response.json()
            let items = try #require(body["items"] as? [[String: Any]])
            #expect(body["total"] as? Int == DemoData.courses.count)
            let chemical = try #require(items.first { $0["code"] as? String == "chemical-handling" })
            #expect(chemical["title"] as? String == "Chemical Handling")
            #expect(chemical["certificated"] as? Bool == true)
            for key in ["subject", "format", "durationDays", "scqfLevel", "scqfCredits", "validityMonths", "refresherOf"] {
                #expect(chemical.keys.contains(key), "missing \(key)")
            }
            let refresher = try #require(items.first { $0["code"] as? String == "safe-use-of-fixed-workshop-machinery-refresher" })
            #expect(refresher["refresherOf"] as? String == "safe-use-of-fixed-workshop-machinery")
        }
    }

    @Test func filtersAndSearchNarrowTheList() async throws {
        try await withPrepRoom(seed: true) { app in
            let search = try await app.testing().sendRequest(.GET, "/api/v1/courses?q=CHEMICAL%20handling").json()
            let codes = (search["items"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(codes.contains("chemical-handling"))
            #expect(!codes.contains("electrical-safety-and-pat"))

            let certificated = try await app.testing().sendRequest(.GET, "/api/v1/courses?certificated=true&limit=100").json()
            let items = certificated["items"] as? [[String: Any]] ?? []
            #expect(items.count >= 12)
            #expect(items.allSatisfy { $0["certificated"] as? Bool == true })

            let physics = try await app.testing().sendRequest(.GET, "/api/v1/courses?subject=physics&audience=technician&limit=100").json()
            let physicsItems = physics["items"] as? [[String: Any]] ?? []
            #expect(!physicsItems.isEmpty)
            #expect(physicsItems.allSatisfy { $0["subject"] as? String == "physics" && ($0["audiences"] as? [String] ?? []).contains("technician") })

            let paged = try await app.testing().sendRequest(.GET, "/api/v1/courses?limit=5&offset=5").json()
            #expect((paged["items"] as? [Any])?.count == 5)
            #expect(paged["total"] as? Int == DemoData.courses.count)

            let bad = try await app.testing().sendRequest(.GET, "/api/v1/courses?subject=alchemy")
            #expect(bad.status == .unprocessableEntity)
            #expect(try bad.apiError()["field"] as? String == "subject")
        }
    }

    @Test func unknownCourseOrRunIs404InJSON() async throws {
        try await withPrepRoom { app in
            let course = try await app.testing().sendRequest(.GET, "/api/v1/courses/no-such-course")
            #expect(course.status == .notFound)
            #expect(try course.apiError()["code"] as? String == "not_found")
            let run = try await app.testing().sendRequest(.GET, "/api/v1/runs/\(UUID().uuidString)")
            #expect(run.status == .notFound)
            let malformed = try await app.testing().sendRequest(.GET, "/api/v1/runs/not-a-uuid")
            #expect(malformed.status == .notFound)
        }
    }

    @Test func courseDetailCarriesUpcomingRunsWithPlacesLeft() async throws {
        try await withPrepRoom(seed: true) { app in
            let body = try await app.testing().sendRequest(.GET, "/api/v1/courses/chemical-handling").json()
            let runs = try #require(body["upcomingRuns"] as? [[String: Any]])
            #expect(!runs.isEmpty)
            for run in runs {
                #expect(run["placesLeft"] as? Int == run["capacity"] as? Int)
                #expect(run["courseCode"] as? String == "chemical-handling")
            }
            let listed = try await app.testing().sendRequest(.GET, "/api/v1/runs?course=chemical-handling&limit=100").json()
            let all = listed["items"] as? [[String: Any]] ?? []
            #expect(all.count > runs.count, "past runs are listed too")
            #expect(all.allSatisfy { $0["courseCode"] as? String == "chemical-handling" })
            let unknown = try await app.testing().sendRequest(.GET, "/api/v1/runs?course=nothing")
            #expect(unknown.status == .notFound)
        }
    }
}
