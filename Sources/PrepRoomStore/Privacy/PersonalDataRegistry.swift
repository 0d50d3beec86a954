import Foundation

/// Every area's personal data, in one place. A new table that holds a person's id (or
/// their name or address) belongs to an area here; a table that holds nothing about any
/// person is listed in `holdsNoPersonalData` with the reason. `PrivacyRegistryTests` reads
/// the live database and fails on a table in neither, so no area can forget.
public enum PersonalDataRegistry {
    /// In the order of the download; erasure runs them in the same order, in one transaction.
    public static let areas: [PersonalDataArea] = [
        .accounts, .schools, .bookings, .certificates, .cpd, .evaluation, .equality, .equipment, .community, .communityAttachments, .communityFollowing, .meetsTopics, .resources, .council, .emails, .audit, .staffRecords,
    ]

    public static let holdsNoPersonalData: [String: String] = [
        "_fluent_migrations": "Which migrations have run.",
        "organisations": "Local authorities and member bodies.",
        "schools": "The register of schools: seed codes, names, authorities.",
        "equipment_categories": "Kinds of equipment, their checks and intervals.",
        "equipment_check_documents": "Documents kept with equipment checks (reports, test sheets); the check says who recorded it.",
        "equipment_reminders": "Which due-date reminders went out for which item; the recipients are not kept.",
        "equipment_items": "Schools' equipment: descriptions, tags, due dates; the checks hold who did them.",
        "centre_venues": "Where centres deliver.",
        "courses": "The catalogue.",
        "runs": "Scheduled runs: dates, venues, places; its counters are totals.",
        "run_sessions": "The days of a run.",
        "run_totals": "Totals per run for reports, with no person in them.",
        "run_answer_totals": "Counts of questionnaire answers per run, with no person in them.",
        "schedule_revisions": "Counters that tell caches the schedule changed.",
        "report_revisions": "Counters that tell the report cache its records changed.",
        "objectives": "The strategy's objectives.",
        "community_categories": "Techné's discussion categories.",
        "resource_courses": "Which library resources go with which courses.",
        "search_entries": "A copy of posts and courses for the search, kept equal to them by triggers: erasing a person's posts rewrites it in the same transaction.",
        "community_fanout": "Posts whose followers are still to be told; the post says who wrote it.",
        "evaluation_questions": "The questionnaires' questions.",
        "rate_counters": "Requests per client address in the current minute or hour, for rate limits; each bucket lives one window.",
    ]

    /// Every table some area answers for.
    public static var personalTables: Set<String> { Set(areas.flatMap(\.tables)) }
}
