import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

@Suite("Capacity is held by the database")
struct BookingConcurrencyTests {
    /// 200 distinct people at once on a 16-place run, half through each of two app
    /// instances sharing the database: exactly 16 confirmed, the rest on the waiting list
    /// at positions 1...184 with no gaps or repeats.
    @Test func twoHundredConcurrentAttemptsNeverOverbook() async throws {
        try await withPrepRoom(seed: true) { app in
            let run = try await makeRun(app, capacity: 16)
            let members = try await makeMembers(app, count: 200)
            try await withSecondInstance(of: app) { second in
                let statuses = try await withThrowingTaskGroup(of: (HTTPStatus, String?, Int?).self) { group in
                    for (index, member) in members.enumerated() {
                        let instance = index % 2 == 0 ? app : second
                        group.addTask {
                            let response = try await book(instance, run: run, token: member.token)
                            let body = try response.json()
                            return (response.status, body["status"] as? String, body["waitlistPosition"] as? Int)
                        }
                    }
                    var all: [(HTTPStatus, String?, Int?)] = []
                    for try await result in group { all.append(result) }
                    return all
                }
                #expect(Set(statuses.compactMap(\.2)) == Set(1...184), "each person was told a distinct place, 1 to 184")
                #expect(statuses.allSatisfy { $0.0 == .created }, "every attempt is answered: \(Set(statuses.map { $0.0.code }))")
                #expect(statuses.filter { $0.1 == "confirmed" }.count == 16)
                #expect(statuses.filter { $0.1 == "waitlisted" }.count == 184)
            }
            let runID = try run.requireID()
            let confirmed = try await Booking.query(on: app.db).filter(\Booking.$run.$id == runID).filter(\Booking.$status == .confirmed).count()
            #expect(confirmed == 16)
            let positions = try await BookingStore.positions(runID: runID, on: app.db)
            #expect(Set(positions.values) == Set(1...184))
            let stored = try #require(try await Run.find(runID, on: app.db))
            #expect(stored.confirmedCount == 16)
            #expect(stored.waitlistCount == 184)
        }
    }

    /// Concurrent cancellations each free one place that goes to exactly one person.
    @Test func concurrentCancellationsPromoteInOrderWithoutDoubleCounting() async throws {
        try await withPrepRoom(seed: true) { app in
            let run = try await makeRun(app, capacity: 4)
            let members = try await makeMembers(app, count: 10)
            var ids: [String] = []
            for member in members {
                ids.append(try #require(try await book(app, run: run, token: member.token).json()["id"] as? String))
            }
            let bookingIDs = ids
            try await withSecondInstance(of: app) { second in
                try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                    for index in 0..<4 {
                        let instance = index % 2 == 0 ? app : second
                        group.addTask {
                            try await instance.testing().sendRequest(.DELETE, "/api/v1/bookings/\(bookingIDs[index])",
                                                                     headers: .bearer(members[index].token)).status
                        }
                    }
                    for try await status in group { #expect(status == .ok) }
                }
            }
            let runID = try run.requireID()
            let confirmed = try await Booking.query(on: app.db).filter(\Booking.$run.$id == runID).filter(\Booking.$status == .confirmed)
                .with(\Booking.$user).all()
            #expect(Set(confirmed.map(\.user.email)) == Set((4..<8).map { "member\($0)@school.sch.uk" }), "the first four in line")
            let positions = try await BookingStore.positions(runID: runID, on: app.db)
            #expect(Set(positions.values) == [1, 2])
            let stored = try #require(try await Run.find(runID, on: app.db))
            #expect(stored.confirmedCount == 4)
            #expect(stored.waitlistCount == 2)
        }
    }
}
