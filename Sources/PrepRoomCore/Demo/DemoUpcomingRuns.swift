import Foundation

extension DemoData {
    /// Booking for the winter and spring runs opened on 1 November 2026; the summer-term
    /// runs open on 1 February 2027, so the demo shows both an open and a not-yet-open window.
    static let winterBookingOpens = ServiceTime.london(2026, 11, 1, 9, 0) // assumed
    static let summerBookingOpens = ServiceTime.london(2027, 2, 1, 9, 0) // assumed

    /// A run still to come: booking opens on the given day and closes a week before the
    /// first session. Without a centre it is at the service's own base.
    static func upcoming(
        _ code: String, capacity: Int, _ sessions: [SessionTimes],
        centre: String? = nil, onlineLink: String? = nil, opens: Date = winterBookingOpens, notes: String? = nil
    ) -> DemoRun {
        let place: String? = onlineLink != nil ? nil : (centre.map { venue(ofCentre: $0) } ?? ssercBase)
        return DemoRun(RunPlan(courseCode: code, capacity: capacity, venue: place, onlineLink: onlineLink,
                               sessions: sessions, bookingOpensAt: opens, bookingClosesAt: weekBefore(sessions),
                               notes: notes),
                       centre: centre)
    }

    /// The day the calendar below was drawn up for: its runs start from the second week
    /// after it.
    static let calendarDrawnUpFor = ServiceTime.london(2026, 11, 23)

    /// The upcoming calendar as it stands on the day the demo is loaded: the template below
    /// moved on by whole weeks (so weekdays, times and the gaps between runs stay as they
    /// are), so a demo loaded next year still has runs to book and one window not yet open.
    static func upcomingRuns(loadedOn today: Date) -> [DemoRun] {
        let days = ServiceTime.calendar.dateComponents([.day], from: calendarDrawnUpFor, to: today).day ?? 0
        let weeks = max(0, days / 7)
        guard weeks > 0 else { return upcomingTemplate }
        func moved(_ date: Date) -> Date { ServiceTime.calendar.date(byAdding: .day, value: weeks * 7, to: date) ?? date }
        return upcomingTemplate.map { run in
            var plan = run.plan
            plan.sessions = plan.sessions.map { SessionTimes(start: moved($0.start), end: moved($0.end)) }
            plan.bookingOpensAt = plan.bookingOpensAt.map(moved)
            plan.bookingClosesAt = plan.bookingClosesAt.map(moved)
            return DemoRun(plan, centre: run.centre)
        }
    }

    /// The technician calendar from December 2026 to June 2027, as drawn up on
    /// 23 November 2026. None of these dates is in the texts: all are assumed, spread
    /// over school weeks clear of the Christmas, February, Easter and May holidays.
    static let upcomingTemplate: [DemoRun] = [
        upcoming("chemical-handling", capacity: 16, daily(2026, 12, 8, days: 2)),
        upcoming("safe-use-of-fixed-workshop-machinery-refresher", capacity: 12, daily(2026, 12, 10)),
        upcoming("introductory-physics", capacity: 16, daily(2027, 1, 13, days: 2)),
        upcoming("electrical-safety-and-pat", capacity: 12, daily(2027, 1, 19, days: 2)),
        upcoming("technician-sserc-meets", capacity: 30,
                 twilights([(2027, 1, 28), (2027, 2, 25), (2027, 3, 25), (2027, 4, 29), (2027, 5, 27)]),
                 onlineLink: "https://www.sserc.scot/meets/technicians-2027", // assumed
                 notes: "Five twilight sessions; themes suggested by technicians. Send ideas to alan.purves@sserc.scot."),
        upcoming("safe-use-of-fixed-workshop-machinery", capacity: 12, daily(2027, 2, 10, days: 2)),
        upcoming("intermediate-physics", capacity: 16, daily(2027, 2, 24, days: 2)),
        upcoming("chemical-handling", capacity: 12, daily(2027, 3, 2, days: 2), centre: "North East Scotland College"),
        upcoming("working-with-radioactive-sources", capacity: 12, daily(2027, 3, 11)),
        upcoming("safe-use-of-fixed-workshop-machinery", capacity: 10, daily(2027, 3, 16, days: 2), centre: "Forth Valley College"),
        upcoming("microbiology-level-3", capacity: 12, daily(2027, 4, 20, days: 2), opens: summerBookingOpens),
        upcoming("electrical-safety-and-pat", capacity: 12, daily(2027, 4, 27, days: 2), centre: "South Ayrshire Council",
                 opens: summerBookingOpens),
        upcoming("maintenance-of-fixed-workshop-machinery", capacity: 12, daily(2027, 5, 5, days: 2), opens: summerBookingOpens),
        upcoming("glass-work", capacity: 12, daily(2027, 5, 19), opens: summerBookingOpens),
        upcoming("soldering", capacity: 12, daily(2027, 5, 20), opens: summerBookingOpens),
        upcoming("chemical-handling", capacity: 16, daily(2027, 6, 2, days: 2), opens: summerBookingOpens),
        upcoming("safe-operation-training-for-bandsaw-pillar-drill-and-bandfacer", capacity: 8, daily(2027, 6, 8, days: 2),
                 opens: summerBookingOpens, notes: "First run of the new course."),
        upcoming("safe-use-of-fixed-workshop-machinery-refresher", capacity: 12, daily(2027, 6, 16), opens: summerBookingOpens),
    ]
}
