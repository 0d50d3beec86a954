import Fluent
import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// Staff: who did what, when. Filter by action prefix (`?action=booking`).
struct AuditPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("staff", "audit", use: page)
    }

    /// The filters as typed, kept in the form and in the "Older entries" link.
    struct Typed { var action = "", from = "", to = "", person = "" }

    func page(req: Request) async throws -> Response {
        try req.require(\.isStaff, "Only the service's staff can read the audit log.")
        let page = try req.pageNumber(perPage: 50)
        let action = try req.queryText("action", maxLength: 60)
        let typed = Typed(action: action ?? "", from: try req.queryText("from", maxLength: 10) ?? "",
                          to: try req.queryText("to", maxLength: 10) ?? "", person: try req.queryText("person", maxLength: TextLimit.email) ?? "")
        var filter = AuditEntry.Filter(actionPrefix: action)
        var errors: [FieldError] = []
        let firstDay = typed.from.isEmpty ? nil : ServiceTime.parseDay(typed.from)
        let lastDay = typed.to.isEmpty ? nil : ServiceTime.parseDay(typed.to)
        if !typed.from.isEmpty, firstDay == nil { errors.append(FieldError("from", "Enter a real date, like 2026-09-01")) }
        if !typed.to.isEmpty, lastDay == nil { errors.append(FieldError("to", "Enter a real date, like 2026-09-30")) }
        if let range = ReportPeriod.openRange(firstDay: firstDay, lastDay: lastDay) { (filter.from, filter.before) = range }
        else { errors.append(FieldError("to", "The last day is before the first")) }
        if !typed.person.isEmpty {
            if let person = try await UserStore.find(email: typed.person, on: req.db) { filter.personID = person.id }
            else { errors.append(FieldError("person", "No account has that email address")) }
        }
        guard errors.isEmpty else {
            return AuditPage(entries: [], names: .init(), typed: typed, errors: errors, total: 0, page: page, opensAccounts: false)
                .response(for: req, status: .unprocessableEntity)
        }
        let found = try await AuditEntry.page(filter, page, on: req.db)
        let subjects = found.items.map { AuditSubject($0.subject) }
        func ids(_ kind: String) -> Set<UUID> { Set(subjects.compactMap { $0.kind == kind ? $0.id : nil }) }
        let names = try await RecordNames.of(users: Set(found.items.compactMap(\.actorID)).union(ids("user")), runs: ids("run"),
                                             bookings: ids("booking"), centres: ids("centre"), on: req.db)
        return AuditPage(entries: found.items, names: names, typed: typed, total: found.total, page: page,
                         opensAccounts: req.currentUser?.permissions.canManageAccounts ?? false).response(for: req)
    }
}

/// An entry's record, `kind:id` as the log stores it.
struct AuditSubject {
    let kind: String
    let reference: String
    init(_ subject: String) {
        let parts = subject.split(separator: ":", maxSplits: 1).map(String.init)
        kind = parts.first ?? ""; reference = parts.count > 1 ? parts[1] : ""
    }
    var id: UUID? { UUID(uuidString: reference) }
}

struct AuditPage: PageView {
    let entries: [AuditEntry]
    let names: RecordNames.Names
    let typed: AuditPages.Typed
    var errors: [FieldError] = []
    let total: Int
    let page: Pagination
    /// Admins open a person's account page from the log; other staff see the name only.
    let opensAccounts: Bool
    var title: String { (errors.isEmpty ? "" : "Error: ") + "Audit log" }

    /// The record by name, linked to its page where the reader may open one.
    private func record(_ subject: String) -> BodyNode {
        let record = AuditSubject(subject)
        let kind = record.kind.replacingOccurrences(of: "_", with: " ").capitalized
        func named(_ label: String?, _ link: SiteURL?) -> BodyNode {
            guard let label else { return .text(subject) }
            guard let link else { return .text("\(kind): \(label)") }
            return .group(.text("\(kind): "), .a(.attr("href", link.path), .text(label)))
        }
        switch record.kind {
        case "user": return named(record.id.flatMap { names.users[$0] }, opensAccounts ? record.id.map { .staff(.account($0)) } : nil)
        case "run": return named(record.id.flatMap { names.runs[$0] }, record.id.map { .run($0) })
        case "booking":
            let booking = record.id.flatMap { names.bookings[$0] }
            return named(booking?.label, booking.map { .run($0.runID) })
        case "centre": return named(record.id.flatMap { names.centres[$0] }, record.id.map { .centre($0) })
        case "certificate": return named(record.reference, .certificate(number: record.reference))
        default: return .text(subject)
        }
    }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            FormParts.errorSummary(errors),
            .h1(.text("Audit log")),
            H.form(action: SiteURL.staff(.audit()).path, method: "get", csrf: nil, id: "audit-filter", [
                .div(.class("row g-2 align-items-end"),
                    .div(.class("col-auto"), FormParts.select("action", label: "Show", options: [("", "Everything"), ("booking", "Bookings"), ("attendance", "Attendance"),
                        ("result", "Results"), ("certificate", "Certificates"), ("run", "Runs"), ("course", "Courses"), ("account", "Accounts")],
                        selected: typed.action, errors: [])),
                    .div(.class("col-auto"), FormParts.text("from", label: "From", value: typed.from, type: "date", errors: errors)),
                    .div(.class("col-auto"), FormParts.text("to", label: "To", value: typed.to, type: "date", errors: errors)),
                    .div(.class("col-auto"), FormParts.text("person", label: "By or about (email)", value: typed.person, type: "email", errors: errors,
                                                           extra: [H.attr("spellcheck", "false")])),
                    .div(.class("col-auto mb-3"), H.button("Filter"))),
            ]),
            .p(.text(Wording.count(total, "entry", plural: "entries"))),
            .table(.class("table table-sm table-stack"), .id("audit"),
                .thead(.tr(.th(.text("When")), .th(.text("Who")), .th(.text("What")), .th(.text("Record")), .th(.text("Details")))),
                .tbody(.forEach(entries) { entry in
                    .tr(.td(.text("\(ServiceTime.shortDay(entry.at)) \(ServiceTime.clock(entry.at))")),
                        .td(.attr("data-label", "Who"), .text(entry.actorID.flatMap { names.users[$0] } ?? (entry.actorID == nil ? "System" : "Unknown"))),
                        .td(.attr("data-label", "What"), .code(.text(entry.action))), .td(.attr("data-label", "Record"), record(entry.subject)),
                        .td(.attr("data-label", "Details"), .text(entry.details)))
                })),
            .if(page.hasNext(total: total), .p(.a(.attr("href", SiteURL.staff(.audit(action: typed.action.isEmpty ? nil : typed.action))
                .adding(query: [("from", typed.from), ("to", typed.to), ("person", typed.person)].filter { !$0.1.isEmpty } + [("page", "\(page.page + 1)")])),
                .text("Older entries"))))
        )
    }
}
