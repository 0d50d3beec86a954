import Fluent
import Foundation
import PrepRoomCore
import SQLKit

public enum EvaluationStore {
    private static func sql(_ db: any Database) -> any SQLDatabase { db as! any SQLDatabase }

    /// The questionnaire of a step as it stands: active questions in order.
    public static func questions(_ step: EvaluationStep, on db: any Database) async throws -> [EvaluationQuestion] {
        try await EvaluationQuestionRecord.query(on: db).filter(\.$step == step).filter(\.$active == true)
            .sort(\.$position).all().map(\.question)
    }

    public static func addQuestion(_ question: EvaluationQuestion, to step: EvaluationStep, on db: any Database) async throws {
        let last = try await EvaluationQuestionRecord.query(on: db).filter(\.$step == step).sort(\.$position, .descending).first()?.position ?? -1
        try await EvaluationQuestionRecord(step: step, position: last + 1, question: question).create(on: db)
    }

    /// Takes a question out of its questionnaire; its past answers stay.
    public static func retire(_ id: UUID, on db: any Database) async throws -> EvaluationQuestionRecord? {
        guard let record = try await EvaluationQuestionRecord.find(id, on: db), record.active else { return nil }
        record.active = false
        try await record.save(on: db)
        return record
    }

    /// Records a response; throws `EvaluationStoreError.alreadyAnswered` (changing nothing)
    /// for a second response to the same step. Call inside a transaction, and count the
    /// response in the run's totals (`RunTotals.countResponse`) in the same one.
    public static func submit(bookingID: UUID, step: EvaluationStep, answers: [UUID: EvaluationAnswer], at now: Date,
                              on db: any Database) async throws {
        // The run's row first: a close totalling the run then either sees this response or
        // is seen by its count in the totals, never neither.
        guard let runID = try await Booking.query(on: db).filter(\.$id == bookingID).field(\.$run.$id).first()?.$run.id else {
            throw BookingStoreError.noSuchBooking
        }
        try await BookingStore.lockRun(runID, on: db)
        let responseID = UUID()
        let inserted = try await sql(db).raw("""
            INSERT INTO evaluation_responses (id, booking_id, step, submitted_at)
            VALUES (\(bind: responseID), \(bind: bookingID), \(bind: step.rawValue), \(bind: now))
            ON CONFLICT (booking_id, step) DO NOTHING RETURNING id
            """).all()
        guard !inserted.isEmpty else { throw EvaluationStoreError.alreadyAnswered }
        for (questionID, answer) in answers {
            var rating: Int?, choice: String?, text: String?
            switch answer {
            case .rating(let value): rating = value
            case .choice(let value): choice = value
            case .text(let value): text = value.trimmed
            }
            try await sql(db).insert(into: "evaluation_answers")
                .columns("id", "response_id", "question_id", "rating", "choice", "text")
                .values(SQLBind(UUID()), SQLBind(responseID), SQLBind(questionID), SQLBind(rating), SQLBind(choice), SQLBind(text))
                .run()
        }
    }

    /// A delegate's evaluation timeline for one booking, and the steps already answered.
    public struct Entry: Sendable {
        public var bookingID: UUID
        public var userID: UUID
        public var courseTitle: String
        public var runID: UUID
        public var timeline: EvaluationRules.Timeline
        public var answered: Set<EvaluationStep>
    }

    /// Entries for bookings that can take part: confirmed ones, of runs not cancelled.
    /// `userID` limits them to one person; `runID` to one run; `since` to runs starting then or later.
    public static func entries(userID: UUID? = nil, runID: UUID? = nil, since: Date? = nil, on db: any Database) async throws -> [Entry] {
        try await read(userID: userID, runID: runID, since: since, on: db).entries
    }

    /// A person's entries and the impact step's delay in weeks, in one statement: My page
    /// and My evaluations need both. With no entries the delay does not matter, and is the
    /// default.
    public static func entriesAndImpactWeeks(userID: UUID, on db: any Database) async throws -> (entries: [Entry], impactWeeks: Int) {
        let read = try await read(userID: userID, runID: nil, since: nil, withImpactWeeks: true, on: db)
        return (read.entries, read.impactWeeks.flatMap { Int($0) } ?? EvaluationRules.defaultImpactWeeks)
    }

    private static func read(userID: UUID?, runID: UUID?, since: Date?, withImpactWeeks: Bool = false,
                             on db: any Database) async throws -> (entries: [Entry], impactWeeks: String?) {
        let sql = sql(db)
        var filter = SQLQueryString("b.status = 'confirmed' AND r.status <> 'cancelled'")
        if let userID { filter.appendInterpolation(unsafeRaw: " AND b.user_id = "); filter.appendInterpolation(bind: userID) }
        if let runID { filter.appendInterpolation(unsafeRaw: " AND b.run_id = "); filter.appendInterpolation(bind: runID) }
        if let since { filter.appendInterpolation(unsafeRaw: " AND r.starts_at >= "); filter.appendInterpolation(bind: since) }
        // One statement: each booking with one row per questionnaire answered (none: one
        // row), so every member's home and evaluations page makes one hop for them, not two.
        let rows = try await sql.raw("""
            SELECT b.id, b.user_id, b.run_id, c.title, r.starts_at, b.completed, b.completed_at, b.status, e.step\(unsafeRaw: withImpactWeeks
                ? ", (SELECT value FROM settings WHERE key = '\(impactWeeksKey)') AS impact_weeks" : "")
            FROM bookings b JOIN runs r ON r.id = b.run_id JOIN courses c ON c.id = r.course_id
                 LEFT JOIN evaluation_responses e ON e.booking_id = b.id
            WHERE \(filter) ORDER BY r.starts_at DESC, b.id
            """).all()
        // Read column by column: SQLKit's Codable decoding with snake-case keys cost more
        // than the statement. A booking's rows are consecutive.
        var entries: [Entry] = []
        let impactWeeks = withImpactWeeks ? try rows.first?.optional("impact_weeks", as: String.self) : nil
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            if entries.last?.bookingID != id {
                let completed = try row.decode(column: "completed", as: Bool.self)
                entries.append(Entry(bookingID: id, userID: try row.decode(column: "user_id", as: UUID.self),
                      courseTitle: try row.decode(column: "title", as: String.self), runID: try row.decode(column: "run_id", as: UUID.self),
                      timeline: .init(confirmed: try row.decode(column: "status", as: String.self) == "confirmed",
                                      runStartsAt: try row.decode(column: "starts_at", as: Date.self),
                                      completedAt: completed ? try row.optional("completed_at", as: Date.self) : nil),
                      answered: []))
            }
            if let step = try row.optional("step", as: String.self).flatMap(EvaluationStep.init(rawValue:)) {
                entries[entries.count - 1].answered.insert(step)
            }
        }
        return (entries, impactWeeks)
    }

    // MARK: Settings

    static let impactWeeksKey = "evaluation_impact_weeks"

    public static func impactWeeks(on db: any Database) async throws -> Int {
        Int(try await Setting.value(impactWeeksKey, on: db) ?? "") ?? EvaluationRules.defaultImpactWeeks
    }

    public static func setImpactWeeks(_ weeks: Int, by user: UUID?, on db: any Database) async throws {
        try await Setting.store(impactWeeksKey, String(weeks), by: user, on: db)
    }
}

public enum EvaluationStoreError: Error {
    case alreadyAnswered
}
