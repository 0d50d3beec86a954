import Foundation
import PrepRoomCore
import PrepRoomStore

/// A run's facts and calendar file, for the messages about it.
extension Links {
    /// Requires the run's course and sessions loaded.
    package func facts(_ run: Run) -> Notices.RunFacts { facts(RunForBooking(run)) }
    package func calendar(_ run: Run) -> String { calendar(RunForBooking(run)) }

    package func facts(_ run: RunForBooking) -> Notices.RunFacts {
        Notices.RunFacts(courseTitle: run.courseTitle, dates: RunDates.text(run.sessions, startsAt: run.state.startsAt),
                         place: run.whereText, url: absolute(.run(run.id)))
    }

    package func calendar(_ run: RunForBooking) -> String {
        ICalendar.feed(name: run.courseTitle, events: run.sessions.enumerated().map { position, session in
            ICalendar.Event(uid: "\(run.id.uuidString)-\(position)@preproom", start: session.start, end: session.end,
                            summary: run.courseTitle, location: run.venue ?? run.onlineLink, url: absolute(.run(run.id)))
        }, stamp: Date())
    }
}
