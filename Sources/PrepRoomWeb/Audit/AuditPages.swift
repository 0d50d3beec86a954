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
        let names = try await UserStore.named(Set(found.items.compactMap(\.actorID)), on: req.db).mapValues(\.name)
        return AuditPage(entries: found.items, names: names, action: action ?? "", total: found.total, page: page).response(for: req)
    }
}

struct AuditPage: PageView {
    let entries: [AuditEntry]
    let names: [UUID: String]
    let action: String
    let total: Int
    let page: Pagination
    var title: String { "Audit log" }

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
            .p(.text("\(total) entries")),
            .table(.class("table table-sm"), .id("audit"),
                .thead(.tr(.th(.text("When")), .th(.text("Who")), .th(.text("What")), .th(.text("Record")), .th(.text("Details")))),
                .tbody(.forEach(entries) { entry in
                    .tr(.td(.text("\(ServiceTime.shortDay(entry.at)) \(ServiceTime.clock(entry.at))")),
                        .td(.text(entry.actorID.flatMap { names[$0] } ?? (entry.actorID == nil ? "System" : "Unknown"))),
                        .td(.code(.text(entry.action))), .td(.text(entry.subject)), .td(.text(entry.details)))
                })),
            .if(page.hasNext(total: total), .p(.a(.attr("href", SiteURL.staff(.audit(action: action)).adding(query: [("page", "\(page.page + 1)")])), .text("Older entries"))))
        )
    }
}
