import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// A course in the API (API.md: code, title, subject, format, durationDays, certificated,
/// scqfLevel, scqfCredits, validityMonths, refresherOf, and more).
struct CourseDTO: Content {
    var code: String
    var title: String
    var summary: String
    var covers: [String]
    var subject: Subject
    var audiences: [Audience]
    var format: CourseFormat
    var durationDays: Double
    var assessed: Bool
    var certificated: Bool
    var scqfLevel: Int?
    var scqfCredits: Int?
    var validityMonths: Int?
    var refresherOf: String?
    var competence: String?
    var centreDeliverable: Bool

    /// Every field is written, with `null` for an absent value, so clients see the full shape.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code); try container.encode(title, forKey: .title)
        try container.encode(summary, forKey: .summary); try container.encode(covers, forKey: .covers)
        try container.encode(subject, forKey: .subject); try container.encode(audiences, forKey: .audiences)
        try container.encode(format, forKey: .format); try container.encode(durationDays, forKey: .durationDays)
        try container.encode(assessed, forKey: .assessed); try container.encode(certificated, forKey: .certificated)
        try container.encode(scqfLevel, forKey: .scqfLevel); try container.encode(scqfCredits, forKey: .scqfCredits)
        try container.encode(validityMonths, forKey: .validityMonths); try container.encode(refresherOf, forKey: .refresherOf)
        try container.encode(competence, forKey: .competence); try container.encode(centreDeliverable, forKey: .centreDeliverable)
    }

    init(_ course: Course) { self.init(course.facts) }

    init(_ facts: CourseFacts) {
        code = facts.code; title = facts.title; summary = facts.summary; covers = facts.covers
        subject = facts.subject; audiences = facts.audiences; format = facts.format
        durationDays = facts.durationDays; assessed = facts.assessed; certificated = facts.certificated
        scqfLevel = facts.scqfLevel; scqfCredits = facts.scqfCredits; validityMonths = facts.validityMonths
        refresherOf = facts.refresherOf; competence = facts.competence; centreDeliverable = facts.centreDeliverable
    }

    var facts: CourseFacts {
        CourseFacts(code: code, title: title, summary: summary, covers: covers, subject: subject, audiences: audiences,
                    format: format, durationDays: durationDays, assessed: assessed, certificated: certificated,
                    scqfLevel: scqfLevel, scqfCredits: scqfCredits, validityMonths: validityMonths,
                    refresherOf: refresherOf, competence: competence, centreDeliverable: centreDeliverable)
    }
}

/// A course with its upcoming runs, for `GET /api/v1/courses/{code}`.
struct CourseDetailDTO: Content {
    var course: CourseDTO
    var upcomingRuns: [RunDTO]

    func encode(to encoder: any Encoder) throws {
        try course.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(upcomingRuns, forKey: .upcomingRuns)
    }
    init(course: CourseDTO, upcomingRuns: [RunDTO]) { self.course = course; self.upcomingRuns = upcomingRuns }
    init(from decoder: any Decoder) throws {
        course = try CourseDTO(from: decoder)
        upcomingRuns = try decoder.container(keyedBy: Keys.self).decode([RunDTO].self, forKey: .upcomingRuns)
    }
    enum Keys: String, CodingKey { case upcomingRuns }
}
