import Fluent
import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// A member's CPD record: the list with totals, the add form, CSV and a printable record.
struct CPDPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", "cpd", use: record)
        routes.post("me", "cpd", use: add)
        routes.post("me", "cpd", ":entryID", "delete", use: remove)
        routes.get("me", "cpd.csv", use: csv)
        routes.get("me", "cpd", "print", use: printable)
    }

    private func page(_ req: Request, input: CPDFormInput = CPDFormInput(), errors: [FieldError] = [], status: HTTPResponseStatus = .ok) async throws -> Response {
        let user = try req.requireUser()
        let lines = try await CPDBook(db: req.db).lines(of: user.requireID())
        return CPDPage(user: user, lines: lines, input: input, errors: errors).response(for: req, status: status)
    }

    func record(req: Request) async throws -> Response { try await page(req) }

    func add(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = CPDFormInput(FormData(req))
        do {
            _ = try await CPDBook(db: req.db).add(.init(kind: input.kind, title: input.title, date: input.date, hours: input.hours,
                                                        reflection: input.reflection, evidenceURL: input.evidenceURL), for: user)
            req.flash("Added to your CPD record.")
            return req.redirect(to: SiteURL.me(.cpd).path)
        } catch let error as ServiceError where error.status == .unprocessableEntity {
            return try await page(req, input: input, errors: error.formErrors(defaultField: "title"), status: .unprocessableEntity)
        }
    }

    func remove(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let id = req.parameters.get("entryID", as: UUID.self) else { throw ServiceError.notFound("CPD entry") }
        if !req.isConfirmed {
            let entry = try await CPDBook(db: req.db).entry(id, of: user)
            return ConfirmationPage(title: "Remove this entry from your CPD record?",
                                    consequences: ["\u{201C}\(entry.title)\u{201D} (\(ServiceTime.day(entry.date)), \(CPDViews.hours(entry.hours)) hour\(entry.hours == 1 ? "" : "s")) will be removed from your record, its CSV and its printout.",
                                                   "This cannot be undone: to have it back, add it again."],
                                    action: SiteURL.me(.deleteCPDEntry(id)).path, button: "Remove the entry", back: SiteURL.me(.cpd).path)
                .response(for: req, needsCSRF: true)
        }
        try await CPDBook(db: req.db).remove(id, of: user)
        req.flash("Entry removed.")
        return req.redirect(to: SiteURL.me(.cpd).path)
    }

    func csv(req: Request) async throws -> Response {
        let user = try req.requireUser()
        return CSV.response(CPDBook.csv(try await CPDBook(db: req.db).lines(of: user.requireID())), filename: "cpd-record.csv")
    }

    func printable(req: Request) async throws -> Response {
        let user = try req.requireUser()
        return CPDPrintPage(user: user, lines: try await CPDBook(db: req.db).lines(of: user.requireID())).response(for: req)
    }
}

struct CPDFormInput {
    var kind = CPDKind.courseOrWorkshop.rawValue, title = "", date = "", hours = "", reflection = "", evidenceURL = ""
    init() {}
    init(_ form: FormData) {
        kind = form["kind"] ?? ""; title = form["title"] ?? ""; date = form["date"] ?? ""; hours = form["hours"] ?? ""
        reflection = form["reflection"] ?? ""; evidenceURL = form["evidenceUrl"] ?? ""
    }
}

enum CPDViews {
    static func hours(_ value: Double) -> String { String(format: value == value.rounded() ? "%.0f" : "%.1f", value) }

    static func totals(_ lines: [CPDBook.Line]) -> BodyNode {
        let items = lines.map(\.item)
        let all = CPDRules.total(items)
        return .div(.class("row g-3 mb-4"), .id("cpd-totals"),
            .div(.class("col-md-4"), .div(.class("card card-body"),
                .p(.class("display-6 mb-0"), .text(hours(all.hours))), .p(.class("mb-0"), .text("hours in all")),
                .p(.class("small mb-0"), .text("\(all.scqfCredits) SCQF credits · \(all.entries) entries")))),
            .if(!items.isEmpty, .div(.class("col-md-4"), .table(.class("table table-sm caption-top"), .caption(.text("By year")),
                .thead(.tr(.th(.text("Year")), .th(.text("Hours")), .th(.text("Credits")))),
                .tbody(.forEach(CPDRules.totalsByYear(items)) { row in
                    .tr(.td(.text(String(row.year))), .td(.text(hours(row.totals.hours))), .td(.text(String(row.totals.scqfCredits))))
                })))),
            .if(!items.isEmpty, .div(.class("col-md-4"), .table(.class("table table-sm caption-top"), .caption(.text("By kind")),
                .thead(.tr(.th(.text("Kind")), .th(.text("Hours")))),
                .tbody(.forEach(CPDRules.totalsByKind(items)) { row in
                    .tr(.td(.text(row.kind.label)), .td(.text(hours(row.totals.hours))))
                }))))
        )
    }
}

struct CPDPage: PageView {
    let user: User
    let lines: [CPDBook.Line]
    let input: CPDFormInput
    let errors: [FieldError]
    var title: String { (errors.isEmpty ? "" : "Error: ") + "My CPD record" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            FormParts.errorSummary(errors),
            .h1(.text("My CPD record")),
            .p(.text("Your certificates join the record by themselves. Add the informal learning you do too: it all counts towards professional registration such as RSciTech.")),
            .p(.class("d-flex gap-2"), .a(.class("btn btn-outline-secondary btn-sm"), .attr("href", SiteURL.me(.cpdCSV).path), .text("Download CSV")),
               .a(.class("btn btn-outline-secondary btn-sm"), .attr("href", SiteURL.me(.cpdPrint).path), .text("Printable record"))),
            CPDViews.totals(lines),
            .div(.class("row g-4"),
                .div(.class("col-lg-7"),
                    .h2(.class("h4"), .text("Entries")),
                    lines.isEmpty ? .p(.text("Nothing recorded yet.")) :
                    .ul(.class("list-group"), .id("cpd-entries"), .forEach(lines) { line in
                        .li(.class("list-group-item"),
                            .div(.class("d-flex justify-content-between"),
                                .strong(.text(line.item.title)),
                                .span(.class("text-body-secondary"), .text("\(ServiceTime.shortDay(line.item.date)) · \(CPDViews.hours(line.item.hours)) h"))),
                            .div(.class("small"), .text(line.item.kind.label + (line.item.certificateNumber.map { " · certificate \($0)" } ?? "")
                                + (line.item.scqfCredits > 0 ? " · \(line.item.scqfCredits) SCQF credits" : ""))),
                            .unwrap(line.item.reflection) { .p(.class("mb-1 mt-1"), .text($0)) },
                            .unwrap(line.item.evidenceURL) { H.externalLink("Evidence", $0) },
                            .unwrap(line.entryID) { id in
                                H.form(action: SiteURL.me(.deleteCPDEntry(id)).path, csrf: chrome.csrf, [H.button("Remove", style: "btn-link btn-sm p-0 text-danger")])
                            })
                    })),
                .div(.class("col-lg-5"),
                    .h2(.class("h4"), .text("Add learning")),
                    H.form(action: SiteURL.me(.cpd).path, csrf: chrome.csrf, id: "add-cpd", [
                        FormParts.select("kind", label: "Kind", options: CPDKind.allCases.map { ($0.rawValue, $0.label) }, selected: input.kind, errors: errors),
                        FormParts.text("title", label: "What you did", value: input.title, errors: errors),
                        FormParts.text("date", label: "Date", value: input.date, hint: "For example 2026-11-20", type: "date", errors: errors),
                        FormParts.text("hours", label: "Hours", value: input.hours, hint: "For example 1.5", errors: errors, extra: [H.attr("inputmode", "decimal")]),
                        FormParts.textArea("reflection", label: "Reflection", value: input.reflection, hint: "Optional: what you learned and how you will use it", rows: 3, errors: errors),
                        FormParts.text("evidenceUrl", label: "Evidence link", value: input.evidenceURL, hint: "Optional: a link to notes, a certificate or a resource", type: "url", errors: errors),
                        H.button("Add to my record"),
                    ])))
        )
    }
}

/// The record laid out for a professional-registration application.
struct CPDPrintPage: PageView {
    let user: User
    let lines: [CPDBook.Line]
    var title: String { "CPD record: \(user.name)" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            .p(.class("d-print-none"), H.element("button", [H.attr("type", "button"), H.attr("class", "btn btn-primary btn-sm"), H.attr("data-action", "print")], [.text("Print")])),
            .h1(.class("h3"), .text("Record of continuing professional development")),
            .p(.strong(.text(user.name)), .text(" · \(user.email) · printed \(ServiceTime.day(Date()))")),
            CPDViews.totals(lines),
            .table(.class("table table-bordered"),
                .thead(.tr(.th(.text("Date")), .th(.text("Activity")), .th(.text("Kind")), .th(.text("Hours")), .th(.text("Reflection and evidence")))),
                .tbody(.forEach(lines) { line in
                    .tr(.td(.text(ServiceTime.shortDay(line.item.date))),
                        .td(.text(line.item.title + (line.item.certificateNumber.map { " (certificate \($0))" } ?? ""))),
                        .td(.text(line.item.kind.label)), .td(.text(CPDViews.hours(line.item.hours))),
                        .td(.text([line.item.reflection, line.item.evidenceURL].compactMap { $0 }.joined(separator: " · "))))
                }))
        )
    }
}
