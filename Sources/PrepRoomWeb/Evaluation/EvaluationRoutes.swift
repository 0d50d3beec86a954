import Fluent
import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// The delegate's questionnaires, the staff's questionnaire editing, and the results.
struct EvaluationRoutes: RouteCollection {
    struct Submission: Content { var answers: [String: String] }
    struct NewQuestion: Content { var step: String?; var kind: String?; var prompt: String?; var options: [String]?; var required: Bool? }
    typealias Due = EvaluationDesk.Due

    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", "evaluations", use: myPage)
        routes.get("bookings", ":bookingID", "evaluation", ":step", use: formPage)
        routes.post("bookings", ":bookingID", "evaluation", ":step", use: submitForm)
        routes.get("staff", "evaluation", use: questionsPage)
        routes.post("staff", "evaluation", "questions", use: addQuestionForm)
        routes.post("staff", "evaluation", "questions", ":questionID", "retire", use: retireForm)
        routes.post("staff", "evaluation", "impact-weeks", use: impactWeeksForm)
        routes.get("staff", "reports", "evaluation", use: resultsPage)
        routes.get("staff", "reports", "evaluation.csv", use: resultsCSV)
        let api = routes.grouped("api", "v1")
        api.get("me", "evaluations", use: myList)
        api.get("evaluation", "questions", use: questions)
        api.post("evaluation", "questions", use: addQuestion)
        api.delete("evaluation", "questions", ":questionID", use: retire)
        api.post("bookings", ":bookingID", "evaluation", ":step", use: submit)
        api.get("reports", "evaluation", use: results)
    }

    // MARK: Delegates

    private func target(_ req: Request) throws -> (UUID, EvaluationStep) {
        guard let id = req.parameters.get("bookingID", as: UUID.self) else { throw ServiceError.notFound("booking") }
        guard let step = req.parameters.get("step").flatMap(EvaluationStep.init(rawValue:)) else { throw ServiceError.notFound("questionnaire") }
        return (id, step)
    }

    func dues(_ req: Request) async throws -> [Due] {
        try await EvaluationDesk(db: req.db).dues(of: req.requireUser().requireID())
    }

    func myList(req: Request) async throws -> ListDTO<Due> {
        let items = try await dues(req)
        return ListDTO(items: items, total: items.count)
    }

    func myPage(req: Request) async throws -> Response {
        MyEvaluationsPage(dues: try await dues(req)).response(for: req)
    }

    struct QuestionDTO: Content {
        var id: String; var kind: QuestionKind; var prompt: String; var options: [String]; var required: Bool
        init(_ q: EvaluationQuestion) { id = q.id.uuidString; kind = q.kind; prompt = q.prompt; options = q.options; required = q.required }
    }

    func questions(req: Request) async throws -> ListDTO<QuestionDTO> {
        guard let step = try req.queryChoice("step", EvaluationStep.self) else {
            throw ServiceError.invalid([FieldError("step", "step must be pre, post or impact")])
        }
        let items = try await EvaluationStore.questions(step, on: req.db).map(QuestionDTO.init)
        return ListDTO(items: items, total: items.count)
    }

    func submit(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (bookingID, step) = try target(req)
        let body = try req.decodeBody(Submission.self)
        let questions = try await EvaluationStore.questions(step, on: req.db)
        let answers = try Self.typed(body.answers, questions: questions)
        try await EvaluationDesk(db: req.db).submit(bookingID: bookingID, step: step, answers: answers, by: user)
        return Response(status: .created)
    }

    /// The API names unknown question ids rather than dropping them.
    static func typed(_ raw: [String: String], questions: [EvaluationQuestion]) throws -> [UUID: EvaluationAnswer] {
        var answers = EvaluationDesk.answers(raw, questions: questions)
        for key in raw.keys where !questions.contains(where: { $0.id.uuidString == key }) {
            guard let id = UUID(uuidString: key) else { throw ServiceError(.unprocessableEntity, "invalid", "\(key) is not a question id.", field: key) }
            answers[id] = .text(raw[key] ?? "")
        }
        return answers
    }

    func formPage(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (bookingID, step) = try target(req)
        let entry = try await EvaluationDesk(db: req.db).entry(bookingID: bookingID, for: user)
        return QuestionnairePage(entry: entry, step: step, questions: try await EvaluationStore.questions(step, on: req.db),
                                 values: [:], errors: []).response(for: req)
    }

    func submitForm(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (bookingID, step) = try target(req)
        let questions = try await EvaluationStore.questions(step, on: req.db)
        let form = FormData(req)
        let values = Dictionary(uniqueKeysWithValues: questions.map { ($0.id.uuidString, form[$0.id.uuidString] ?? "") })
        do {
            try await EvaluationDesk(db: req.db).submit(bookingID: bookingID, step: step, answers: EvaluationDesk.answers(values, questions: questions), by: user)
            req.flash("Thank you: your answers are saved.")
            return req.redirect(to: SiteURL.me(.evaluations).path)
        } catch let error as ServiceError where error.status == .unprocessableEntity {
            let entry = try await EvaluationDesk(db: req.db).entry(bookingID: bookingID, for: user)
            return QuestionnairePage(entry: entry, step: step, questions: questions, values: values, errors: error.fieldErrors)
                .response(for: req, status: .unprocessableEntity)
        } catch let error as ServiceError where error.status == .conflict {
            req.flashRefusal(error.message)
            return req.redirect(to: SiteURL.me(.evaluations).path)
        }
    }

    // MARK: Staff: questionnaires

    private func requireEditor(_ req: Request) throws -> User {
        try req.require(\.canEditCatalogue, "Only course admins can change the questionnaires.")
    }

    func addQuestion(req: Request) async throws -> Response {
        let user = try requireEditor(req)
        let body = try req.decodeBody(NewQuestion.self)
        try await Questionnaires.add(step: body.step, kind: body.kind, prompt: body.prompt, options: body.options ?? [], required: body.required ?? true, by: user, on: req.db)
        return Response(status: .created)
    }

    func retire(req: Request) async throws -> HTTPStatus {
        let user = try requireEditor(req)
        try await Questionnaires.retire(req.parameters.get("questionID", as: UUID.self), by: user, on: req.db)
        return .noContent
    }

    private func questionsPage(_ req: Request, input: QuestionnairesPage.Input = .init(), errors: [FieldError] = []) async throws -> Response {
        var steps: [(EvaluationStep, [EvaluationQuestion])] = []
        for step in EvaluationStep.allCases { steps.append((step, try await EvaluationStore.questions(step, on: req.db))) }
        return QuestionnairesPage(steps: steps, impactWeeks: try await EvaluationStore.impactWeeks(on: req.db), input: input, errors: errors)
            .response(for: req, status: errors.isEmpty ? .ok : .unprocessableEntity, needsCSRF: true)
    }

    func questionsPage(req: Request) async throws -> Response {
        _ = try requireEditor(req)
        return try await questionsPage(req)
    }

    /// A mistake brings the form back with what was typed and chosen, and every problem named.
    func addQuestionForm(req: Request) async throws -> Response {
        let user = try requireEditor(req)
        let form = FormData(req)
        let input = QuestionnairesPage.Input(step: form["step"] ?? "", kind: form["kind"] ?? "", prompt: form["prompt"] ?? "",
                                             options: form.exact("options"), required: form.flag("required"))
        do {
            try await Questionnaires.add(step: input.step, kind: input.kind, prompt: input.prompt,
                               options: CentreRules.venues(fromLines: input.options), required: input.required, by: user, on: req.db)
            req.flash("Question added.")
            return req.redirect(to: SiteURL.staff(.evaluation).path)
        } catch let error as ServiceError where error.status == .unprocessableEntity {
            return try await questionsPage(req, input: input, errors: error.formErrors(defaultField: "prompt"))
        }
    }

    func retireForm(req: Request) async throws -> Response {
        let user = try requireEditor(req)
        return try await req.attempt(back: SiteURL.staff(.evaluation).path) {
            try await Questionnaires.retire(req.parameters.get("questionID", as: UUID.self), by: user, on: req.db)
            return "Question removed from the questionnaire; its past answers are kept."
        }
    }

    func impactWeeksForm(req: Request) async throws -> Response {
        let user = try requireEditor(req)
        let weeks = FormData(req)["weeks"].flatMap(Int.init)
        return try await req.attempt(back: SiteURL.staff(.evaluation).path) {
            let errors = EvaluationRules.impactWeeksErrors(weeks)
            guard errors.isEmpty, let weeks else { throw ServiceError.invalid(errors) }
            try await EvaluationStore.setImpactWeeks(weeks, by: user.id, on: req.db)
            return "The impact questionnaire now opens \(weeks) weeks after completion."
        }
    }

    // MARK: Results

    /// Non-respondents are named for one run, or when there are at most this many.
    static let namesUpTo = 200

    struct ResultsDTO: Content {
        struct Question: Content {
            var id: String; var prompt: String; var kind: QuestionKind
            var ratings: [String: Int]; var choices: [String: Int]; var comments: [String]
        }
        struct Step: Content {
            var step: EvaluationStep; var eligible: Int; var responses: Int; var responseRate: Int
            var questions: [Question]; var nonRespondents: [String]?
        }
        var from: Date; var to: Date; var steps: [Step]
    }

    /// `period`: the page's, which falls back to the default one; the API and CSV read the query strictly.
    private func loadResults(_ req: Request, period: PagePeriod? = nil) async throws -> ResultsDTO {
        try req.require(\.readsReports, "Only the service's managers, course admins and verifiers can read evaluation results.")
        let runID = try req.queryID("run"), courseCode = try req.queryCode("course"), centreID = try req.queryID("centre")
        let undated = (req.query[String.self, at: "from"] ?? "").isEmpty && (req.query[String.self, at: "to"] ?? "").isEmpty
        let (from, to) = undated && (runID != nil || courseCode != nil || centreID != nil)
            ? ReportPeriod.wholeLife : try period.map { ($0.from, $0.to) } ?? ReportPeriod.parse(req)
        let filter = EvaluationFilter(runID: runID, courseCode: courseCode, centreID: centreID, from: from, to: to)
        let key = "evaluation:\(runID?.uuidString ?? "")|\(courseCode ?? "")|\(centreID?.uuidString ?? "")|" + ReportCache.period(from, to)
        return try await req.reports.report(key, on: req.db) {
            let weeks = try await EvaluationStore.impactWeeks(on: req.db)
            let results = try await EvaluationResults.load(filter, impactWeeks: weeks, on: req.db)
            var steps: [ResultsDTO.Step] = []
            for step in results.steps {
                // Names are for chasing a run's delegates; across many runs only the count helps.
                let missing = filter.runID != nil || step.eligible - step.responses <= Self.namesUpTo
                    ? try await EvaluationResults.nonRespondents(filter, step: step.step, impactWeeks: weeks, on: req.db) : nil
                steps.append(.init(step: step.step, eligible: step.eligible, responses: step.responses, responseRate: step.responseRate,
                                   questions: step.questions.map { .init(id: $0.question.id.uuidString, prompt: $0.question.prompt, kind: $0.question.kind,
                                                                         ratings: Dictionary(uniqueKeysWithValues: $0.ratings.map { (String($0.key), $0.value) }),
                                                                         choices: $0.choices, comments: $0.comments) },
                                   nonRespondents: missing?.map { "\($0.name) <\($0.email)>, \($0.course)" }))
            }
            return ResultsDTO(from: from, to: to, steps: steps)
        }
    }

    func results(req: Request) async throws -> ResultsDTO { try await loadResults(req) }

    func resultsPage(req: Request) async throws -> Response {
        try req.require(\.readsReports, "Only the service's managers, course admins and verifiers can read evaluation results.")
        let period = PagePeriod(req)
        let dto = try await loadResults(req, period: period)
        return EvaluationResultsPage(results: dto, query: period.errors.isEmpty ? req.url.query : nil, period: period)
            .response(for: req, status: period.status)
    }

    func resultsCSV(req: Request) async throws -> Response {
        let dto = try await loadResults(req)
        var rows = [["Step", "Question", "Answer", "Count"]]
        for step in dto.steps {
            rows.append([step.step.label, "Response rate", "\(step.responses) of \(step.eligible)", "\(step.responseRate)%"])
            for question in step.questions {
                for rating in EvaluationRules.ratings { if question.kind == .rating { rows.append([step.step.label, question.prompt, "\(rating)", "\(question.ratings[String(rating)] ?? 0)"]) } }
                for (choice, n) in question.choices.sorted(by: { $0.key < $1.key }) { rows.append([step.step.label, question.prompt, choice, "\(n)"]) }
                for comment in question.comments { rows.append([step.step.label, question.prompt, comment, ""]) }
            }
        }
        return CSV.response(CSV.render(rows), filename: "evaluation-\(ServiceTime.isoDay(dto.from))-to-\(ServiceTime.isoDay(ReportPeriod.lastDay(before: dto.to))).csv")
    }
}
extension EvaluationDesk.Due: Content {}
