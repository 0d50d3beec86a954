import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// A person's optional equality answers, in a table of their own: no name, email or other
/// identity here, nothing joins it into a page about a person, it is deleted with the
/// account (cascade) or on request, and it is read only to count.
public final class EqualityDeclaration: Model, @unchecked Sendable {
    public static let schema = "equality_declarations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @OptionalField(key: "age_band") public var ageBand: String?
    @OptionalField(key: "sex") public var sex: String?
    @OptionalField(key: "trans") public var trans: String?
    @OptionalField(key: "sexual_orientation") public var sexualOrientation: String?
    @OptionalField(key: "ethnic_group") public var ethnicGroup: String?
    @OptionalField(key: "disability") public var disability: String?
    @Field(key: "declared_at") public var declaredAt: Date

    /// Listed so that Fluent does not reflect on every row (`ModelPropertyTests`).
    public var properties: [any AnyProperty] { [$id, $userID, $ageBand, $sex, $trans, $sexualOrientation, $ethnicGroup, $disability, $declaredAt] }

    public init() {}

    public var answers: EqualityAnswers {
        var answers: [EqualityQuestion: String] = [:]
        for (question, value) in [(EqualityQuestion.ageBand, ageBand), (.sex, sex), (.trans, trans), (.sexualOrientation, sexualOrientation),
                                  (.ethnicGroup, ethnicGroup), (.disability, disability)] {
            if let value { answers[question] = value }
        }
        return EqualityAnswers(answers)
    }

    func set(_ answers: EqualityAnswers) {
        ageBand = answers.answers[.ageBand]; sex = answers.answers[.sex]; trans = answers.answers[.trans]
        sexualOrientation = answers.answers[.sexualOrientation]; ethnicGroup = answers.answers[.ethnicGroup]; disability = answers.answers[.disability]
    }
}

public enum EqualityStore {
    public static func answers(of userID: UUID, on db: any Database) async throws -> EqualityAnswers? {
        try await EqualityDeclaration.query(on: db).filter(\.$userID == userID).first()?.answers
    }

    public static func save(_ answers: EqualityAnswers, for userID: UUID, on db: any Database) async throws {
        let row = try await EqualityDeclaration.query(on: db).filter(\.$userID == userID).first() ?? EqualityDeclaration()
        row.userID = userID
        row.set(answers)
        row.declaredAt = Date()
        try await row.save(on: db)
    }

    public static func erase(for userID: UUID, on db: any Database) async throws {
        try await EqualityDeclaration.query(on: db).filter(\.$userID == userID).delete()
    }

    /// Counts per question and category, among people who declared and held a confirmed
    /// place on a run starting in `from..<to`. One pass: the period's people are found once
    /// (materialised), and the answers grouped in SQL; only counts leave this function.
    public static func counts(from: Date, to: Date, on db: any Database) async throws -> [EqualityQuestion: [String: Int]] {
        struct Row: Decodable {
            var ageBand: String?, sex: String?, trans: String?, sexualOrientation: String?, ethnicGroup: String?, disability: String?
            var n: Int
        }
        let rows = try await (db as! any SQLDatabase).raw("""
            WITH people AS MATERIALIZED (
                SELECT DISTINCT b.user_id FROM bookings b JOIN runs r ON r.id = b.run_id
                WHERE b.status = 'confirmed' AND r.status <> 'cancelled' AND r.starts_at >= \(bind: from) AND r.starts_at < \(bind: to))
            SELECT e.age_band, e.sex, e.trans, e.sexual_orientation, e.ethnic_group, e.disability, COUNT(*) AS n
            FROM equality_declarations e JOIN people p ON p.user_id = e.user_id
            GROUP BY e.age_band, e.sex, e.trans, e.sexual_orientation, e.ethnic_group, e.disability
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        var counts: [EqualityQuestion: [String: Int]] = [:]
        for row in rows {
            for (question, answer) in [(EqualityQuestion.ageBand, row.ageBand), (.sex, row.sex), (.trans, row.trans),
                                       (.sexualOrientation, row.sexualOrientation), (.ethnicGroup, row.ethnicGroup), (.disability, row.disability)] {
                if let answer { counts[question, default: [:]][answer, default: 0] += row.n }
            }
        }
        return counts
    }
}
