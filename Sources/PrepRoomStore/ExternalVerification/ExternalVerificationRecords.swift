import Fluent
import Foundation
import PrepRoomCore

/// One round of external verification of a centre's run (or the record that it was not
/// selected). A Not Accepted round is followed by a new round once the centre has
/// completed its actions.
public final class ExternalVerificationRound: Model, @unchecked Sendable {
    public static let schema = "run_verifications"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "run_id") public var run: Run
    @Parent(key: "centre_id") public var centre: Centre
    @Field(key: "round") public var round: Int
    @Enum(key: "status") public var status: ExternalVerificationStatus
    /// Comma-separated `ExternalVerificationReason`s; empty when not selected.
    @Field(key: "reasons") public var reasonsText: String
    /// The random draw's seed (a UInt64 written in decimal) and its value, so anyone can
    /// repeat the draw (`ExternalVerificationRules.draw`).
    @Field(key: "seed") public var seed: String
    @Field(key: "draw") public var draw: Double
    @Field(key: "sample_rate") public var sampleRate: Double
    @Field(key: "cohort_threshold") public var cohortThreshold: Int
    @Field(key: "cohort") public var cohort: Int
    @Field(key: "requested_at") public var requestedAt: Date
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @OptionalField(key: "decided_by") public var decidedBy: UUID?
    @OptionalField(key: "notes") public var notes: String?
    @OptionalField(key: "recommendations") public var recommendations: String?
    @OptionalField(key: "actions") public var actions: String?
    @OptionalField(key: "actions_completed_at") public var actionsCompletedAt: Date?
    @OptionalField(key: "actions_note") public var actionsNote: String?

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $run, $centre, $round, $status, $reasonsText, $seed, $draw, $sampleRate, $cohortThreshold, $cohort, $requestedAt, $decidedAt, $decidedBy, $notes, $recommendations, $actions, $actionsCompletedAt, $actionsNote] }

    public init() {}

    public var reasons: [ExternalVerificationReason] { Self.reasons(in: reasonsText) }

    /// The reasons as `reasons` stores them, comma-separated.
    public static func reasons(in text: String) -> [ExternalVerificationReason] {
        text.split(separator: ",").compactMap { ExternalVerificationReason(rawValue: String($0)) }
    }
}

/// Evidence for a verification: a note, or a document the centre or a verifier uploaded.
/// Documents live in the database, so every app instance serves them.
public final class ExternalVerificationEvidence: Model, @unchecked Sendable {
    public static let schema = "verification_evidence"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "run_id") public var run: Run
    @OptionalField(key: "author_id") public var authorID: UUID?
    @Field(key: "author_name") public var authorName: String
    @OptionalField(key: "note") public var note: String?
    @OptionalField(key: "filename") public var filename: String?
    @OptionalField(key: "content_type") public var contentType: String?
    @Field(key: "size") public var size: Int
    @OptionalField(key: "content") public var content: Data?
    @Field(key: "created_at") public var createdAt: Date

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $run, $authorID, $authorName, $note, $filename, $contentType, $size, $content, $createdAt] }

    public init() {}
}
