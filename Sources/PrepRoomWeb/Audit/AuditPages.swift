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

    func page(req: Request) async throws -> Response {
        try req.require(\.isStaff, "Only the service's staff can read the audit log.")
        let page = try req.pageNumber(perPage: 50)
        let action = try req.queryText("action", maxLength: 60)
        let found = try await AuditEntry.page(actionPrefix: action, page, on: req.db)
        let subjects = found.items.map { AuditSubject($0.subject) }
        func ids(_ kind: String) -> Set<UUID> { Set(subjects.compactMap { $0.kind == kind ? $0.id : nil }) }
        let names = try await RecordNames.of(users: Set(found.items.compactMap(\.actorID)).union(ids("user")), runs: ids("run"),
                                             bookings: ids("booking"), centres: ids("centre"), on: req.db)
        return AuditPage(entries: found.items, names: names, action: action ?? "", total: found.total, page: page,
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
    let action: String
    let total: Int
    let page: Pagination
    /// Admins open a person's account page from the log; other staff see the name only.
    let opensAccounts: Bool
    var title: String { "Audit log" }

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
            .h1(.text("Audit log")),
            H.form(action: SiteURL.staff(.audit()).path, method: "get", csrf: nil, [
                .div(.class("row g-2 align-items-end"),
                    .div(.class("col-auto"), FormParts.select("action", label: "Show", options: [("", "Everything"), ("booking", "Bookings"), ("attendance", "Attendance"),
                        ("result", "Results"), ("certificate", "Certificates"), ("run", "Runs"), ("course", "Courses"), ("account", "Accounts")],
                        selected: action, errors: [])),
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
            .if(page.hasNext(total: total), .p(.a(.attr("href", SiteURL.staff(.audit(action: action)).adding(query: [("page", "\(page.page + 1)")])), .text("Older entries"))))
        )
    }
}
