import PrepRoomServices
import Foundation
import Plot
import PrepRoomCore
import PrepRoomStore

struct MyEvaluationsPage: PageView {
    let dues: [EvaluationRoutes.Due]
    var title: String { "Course evaluations" }

    func content(_ chrome: Chrome) -> BodyNode {
        let open = dues.filter { $0.open && !$0.answered }, answered = dues.filter(\.answered)
        return .div(
            .h1(.text(title)),
            .p(.class("lead"), .text("Three short questionnaires for each course: your aims before it, how it went after it, and the difference it made some weeks later. The answers steer what the service offers.")),
            .h2(.class("h4"), .text("Waiting for you")),
            open.isEmpty ? .p(.id("open-evaluations"), .text("Nothing to answer just now.")) :
                .ul(.id("open-evaluations"), .forEach(open) { due in
                    .li(.a(.attr("href", SiteURL.booking(due.bookingId, .evaluation(step: due.step.rawValue)).path), .text("\(due.courseTitle): \(due.step.label.lowercased())")))
                }),
            .if(!answered.isEmpty, .group(
                .h2(.class("h4 mt-4"), .text("Answered, thank you")),
                .ul(.id("answered-evaluations"), .forEach(answered) { .li(.text("\($0.courseTitle): \($0.step.label.lowercased())")) })))
        )
    }
}

struct QuestionnairePage: PageView {
    let entry: EvaluationStore.Entry
    let step: EvaluationStep
    let questions: [EvaluationQuestion]
    let values: [String: String]
    let errors: [FieldError]
    var title: String { "\(step.label): \(entry.courseTitle)" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-lg-8"),
            FormParts.errorSummary(errors),
            .h1(.text(title)),
            H.form(action: SiteURL.booking(entry.bookingID, .evaluation(step: step.rawValue)).path, csrf: chrome.csrf, id: "questionnaire",
                   questions.map(field) + [H.button("Send answers")])
        ))
    }

    private func field(_ question: EvaluationQuestion) -> BodyNode {
        let name = question.id.uuidString
        let label = question.prompt + (question.required ? "" : " (optional)")
        switch question.kind {
        case .text:
            return FormParts.textArea(name, label: label, value: values[name], rows: 3, errors: errors)
        case .rating, .choice:
            let options = question.kind == .rating ? EvaluationRules.ratings.map(String.init) : question.options
            return FormParts.fieldset(id: fieldID(name), legend: label, errors: errors.map { FieldError(fieldID($0.field), $0.message) },
                                      [.div(.attr("class", question.kind == .rating ? "d-flex gap-3" : ""), .forEach(options) { option in
                let id = "\(fieldID(name))-\(fieldID(option))"
                var attributes = [H.attr("type", "radio"), H.attr("class", "form-check-input"), H.attr("name", name), H.attr("id", id), H.attr("value", option)]
                if values[name] == option { attributes.append(H.attr("checked", nil)) }
                return .div(.class("form-check"), H.input(attributes),
                            .element(named: "label", nodes: [.attr("for", id), .class("form-check-label"), .text(option)]))
            })])
        }
    }
}

struct QuestionnairesPage: PageView {
    /// The new-question form as typed, kept when it comes back with a mistake.
    struct Input {
        var step = "", kind = "", prompt = "", options = ""
        var required = true
    }
    let steps: [(EvaluationStep, [EvaluationQuestion])]
    let impactWeeks: Int
    var input = Input()
    var errors: [FieldError] = []
    var title: String { "Evaluation questionnaires" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            FormParts.errorSummary(errors),
            .h1(.text(title)),
            .p(.a(.attr("href", SiteURL.staff(.evaluationReport).path), .text("Results"))),
            .forEach(steps) { step, questions in
                .section(.class("mt-4"), .attr("id", "step-\(step.rawValue)"),
                    .h2(.class("h4"), .text(step.label)),
                    .ol(.forEach(questions) { question in
                        .li(.class("mb-2"), .text("\(question.prompt) "), .span(.class("badge text-bg-light"), .text(question.kind.label)),
                            .if(!question.options.isEmpty, .span(.class("small text-body-secondary"), .text(" (\(question.options.joined(separator: ", ")))"))),
                            H.form(action: SiteURL.staff(.retireQuestion(question.id)).path, csrf: chrome.csrf, [
                                H.button("Remove", style: "btn-link btn-sm text-danger p-0")]))
                    }))
            },
            H.form(action: SiteURL.staff(.evaluationQuestions).path, csrf: chrome.csrf, id: "add-question", [
                .h2(.class("h4 mt-4"), .text("Add a question")),
                FormParts.select("step", label: "Step", options: EvaluationStep.allCases.map { ($0.rawValue, $0.label) }, selected: input.step, errors: errors),
                FormParts.select("kind", label: "Kind", options: QuestionKind.allCases.map { ($0.rawValue, $0.label) }, selected: input.kind, errors: errors),
                FormParts.textArea("prompt", label: "Question", value: input.prompt, rows: 2, errors: errors),
                FormParts.textArea("options", label: "Options", value: input.options, hint: "For a single-choice question: one option a line.", rows: 3, errors: errors),
                FormParts.checkbox("required", label: "An answer is required", checked: input.required),
                H.button("Add question"),
            ]),
            H.form(action: SiteURL.staff(.impactWeeks).path, csrf: chrome.csrf, id: "impact-weeks", [
                .h2(.class("h4 mt-4"), .text("When the impact questionnaire opens")),
                FormParts.text("weeks", label: "Weeks after completion", value: String(impactWeeks), type: "number", errors: []),
                H.button("Save", style: "btn-outline-primary"),
            ])
        )
    }
}

struct EvaluationResultsPage: PageView {
    let results: EvaluationRoutes.ResultsDTO
    let query: String?
    let period: PagePeriod
    var title: String { (period.errors.isEmpty ? "" : "Error: ") + "Evaluation results" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            FormParts.errorSummary(period.errors),
            .p(.a(.attr("href", SiteURL.staff(.annualReport).path), .text("Annual report figures")),
               // Only course admins change the questionnaires; a link the others would be refused is no help.
               .if(chrome.permissions.canEditCatalogue, .group(.text(" · "), .a(.attr("href", SiteURL.staff(.evaluation).path), .text("Questionnaires"))))),
            .h1(.text("Evaluation results")),
            .p(.class("lead"), .text("Runs starting \(ServiceTime.day(results.from)) to \(ServiceTime.day(ReportPeriod.lastDay(before: results.to))).")),
            H.form(action: SiteURL.staff(.evaluationReport).path, method: "get", csrf: nil, id: "period", [
                .div(.class("row g-2 align-items-end"),
                    .group(period.fields(shownFrom: results.from, shownLastDay: ReportPeriod.lastDay(before: results.to), column: "col-sm-3")),
                    .div(.class("col-sm-3"), FormParts.text("course", label: "Course code", value: nil, hint: "Optional", errors: [])),
                    .div(.class("col-sm-3 mb-3"), H.button("Show", style: "btn-outline-primary"))),
            ]),
            .p(.a(.class("btn btn-outline-secondary btn-sm"), .attr("href", SiteURL.staff(.evaluationReportCSV).path + (query.map { "?\($0)" } ?? "")), .text("Download CSV"))),
            .forEach(results.steps) { step in
                .section(.class("mt-4"), .attr("id", "results-\(step.step.rawValue)"),
                    .h2(.class("h4"), .text(step.step.label)),
                    .p(.class("response-rate"), .text("\(step.responses) of \(step.eligible) answered (\(step.responseRate)%).")),
                    .forEach(step.questions) { question in
                        .div(.class("mb-3"),
                            .h3(.class("h6"), .text(question.prompt)),
                            question.kind == .rating
                                ? BarChartView.svg(title: question.prompt, bars: EvaluationRules.ratings.map { ("Rating \($0)", question.ratings[String($0)] ?? 0) }, barHeight: 18)
                                : question.kind == .choice
                                    ? BarChartView.svg(title: question.prompt, bars: question.choices.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, barHeight: 18)
                                    : (question.comments.isEmpty ? .p(.class("text-body-secondary"), .text("No comments yet.")) :
                                        .ul(.class("comments"), .forEach(question.comments.prefix(50)) { .li(.text($0)) })))
                    },
                    .if(!(step.nonRespondents ?? []).isEmpty, .details(.summary(.text("Not yet answered (\(step.nonRespondents?.count ?? 0))")),
                        .ul(.forEach(step.nonRespondents ?? []) { .li(.text($0)) }))),
                    .if(step.nonRespondents == nil && step.eligible > step.responses,
                        .p(.class("small text-body-secondary"), .text("\(step.eligible - step.responses) have not answered. Choose one run to see who."))))
            }
        )
    }
}
