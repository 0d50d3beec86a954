import Foundation

/// The three steps of evaluating a course, on one delegate's timeline (the texts' evaluation
/// strategy): what they hope for, how it went and what they plan, and the impact months later.
public enum EvaluationStep: String, CaseIterable, Codable, Sendable {
    /// Offered when the place is confirmed, until the run starts: the delegate's aims.
    case pre
    /// Offered when the delegate completes: the delivery, and a plan for impact at school.
    case post
    /// Offered some weeks after completion: the effect on them, colleagues and learners.
    case impact

    public var label: String {
        switch self {
        case .pre: "Before the course"
        case .post: "After the course"
        case .impact: "Impact"
        }
    }
}

public enum QuestionKind: String, CaseIterable, Codable, Sendable {
    /// 1 (lowest) to 5 (highest).
    case rating
    case choice
    case text

    public var label: String {
        switch self {
        case .rating: "Rating 1 to 5"
        case .choice: "Single choice"
        case .text: "Free text"
        }
    }
}

public struct EvaluationQuestion: Sendable, Equatable, Codable {
    public var id: UUID
    public var kind: QuestionKind
    public var prompt: String
    /// For a choice question: the options offered.
    public var options: [String]
    public var required: Bool

    public init(id: UUID = UUID(), kind: QuestionKind, prompt: String, options: [String] = [], required: Bool = true) {
        self.id = id; self.kind = kind; self.prompt = prompt; self.options = options; self.required = required
    }
}

/// One answer as a person gives it.
public enum EvaluationAnswer: Sendable, Equatable, Codable {
    case rating(Int)
    case choice(String)
    case text(String)
}

public enum EvaluationRules {
    public static let ratings = 1...5
    /// The impact step comes this long after completion unless staff set otherwise.
    public static let defaultImpactWeeks = 12

    /// When staff may set the impact step to open: one week to two years after completion.
    public static func impactWeeksErrors(_ weeks: Int?) -> [FieldError] {
        guard let weeks, (1...104).contains(weeks) else { return [FieldError("weeks", "Enter between 1 and 104 weeks")] }
        return []
    }

    /// What a new questionnaire question needs: its step, kind and wording, and for a single
    /// choice at least two options.
    public static func questionErrors(step: EvaluationStep?, kind: QuestionKind?, prompt: String, options: [String]) -> [FieldError] {
        var errors: [FieldError] = []
        if step == nil { errors.append(FieldError("step", "Choose the step: before, after or impact")) }
        if kind == nil { errors.append(FieldError("kind", "Choose rating, single choice or free text")) }
        if prompt.isBlank { errors.append(FieldError("prompt", "Write the question")) }
        if kind == .choice, options.count < 2 { errors.append(FieldError("options", "Give at least two options, one a line")) }
        return errors
    }

    /// Every problem with a response, named by question id (the form's field name).
    public static func errors(_ answers: [UUID: EvaluationAnswer], for questions: [EvaluationQuestion]) -> [FieldError] {
        var errors: [FieldError] = []
        for question in questions {
            let field = question.id.uuidString
            guard let answer = answers[question.id] else {
                if question.required { errors.append(FieldError(field, "Answer: \(question.prompt)")) }
                continue
            }
            switch (question.kind, answer) {
            case (.rating, .rating(let value)) where ratings.contains(value): break
            case (.rating, _): errors.append(FieldError(field, "Give a rating from 1 to 5: \(question.prompt)"))
            case (.choice, .choice(let value)) where question.options.contains(value): break
            case (.choice, _): errors.append(FieldError(field, "Choose one of the options: \(question.prompt)"))
            case (.text, .text(let value)):
                if question.required, value.isBlank {
                    errors.append(FieldError(field, "Answer: \(question.prompt)"))
                }
            case (.text, _): errors.append(FieldError(field, "Write an answer: \(question.prompt)"))
            }
        }
        let known = Set(questions.map(\.id))
        for id in answers.keys where !known.contains(id) {
            errors.append(FieldError(id.uuidString, "That question is not part of this questionnaire"))
        }
        return errors
    }

    /// A delegate's place in the evaluation, as the steps need it.
    public struct Timeline: Sendable, Equatable {
        public var confirmed: Bool
        public var runStartsAt: Date
        /// When their run closed with them complete; nil until then.
        public var completedAt: Date?
        public init(confirmed: Bool, runStartsAt: Date, completedAt: Date?) {
            self.confirmed = confirmed; self.runStartsAt = runStartsAt; self.completedAt = completedAt
        }
    }

    /// When a step opens for the delegate (nil: not for them, or not yet known).
    public static func opens(_ step: EvaluationStep, _ timeline: Timeline, impactWeeks: Int = defaultImpactWeeks) -> Date? {
        guard timeline.confirmed || timeline.completedAt != nil else { return nil }
        switch step {
        case .pre: return timeline.completedAt == nil ? .distantPast : nil
        case .post: return timeline.completedAt
        case .impact: return timeline.completedAt.map { $0.addingTimeInterval(Double(impactWeeks) * 7 * 86_400) }
        }
    }

    /// Whether the step may be answered now: open, and the pre-course step only until the run starts.
    public static func isOpen(_ step: EvaluationStep, _ timeline: Timeline, now: Date, impactWeeks: Int = defaultImpactWeeks) -> Bool {
        guard let opens = opens(step, timeline, impactWeeks: impactWeeks), now >= opens else { return false }
        return step != .pre || now < timeline.runStartsAt
    }

    /// Invitations go for a step only while it is fresh: a step that opened long ago (for a
    /// course taken before invitations were sent, say) is not chased. The pre-course step is
    /// open only until the run starts anyway.
    public static let invitationWindowDays = 30

    public static func shouldInvite(_ step: EvaluationStep, _ timeline: Timeline, now: Date, impactWeeks: Int = defaultImpactWeeks) -> Bool {
        guard isOpen(step, timeline, now: now, impactWeeks: impactWeeks), let opens = opens(step, timeline, impactWeeks: impactWeeks) else { return false }
        return step == .pre || now.timeIntervalSince(opens) <= Double(invitationWindowDays) * 86_400
    }

    /// The earliest run start whose delegates may still be invited to some step: the impact
    /// window's end, less a margin for runs that close some weeks after they start.
    public static func invitationHorizon(now: Date, impactWeeks: Int = defaultImpactWeeks) -> Date {
        now.addingTimeInterval(-Double(impactWeeks * 7 + invitationWindowDays + 90) * 86_400)
    }

    /// Share of those asked who answered, in whole percent.
    public static func responseRate(responses: Int, eligible: Int) -> Int {
        eligible > 0 ? Int((Double(responses) / Double(eligible) * 100).rounded()) : 0
    }
}

/// The questionnaires the service starts with; staff change them afterwards.
public enum DefaultQuestionnaires {
    public static func questions(for step: EvaluationStep) -> [EvaluationQuestion] {
        switch step {
        case .pre: [
            EvaluationQuestion(kind: .text, prompt: "What do you hope to gain from this course? What are your aims and objectives?"),
            EvaluationQuestion(kind: .rating, prompt: "How confident are you now in the work this course covers? (1 not at all, 5 very)"),
        ]
        case .post: [
            EvaluationQuestion(kind: .rating, prompt: "How well was the course delivered? (1 poorly, 5 very well)"),
            EvaluationQuestion(kind: .rating, prompt: "How well did the course meet your aims? (1 not at all, 5 fully)"),
            EvaluationQuestion(kind: .choice, prompt: "Would you recommend the course to a colleague?", options: ["Yes", "Not sure", "No"]),
            EvaluationQuestion(kind: .text, prompt: "What will you do differently back at your school? Your plan for impact."),
            EvaluationQuestion(kind: .text, prompt: "Any other comments on the course", required: false),
        ]
        case .impact: [
            EvaluationQuestion(kind: .rating, prompt: "What effect has the course had on your own practice? (1 none, 5 a great deal)"),
            EvaluationQuestion(kind: .rating, prompt: "What effect has it had on your colleagues? (1 none, 5 a great deal)"),
            EvaluationQuestion(kind: .rating, prompt: "What effect has it had on learners? (1 none, 5 a great deal)"),
            EvaluationQuestion(kind: .text, prompt: "Give an example of the difference it has made", required: false),
        ]
        }
    }
}
