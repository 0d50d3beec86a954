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
        let query = AuditEntry.query(on: req.db)
        if let action, !action.isEmpty { query.filter(\.$action, .contains(inverse: false, .prefix), action) }
        let total = try await query.count()
        let entries = try await query.sort(\.$at, .descending).range(page.offset..<(page.offset + page.limit)).all()
        let actorIDs = Set(entries.compactMap(\.actorID))
        let actors = try await User.query(on: req.db).filter(\.$id ~~ actorIDs).all()
        let names = Dictionary(uniqueKeysWithValues: actors.compactMap { user in user.id.map { ($0, user.name) } })
        return AuditPage(entries: entries, names: names, action: action ?? "", total: total, page: page).response(for: req)
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
            H.form(action: "/staff/audit", method: "get", csrf: nil, [
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
            .if(page.hasNext(total: total), .p(.a(.attr("href", "/staff/audit?action=\(action.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&page=\(page.page + 1)"), .text("Older entries"))))
        )
    }
}
