import Fluent
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// iCalendar feeds that calendar apps subscribe to: every run, or one course's runs.
/// They cover a year back so a subscriber's past entries do not vanish at once.
struct CalendarFeeds: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("calendar.ics", use: all)
        routes.get("courses", ":code", "runs.ics", use: course)
    }

    func all(req: Request) async throws -> Response {
        let runs = try await RunStore.between(Date().addingTimeInterval(-365 * 86_400), Date().addingTimeInterval(3 * 365 * 86_400), on: req.db)
        return feed(req, name: "PrepRoom courses", runs: runs)
    }

    func course(req: Request) async throws -> Response {
        let course = try await CourseAPI.course(req)
        let runs = try await RunStore.between(Date().addingTimeInterval(-365 * 86_400), Date().addingTimeInterval(3 * 365 * 86_400), on: req.db)
            .filter { $0.$course.id == course.id }
        return feed(req, name: "PrepRoom: \(course.title)", runs: runs)
    }

    private func feed(_ req: Request, name: String, runs: [Run]) -> Response {
        let base = Links(req).base
        let events = runs.flatMap { run in
            run.orderedSessions.map { session in
                ICalendar.Event(
                    uid: "\(run.id?.uuidString ?? "")-\(session.position)@preproom",
                    start: session.startsAt, end: session.endsAt,
                    summary: run.course.title + (run.orderedSessions.count > 1 ? " (day \(session.position + 1) of \(run.orderedSessions.count))" : ""),
                    location: run.venue ?? run.onlineLink,
                    description: "\(run.placesLeft) of \(run.capacity) places left. \(base + SiteURL.run(run.linkID).path)",
                    url: base + SiteURL.run(run.linkID).path,
                    cancelled: run.status == .cancelled)
            }
        }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: ICalendar.feed(name: name, events: events, stamp: Date())))
    }
}
