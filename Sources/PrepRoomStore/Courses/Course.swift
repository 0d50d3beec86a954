import Fluent
import Foundation
import PrepRoomCore

/// A catalogue entry. `code` is its clean URL key and its id in the API.
public final class Course: Model, @unchecked Sendable {
    public static let schema = "courses"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "title") public var title: String
    @Field(key: "summary") public var summary: String
    /// What the course covers, one item per line.
    @Field(key: "covers") public var coversText: String
    @Enum(key: "subject") public var subject: Subject
    /// Comma-separated audience names; read through `audiences`.
    @Field(key: "audiences") public var audienceList: String
    @Enum(key: "format") public var format: CourseFormat
    @Field(key: "duration_days") public var durationDays: Double
    @Field(key: "assessed") public var assessed: Bool
    @Field(key: "certificated") public var certificated: Bool
    @OptionalField(key: "scqf_level") public var scqfLevel: Int?
    @OptionalField(key: "scqf_credits") public var scqfCredits: Int?
    @OptionalField(key: "validity_months") public var validityMonths: Int?
    /// The code of the course this one refreshes.
    @OptionalField(key: "refresher_of") public var refresherOf: String?
    @OptionalField(key: "competence") public var competence: String?
    @Field(key: "centre_deliverable") public var centreDeliverable: Bool
    /// Lower-cased title and summary: `LIKE` on it matches the same way on both engines
    /// (PostgreSQL's `LIKE` is case-sensitive, SQLite's is not).
    @Field(key: "search_text") public var searchText: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $code, $title, $summary, $coversText, $subject, $audienceList, $format, $durationDays, $assessed, $certificated, $scqfLevel, $scqfCredits, $validityMonths, $refresherOf, $competence, $centreDeliverable, $searchText, $createdAt, $updatedAt] }

    public init() {}

    public convenience init(_ facts: CourseFacts) {
        self.init()
        apply(facts)
    }

    public func apply(_ facts: CourseFacts) {
        code = facts.code; title = facts.title; summary = facts.summary
        coversText = facts.covers.joined(separator: "\n")
        subject = facts.subject
        audienceList = facts.audiences.map(\.rawValue).joined(separator: ",")
        format = facts.format; durationDays = facts.durationDays; assessed = facts.assessed
        certificated = facts.certificated; scqfLevel = facts.scqfLevel; scqfCredits = facts.scqfCredits
        validityMonths = facts.validityMonths; refresherOf = facts.refresherOf; competence = facts.competence
        centreDeliverable = facts.centreDeliverable
        searchText = (facts.title + " " + facts.summary + " " + facts.code).lowercased()
    }

    public var audiences: [Audience] { audienceList.split(separator: ",").compactMap { Audience(rawValue: String($0)) } }
    public var covers: [String] { coversText.split(separator: "\n").map(String.init) }

    public var facts: CourseFacts {
        CourseFacts(code: code, title: title, summary: summary, covers: covers, subject: subject,
                    audiences: audiences, format: format, durationDays: durationDays, assessed: assessed,
                    certificated: certificated, scqfLevel: scqfLevel, scqfCredits: scqfCredits,
                    validityMonths: validityMonths, refresherOf: refresherOf, competence: competence,
                    centreDeliverable: centreDeliverable)
    }
}
