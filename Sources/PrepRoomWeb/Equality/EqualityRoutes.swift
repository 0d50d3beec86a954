import Fluent
import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// Optional equality monitoring: a member answers (or removes their answers); staff see
/// only aggregates with small cells suppressed (`EqualityRules`).
struct EqualityRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", "equality", use: form)
        routes.post("me", "equality", use: saveForm)
        routes.post("me", "equality", "erase", use: eraseForm)
        routes.get("staff", "reports", "equality", use: reportPage)
        let api = routes.grouped("api", "v1")
        api.get("me", "equality", use: mine)
        api.put("me", "equality", use: save)
        api.delete("me", "equality", use: erase)
        api.get("reports", "equality", use: report)
    }

    /// `{ageBand, sex, …}`: absent or null leaves the question blank.
    static func answers(from values: [String: String?]) -> EqualityAnswers {
        var answers: [EqualityQuestion: String] = [:]
        for question in EqualityQuestion.allCases {
            if let value = values[question.rawValue] ?? nil, !value.isEmpty { answers[question] = value }
        }
        return EqualityAnswers(answers)
    }

    private func store(_ answers: EqualityAnswers, for user: User, on db: any Database) async throws {
        let errors = answers.errors()
        guard errors.isEmpty else { throw ServiceError.invalid(errors) }
        try await EqualityStore.save(answers, for: try user.requireID(), on: db)
    }

    func mine(req: Request) async throws -> [String: String] {
        let user = try req.requireUser()
        let answers = try await EqualityStore.answers(of: try user.requireID(), on: req.db) ?? EqualityAnswers()
        return Dictionary(uniqueKeysWithValues: answers.answers.map { ($0.key.rawValue, $0.value) })
    }

    func save(req: Request) async throws -> [String: String] {
        let user = try req.requireUser()
        let body = try req.decodeBody(EqualityInput.self)
        // In JSON a blank is null or left out; "" is not one of the answers.
        if let empty = body.values.first(where: { $0.value == "" })?.key {
            throw ServiceError.invalid([FieldError(empty, "Choose one of the answers listed, or leave it out (null)")])
        }
        try await store(Self.answers(from: body.values), for: user, on: req.db)
        return try await mine(req: req)
    }

    func erase(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        try await EqualityStore.erase(for: try user.requireID(), on: req.db)
        return .noContent
    }

    func form(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let answers = try await EqualityStore.answers(of: try user.requireID(), on: req.db)
        return EqualityFormPage(answers: answers ?? EqualityAnswers(), saved: answers != nil, errors: []).response(for: req)
    }

    func saveForm(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = FormData(req)
        let answers = Self.answers(from: Dictionary(uniqueKeysWithValues: EqualityQuestion.allCases.map { ($0.rawValue, form[$0.rawValue]) }))
        do {
            try await store(answers, for: user, on: req.db)
            req.flash("Thank you. Your answers are saved; you can change or remove them at any time.")
            return req.redirect(to: SiteURL.me(.equality).path)
        } catch let error as ServiceError where error.status == .unprocessableEntity {
            return EqualityFormPage(answers: answers, saved: false, errors: error.formErrors(defaultField: "ageBand"))
                .response(for: req, status: .unprocessableEntity)
        }
    }

    func eraseForm(req: Request) async throws -> Response {
        let user = try req.requireUser()
        if !req.isConfirmed {
            return ConfirmationPage(title: "Remove your equality answers?",
                                    consequences: ["Your answers are deleted, not hidden: they leave every future report.",
                                                   "You can answer again at any time."],
                                    action: SiteURL.me(.eraseEquality).path, button: "Remove my answers", back: SiteURL.me(.equality).path)
                .response(for: req, needsCSRF: true)
        }
        try await EqualityStore.erase(for: try user.requireID(), on: req.db)
        req.flash("Your equality answers have been removed.")
        return req.redirect(to: SiteURL.me(.equality).path)
    }

    struct Report: Content {
        struct Cell: Content { var category: String; var count: Int?; var suppressed: Bool }
        struct Question: Content { var question: EqualityQuestion; var heading: String; var allSuppressed: Bool; var cells: [Cell] }
        var from: Date
        var to: Date
        var smallestShown: Int
        /// Shown counts are rounded to the nearest multiple of this.
        var roundedTo: Int
        var questions: [Question]
        var everythingSuppressed: Bool
    }

    /// `period`: the page's, which falls back to the default one; the API reads the query strictly.
    static func build(_ req: Request, period: PagePeriod? = nil) async throws -> Report {
        try req.require(\.readsReports, "Only the service's managers, course admins and verifiers can read reports.")
        let asked = try period.map { (from: $0.from, to: $0.to) } ?? ReportPeriod.parse(req)
        let (from, to) = EqualityRules.wholeMonths(from: asked.from, to: asked.to)
        var questions: [Report.Question] = []
        let counts = try await req.reports.equalityCounts(from: from, to: to, on: req.db)
        for question in EqualityQuestion.allCases {
            let table = EqualityRules.table(question, counts: counts[question] ?? [:])
            questions.append(.init(question: question, heading: question.heading, allSuppressed: table.allSuppressed, cells: table.cells.map { item in
                switch item.cell {
                case .count(let n): Report.Cell(category: item.category, count: n, suppressed: false)
                case .suppressed: Report.Cell(category: item.category, count: nil, suppressed: true)
                }
            }))
        }
        return Report(from: from, to: to, smallestShown: EqualityRules.smallestShown, roundedTo: EqualityRules.roundingBase, questions: questions,
                      everythingSuppressed: questions.allSatisfy(\.allSuppressed))
    }

    func report(req: Request) async throws -> Report { try await Self.build(req) }

    func reportPage(req: Request) async throws -> Response {
        try req.require(\.readsReports, "Only the service's managers, course admins and verifiers can read reports.")
        let period = PagePeriod(req)
        return EqualityReportPage(report: try await Self.build(req, period: period), period: period).response(for: req, status: period.status)
    }
}

struct EqualityFormPage: PageView {
    let answers: EqualityAnswers
    let saved: Bool
    let errors: [FieldError]
    var title: String { "Equality monitoring" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-lg-8"),
            FormParts.errorSummary(errors),
            .h1(.text(title)),
            .p(.class("lead"), .text("These questions are optional. Your answers are kept apart from your name and email, are never shown to anyone about you, and are counted only in totals where any group smaller than \(EqualityRules.smallestShown) people is hidden.")),
            H.form(action: SiteURL.me(.equality).path, csrf: chrome.csrf, id: "equality-form", EqualityQuestion.allCases.map { question in
                FormParts.select(question.rawValue, label: question.text,
                                 options: [("", "Leave blank")] + question.categories.map { ($0, $0) },
                                 selected: answers.answers[question] ?? "", errors: errors)
            } + [H.button("Save answers")]),
            .if(saved, H.form(action: SiteURL.me(.eraseEquality).path, csrf: chrome.csrf, id: "erase-form", [
                .p(.class("mt-4"), .text("You can remove your answers at any time; they are deleted, not hidden.")),
                H.button("Remove my answers", style: "btn-outline-danger"),
            ]))
        ))
    }
}

struct EqualityReportPage: PageView {
    let report: EqualityRoutes.Report
    let period: PagePeriod
    var title: String { (period.errors.isEmpty ? "" : "Error: ") + "Equality monitoring" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            FormParts.errorSummary(period.errors),
            .p(.a(.attr("href", SiteURL.staff(.annualReport).path), .text("Annual report figures"))),
            .h1(.text("Equality monitoring")),
            .p(.class("lead"), .text("People who answered and held a place on a run starting \(ServiceTime.day(report.from)) to \(ServiceTime.day(ReportPeriod.lastDay(before: report.to))). Any group of fewer than \(report.smallestShown) people is hidden, the others are rounded to the nearest \(report.roundedTo), and periods are whole months, so that no report can be set against another to pick someone out.")),
            report.everythingSuppressed
                ? .div(.class("alert alert-info"), .id("all-suppressed"),
                       .text("Too few people answered in this period to show any figure without risk of identifying someone. Choose a longer period below."))
                : .forEach(report.questions) { question in
                    .section(.class("mt-4"),
                        .h2(.class("h5"), .text(question.heading)),
                        question.allSuppressed
                            ? .p(.text("Too few answers to show."))
                            : .table(.class("table table-sm w-auto"),
                                .thead(.tr(.th(.text("Answer")), .th(.text("People")))),
                                .tbody(.forEach(question.cells) { cell in
                                    .tr(.td(.text(cell.category)), .td(.text(cell.count.map(String.init) ?? "fewer than \(report.smallestShown)")))
                                })))
                },
            H.form(action: SiteURL.staff(.equalityReport).path, method: "get", csrf: nil, id: "period", [
                .div(.class("row g-2 align-items-end mt-3"),
                    .group(period.fields(shownFrom: report.from, shownLastDay: ReportPeriod.lastDay(before: report.to))),
                    .div(.class("col-sm-4 mb-3"), H.button("Show", style: "btn-outline-primary"))),
            ])
        )
    }
}

/// The API's body for equality answers: one optional string per question, other keys
/// ignored (the document forbids them), a wrongly typed answer named as its field.
struct EqualityInput: Decodable {
    var values: [String: String?] = [:]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for question in EqualityQuestion.allCases {
            values[question.rawValue] = try container.decodeIfPresent(String.self, forKey: Key(stringValue: question.rawValue))
        }
    }
}
