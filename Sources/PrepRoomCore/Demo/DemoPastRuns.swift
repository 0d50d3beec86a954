extension DemoData {
    /// Runs that have happened: the 2021/22 Advanced Higher Chemistry course, the
    /// 2022/23 secondary courses of the annual report's table, and the 2024 technician
    /// calendar of the training-day newsletter.
    static let pastRuns: [DemoRun] = runs2021to23 + technicianCalendar2024

    /// "Chemistry for Advanced Higher: 16 delegates attended for 2 days" (2021/22), and
    /// the new 2022/23 courses with the spaces the table states. The dates are not in
    /// the texts: they are spread plausibly over the school year.
    static let runs2021to23: [DemoRun] = {
        let bge = "bge-biology-chemistry-physics-for-non-specialists"
        let probationers = "science-probationers-residential"
        // Residential days: 10:00–17:00 on day one, 09:00–15:30 on day two.
        func residential(_ y: Int, _ m: Int, _ d: Int) -> [SessionTimes] { // assumed times
            let days = daily(y, m, d, days: 2)
            return [SessionTimes(start: days[0].start.addingTimeInterval(30 * 60), end: days[0].end.addingTimeInterval(90 * 60)),
                    SessionTimes(start: days[1].start.addingTimeInterval(-30 * 60), end: days[1].end)]
        }
        return [
            DemoRun(RunPlan(courseCode: "chemistry-for-advanced-higher", capacity: 16, venue: ssercBase,
                            sessions: daily(2022, 3, 15, days: 2), // assumed
                            notes: "16 delegates attended for 2 days.")),

            DemoRun(RunPlan(courseCode: bge, capacity: 16, venue: ssercBase,
                            sessions: daily(2022, 9, 27, days: 2), cohort: "Cohort 1 of 3")), // assumed dates
            DemoRun(RunPlan(courseCode: bge, capacity: 16, venue: ssercBase,
                            sessions: daily(2023, 1, 24, days: 2), cohort: "Cohort 2 of 3")), // assumed dates
            DemoRun(RunPlan(courseCode: bge, capacity: 16, venue: ssercBase,
                            sessions: daily(2023, 3, 14, days: 2), cohort: "Cohort 3 of 3")), // assumed dates

            DemoRun(RunPlan(courseCode: probationers, capacity: 30, venue: ssercBase,
                            sessions: residential(2022, 10, 4), cohort: "Cohort 1 of 5")), // assumed dates
            DemoRun(RunPlan(courseCode: probationers, capacity: 30, venue: ssercBase,
                            sessions: residential(2022, 11, 15), cohort: "Cohort 2 of 5")), // assumed dates
            DemoRun(RunPlan(courseCode: probationers, capacity: 30, venue: ssercBase,
                            sessions: residential(2023, 1, 17), cohort: "Cohort 3 of 5")), // assumed dates
            DemoRun(RunPlan(courseCode: probationers, capacity: 30, venue: ssercBase,
                            sessions: residential(2023, 2, 21), cohort: "Cohort 4 of 5")), // assumed dates
            DemoRun(RunPlan(courseCode: probationers, capacity: 30, venue: ssercBase,
                            sessions: residential(2023, 3, 21), cohort: "Cohort 5 of 5")), // assumed dates
            DemoRun(RunPlan(courseCode: "technical-probationers-residential", capacity: 12, venue: ssercBase,
                            sessions: residential(2022, 11, 29))), // assumed dates

            DemoRun(RunPlan(courseCode: "biology-sserc-meets", capacity: 20,
                            onlineLink: "https://www.sserc.scot/meets/biology-2022-23", // assumed
                            sessions: twilights([(2022, 10, 4), (2022, 11, 1), (2022, 12, 6), (2023, 2, 7), (2023, 3, 7)]), // assumed dates
                            notes: "A series of 5 twilight sessions with invited guest experts.")),
            DemoRun(RunPlan(courseCode: "microscale-sserc-meets", capacity: 20,
                            onlineLink: "https://www.sserc.scot/meets/microscale-2022-23", // assumed
                            sessions: twilights([(2022, 10, 5), (2022, 11, 2), (2022, 12, 7), (2023, 2, 8), (2023, 3, 8)]))), // assumed: 5 sessions and dates
            DemoRun(RunPlan(courseCode: "technician-sserc-meets", capacity: 30, // assumed
                            onlineLink: "https://www.sserc.scot/meets/technicians-2022-23", // assumed
                            sessions: twilights([(2022, 10, 6), (2022, 11, 3), (2022, 12, 8), (2023, 2, 9), (2023, 3, 9)]))), // assumed dates

            DemoRun(RunPlan(courseCode: "investigations-for-advanced-higher-biology", capacity: 16, venue: ssercBase,
                            sessions: daily(2022, 11, 8, days: 3))), // assumed dates
            DemoRun(RunPlan(courseCode: "using-r-in-the-stem-classroom", capacity: 12, venue: ssercBase,
                            sessions: daily(2022, 11, 23))), // assumed date
            DemoRun(RunPlan(courseCode: "higher-and-advanced-higher-physics", capacity: 12, venue: ssercBase,
                            sessions: daily(2023, 1, 31, days: 2))), // assumed dates
            DemoRun(RunPlan(courseCode: "techniques-for-senior-phase-biologists", capacity: 16, venue: ssercBase,
                            sessions: daily(2023, 2, 28, days: 2))), // assumed dates
        ]
    }()

    /// "Technician Professional Learning" in the 2024 training-day newsletter: each
    /// all-day entry is one 09:30–15:30 session a day at the Dunfermline base.
    /// Capacities are not in the texts: 12 where machines or test kit limit places,
    /// 16 otherwise.
    static let technicianCalendar2024: [DemoRun] = [
        DemoRun(RunPlan(courseCode: "safe-use-of-fixed-workshop-machinery-refresher", capacity: 12, // assumed
                        venue: ssercBase, sessions: daily(2024, 6, 5))),
        DemoRun(RunPlan(courseCode: "chemical-handling", capacity: 16, // assumed
                        venue: ssercBase, sessions: daily(2024, 9, 3, days: 2))),
        DemoRun(RunPlan(courseCode: "electrical-safety-and-pat", capacity: 12, // assumed
                        venue: ssercBase, sessions: daily(2024, 9, 5, days: 2))),
        DemoRun(RunPlan(courseCode: "safe-use-of-fixed-workshop-machinery", capacity: 12, // assumed
                        venue: ssercBase, sessions: daily(2024, 9, 11, days: 2))),
        DemoRun(RunPlan(courseCode: "intermediate-physics", capacity: 16, // assumed
                        venue: ssercBase, sessions: daily(2024, 11, 20, days: 2))),
        DemoRun(RunPlan(courseCode: "safe-use-of-fixed-workshop-machinery-refresher", capacity: 12, // assumed
                        venue: ssercBase, sessions: daily(2024, 12, 11))),
        // "Mar 5 @ 12:00 am – Mar 7 @ 12:00 am": two whole days, 5 and 6 March 2025.
        DemoRun(RunPlan(courseCode: "maintenance-of-fixed-workshop-machinery", capacity: 12, // assumed
                        venue: ssercBase, sessions: daily(2025, 3, 5, days: 2))),
    ]
}
