import PrepRoomCore
import PrepRoomStore
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

    init(_ course: Course) {
        code = course.code; title = course.title; summary = course.summary; covers = course.covers
        subject = course.subject; audiences = course.audiences; format = course.format
        durationDays = course.durationDays; assessed = course.assessed; certificated = course.certificated
        scqfLevel = course.scqfLevel; scqfCredits = course.scqfCredits; validityMonths = course.validityMonths
        refresherOf = course.refresherOf; competence = course.competence; centreDeliverable = course.centreDeliverable
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

struct ListDTO<Item: Content>: Content {
    var items: [Item]
    var total: Int
}
