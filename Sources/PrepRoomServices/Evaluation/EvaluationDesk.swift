import FluentKit
import PrepRoomCore
import PrepRoomStore
import SQLKit
import Foundation

/// Answering a step of the evaluation, and the invitations and reminders to do so.
package struct EvaluationDesk {
    package let db: any Database
    package var now = Date()

    /// The booking's entry, if `user` holds it (403 otherwise).
    package func entry(bookingID: UUID, for user: User) async throws -> EvaluationStore.Entry {
        guard let booking = try await Booking.find(bookingID, on: db) else { throw ServiceError.notFound("booking") }
        guard booking.$user.id == user.id else { throw ServiceError.forbidden("This booking belongs to someone else.") }
        guard let entry = try await EvaluationStore.entries(userID: user.requireID(), runID: booking.$run.id, on: db)
            .first(where: { $0.bookingID == bookingID }) else {
            throw ServiceError.conflict("not_evaluable", "Only a confirmed place on a run that goes ahead is evaluated.")
        }
        return entry
    }

    /// 409 when the step is not open or already answered; 422 naming each question at fault.
    package func submit(bookingID: UUID, step: EvaluationStep, answers: [UUID: EvaluationAnswer], by user: User) async throws {
        let entry = try await entry(bookingID: bookingID, for: user)
        if entry.answered.contains(step) { throw Self.alreadyAnswered }
        let weeks = try await EvaluationStore.impactWeeks(on: db)
        guard EvaluationRules.isOpen(step, entry.timeline, now: now, impactWeeks: weeks) else {
            throw ServiceError.conflict("step_not_open", Self.notOpen(step, entry.timeline, weeks: weeks))
        }
        let questions = try await EvaluationStore.questions(step, on: db)
        let errors = EvaluationRules.errors(answers, for: questions)
        guard errors.isEmpty else { throw ServiceError.invalid(errors) }
        do {
            try await db.writeTransaction { db in
                try await EvaluationStore.submit(bookingID: bookingID, step: step, answers: answers, at: now, on: db)
                // In the response's own transaction, after `submit` has locked the run's row.
                try await RunTotals.countResponse(bookingID: bookingID, step: step, answers: answers, on: db)
                try await AuditEntry.record("evaluation.answered", subject: "booking:\(bookingID)", actor: user.id, details: step.rawValue, on: db)
            }
        } catch EvaluationStoreError.alreadyAnswered {
            throw Self.alreadyAnswered
        }
    }

    /// A person's questionnaires: each step that is open now or already answered, of every
    /// confirmed place they hold (My evaluations, the member's home, the API).
    package struct Due: Codable, Sendable {
        package var bookingId: UUID
        package var courseTitle: String
        package var step: EvaluationStep
        package var open: Bool
        package var answered: Bool
        /// Open and not yet answered: what the person is asked to do.
        package var waiting: Bool { open && !answered }
    }

    package func dues(of userID: UUID) async throws -> [Due] {
        let (entries, weeks) = try await EvaluationStore.entriesAndImpactWeeks(userID: userID, on: db)
        return entries.flatMap { entry in
            EvaluationStep.allCases.compactMap { step in
                let open = EvaluationRules.isOpen(step, entry.timeline, now: now, impactWeeks: weeks)
                let answered = entry.answered.contains(step)
                return open || answered ? Due(bookingId: entry.bookingID, courseTitle: entry.courseTitle, step: step, open: open, answered: answered) : nil
            }
        }
    }

    package static let alreadyAnswered = ServiceError.conflict("already_answered", "You have already answered this questionnaire; thank you.")

    package static func notOpen(_ step: EvaluationStep, _ timeline: EvaluationRules.Timeline, weeks: Int) -> String {
        switch step {
        case .pre: "The before-the-course questionnaire closes when the course starts."
        case .post: "The after-the-course questionnaire opens once you have completed the course."
        case .impact:
            timeline.completedAt.map { "The impact questionnaire opens on \(ServiceTime.day($0.addingTimeInterval(Double(weeks) * 7 * 86_400)))." }
                ?? "The impact questionnaire opens \(weeks) weeks after you complete the course."
        }
    }

    /// Reads a form's or JSON's answers (question id → text) as typed answers, by question kind.
    package static func answers(_ raw: [String: String], questions: [EvaluationQuestion]) -> [UUID: EvaluationAnswer] {
        var answers: [UUID: EvaluationAnswer] = [:]
        for question in questions {
            guard let value = raw[question.id.uuidString]?.trimmed, !value.isEmpty else { continue }
            switch question.kind {
            case .rating: answers[question.id] = .rating(Int(value) ?? -1)
            case .choice: answers[question.id] = .choice(value)
            case .text: answers[question.id] = .text(value)
            }
        }
        return answers
    }

    /// Invites each delegate to every step that has opened lately and they have not answered
    /// (`EvaluationRules.shouldInvite`), once per booking and step (a unique index). Safe to
    /// run twice.
    package func sendInvitations(links: Links) async throws -> Int {
        let weeks = try await EvaluationStore.impactWeeks(on: db)
        struct Sent: Decodable { var bookingId: UUID; var step: String }
        let sent = try await (db as! any SQLDatabase).raw("SELECT booking_id, step FROM evaluation_reminders")
            .all(decoding: Sent.self, keyDecodingStrategy: .convertFromSnakeCase)
        let already = Set(sent.map { "\($0.bookingId)|\($0.step)" })
        let due = try await EvaluationStore.entries(since: EvaluationRules.invitationHorizon(now: now, impactWeeks: weeks), on: db)
            .flatMap { entry in
                EvaluationStep.allCases.filter { step in
                    !entry.answered.contains(step) && !already.contains("\(entry.bookingID)|\(step.rawValue)")
                        && EvaluationRules.shouldInvite(step, entry.timeline, now: now, impactWeeks: weeks)
                }.map { (entry, $0) }
            }
        let people = Dictionary(uniqueKeysWithValues: try await User.query(on: db).filter(\.$id ~~ Set(due.map(\.0.userID))).all()
            .map { ($0.id ?? UUID(), $0) })
        guard !due.isEmpty else { return 0 }
        let stops = try await EmailStopLinks.load(db: db, links: links)
        var count = 0
        for (entry, step) in due {
            guard let user = people[entry.userID], user.wants(.evaluationInvitations) else { continue }
            let message = EvaluationNotices.invitation(to: user.email, name: user.name, course: entry.courseTitle, step: step,
                                                       url: links.absolute(.booking(entry.bookingID, .evaluation(step: step.rawValue))))
                .stoppable(.evaluationInvitations, at: stops.url(entry.userID, .evaluationInvitations))
            do {
                try await db.writeTransaction { db in
                    try await (db as! any SQLDatabase).insert(into: "evaluation_reminders").columns("id", "booking_id", "step", "sent_at")
                        .values(SQLBind(UUID()), SQLBind(entry.bookingID), SQLBind(step.rawValue), SQLBind(now)).run()
                    try await OutboxMessage.queue(message, at: now, on: db)
                }
                count += 1
            } catch let error as any DatabaseError where error.isConstraintFailure {
                continue // another sender got there first
            }
        }
        return count
    }

    package init(db: any Database) {
        self.db = db
    }
}

package enum EvaluationNotices {
    package static func invitation(to email: String, name: String, course: String, step: EvaluationStep, url: String) -> EmailMessage {
        let ask: String = switch step {
        case .pre: "Before \(course) starts, tell us what you hope to gain from it. It takes two minutes and helps the tutors meet your aims."
        case .post: "Thank you for completing \(course). How did it go, and what will you do differently back at your school?"
        case .impact: "Some weeks have passed since \(course). What difference has it made to you, your colleagues and your learners?"
        }
        return EmailMessage(to: email, subject: "\(step.label): \(course)",
                            body: "Dear \(name),\n\n\(ask)\n\n\(url)\n\nPrepRoom, the national support service for school STEM technicians")
    }
}
