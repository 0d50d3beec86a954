import Foundation

/// The demo data, taken from the source texts in `shared/seeds/` (SSERC newsletters and
/// the 2021/22 annual report). Values the texts do not give are filled as the service
/// plausibly would and carry a trailing `// assumed` comment where they are written.
///
/// The parts live in neighbouring files: DemoOrganisations.swift (local authorities,
/// member bodies, Accredited Centres), DemoTechnicianCourses.swift and
/// DemoOtherCourses.swift (the catalogue), DemoPastRuns.swift and DemoUpcomingRuns.swift
/// (the calendar), and this file (the strategy objectives and the small builders the
/// run lists share).
public enum DemoData {
    /// The technicians workstream of the strategy tracker, worded as Figure 1 of the
    /// 2024 CEO introduction words it.
    public static let objectives: [ObjectiveFacts] = {
        let workstream = "Technicians"
        let lead = "Alastair MacGregor and Alan Purves"
        func objective(_ code: String, _ title: String, _ horizon: Horizon, _ status: ObjectiveStatus) -> ObjectiveFacts {
            ObjectiveFacts(code: code, workstream: workstream, title: title, lead: lead, horizon: horizon, status: status)
        }
        return [
            // Figure 1 ends T1 with a stray comma; it is left off here.
            objective("T1", "Review the current technician professional learning portfolio and develop new programmes as required", .mediumTerm, .onTrack),
            objective("T2", "Deliver a range of twilight Technician SSERC Meets professional learning sessions", .mediumTerm, .onTrack),
            objective("T3", "Continue to promote Techne as the professional collaborative network for schools and college technicians", .mediumTerm, .onTrack),
            objective("T4", "Continue to support the Scottish Technicians' Advisory Council", .mediumTerm, .onTrack),
            objective("T5", "Continue to publish the School STEM Technician digital publication", .mediumTerm, .onTrack),
            objective("T6", "Develop a school technician leadership development programme", .mediumTerm, .onTrack),
            objective("T7", "Seek to engage with partner organisations that can support school and college technician professional learning", .mediumTerm, .onTrack),
            objective("T8", "Develop new guidance, procedures and protocols to support technician activity.", .mediumTerm, .onTrack),
            objective("T9", "Promote the work and achievements of Scottish school technicians in the rest of the UK", .mediumTerm, .started),
            objective("T10", "Develop a National School Technician Diploma with SCQF Credit and Levelled provision.", .longTerm, .notStarted),
        ]
    }()

    /// Every run, oldest first: the 2021/22 and 2022/23 courses of the annual report, the
    /// 2024 technician calendar, then the upcoming runs that keep the demo calendar alive.
    /// "In 2019 SSERC established an Accredited Centre programme": the operating centres'
    /// approval for the 12 centre-deliverable courses dates from then (the day is assumed).
    public static let centreProgrammeStart = ServiceTime.london(2019, 8, 1)
    /// When the 4 potential centres asked for application forms (assumed: the report's year).
    public static let applicationsReceived = ServiceTime.london(2022, 6, 1)

    /// Every run as the demo holds it when loaded on `today`: the dated history, then the
    /// upcoming calendar moved on to start after `today` (`upcomingRuns(loadedOn:)`).
    public static func runs(loadedOn today: Date = Date()) -> [DemoRun] {
        (pastRuns + upcomingRuns(loadedOn: today)).sorted { ($0.plan.startsAt ?? .distantPast) < ($1.plan.startsAt ?? .distantPast) }
    }

    public static var runs: [DemoRun] { runs() }
}

// MARK: - Builders shared by the run lists

extension DemoData {
    /// The service's own base, as the 2024 technician calendar names it. (The annual
    /// report's footer gives the postal address as 1-3 Pitreavie Court.)
    static let ssercBase = "SSERC, 2 Pitreavie Court, Dunfermline"

    /// One session a day on `count` consecutive days from the given date, each from
    /// `start` to `end` London wall-clock time (the texts' "all-day" is a 09:30–15:30 day).
    static func daily(
        _ year: Int, _ month: Int, _ day: Int, days count: Int = 1,
        start: (hour: Int, minute: Int) = (9, 30), end: (hour: Int, minute: Int) = (15, 30)
    ) -> [SessionTimes] {
        let calendar = ServiceTime.calendar
        let first = ServiceTime.london(year, month, day, 12)
        return (0..<count).map { offset in
            let date = calendar.date(byAdding: .day, value: offset, to: first)!
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            return SessionTimes(
                start: ServiceTime.london(parts.year!, parts.month!, parts.day!, start.hour, start.minute),
                end: ServiceTime.london(parts.year!, parts.month!, parts.day!, end.hour, end.minute)
            )
        }
    }

    /// A series of one-hour twilight sessions, 16:00–17:00 London time, as SSERC Meets run.
    static func twilights(_ dates: [(year: Int, month: Int, day: Int)]) -> [SessionTimes] {
        dates.map { date in
            SessionTimes(start: ServiceTime.london(date.year, date.month, date.day, 16, 0),
                         end: ServiceTime.london(date.year, date.month, date.day, 17, 0))
        }
    }

    /// Booking closes a week before the first session starts.
    static func weekBefore(_ sessions: [SessionTimes]) -> Date {
        let first = sessions.map(\.start).min()!
        return ServiceTime.calendar.date(byAdding: .day, value: -7, to: first)!
    }

    /// Where a centre delivers: the venue the centre list gives it.
    static func venue(ofCentre name: String) -> String {
        centres.first { $0.name == name }?.venue ?? name
    }
}
