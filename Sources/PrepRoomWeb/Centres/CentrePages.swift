import Fluent
import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// A centre's page (public facts; staff and its coordinator see more and act), and the
/// online application.
struct CentrePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("centres", "apply", use: applicationForm)
        routes.post("centres", "apply", use: apply)
        routes.get("centres", ":centreID", use: show)
        routes.post("centres", ":centreID", "status", use: changeStatus)
        routes.post("centres", ":centreID", "approvals", use: grant)
        routes.post("centres", ":centreID", "approvals", ":code", "withdraw", use: withdraw)
        routes.post("centres", ":centreID", "venues", use: addVenue)
    }

    private func form(_ req: Request, input: CentreApplicationInput, errors: [FieldError]) async throws -> Response {
        CentreApplicationPage(input: input, errors: errors, authorities: try await OrganisationStore.localAuthorities(on: req.db))
            .response(for: req, status: errors.isEmpty ? .ok : .unprocessableEntity, needsCSRF: true)
    }

    func applicationForm(req: Request) async throws -> Response {
        let user = try req.requireUser()
        return try await form(req, input: CentreApplicationInput(contactName: user.name, contactEmail: user.email), errors: [])
    }

    func apply(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = CentreApplicationInput(FormData(req))
        do {
            let centre = try await CentreDesk(db: req.db).apply(input.application, by: user)
            req.flash("Thank you: your application is with the service, who will review it and email \(centre.contactEmail ?? user.email).")
            return req.redirect(to: SiteURL.centre(try centre.requireID()).path)
        } catch let error as ServiceError where error.status == .unprocessableEntity {
            return try await form(req, input: input, errors: error.formErrors(defaultField: "name"))
        }
    }

    func show(req: Request) async throws -> Response {
        let profile = try await CentreDesk(db: req.db).profile(CentreAPI.centreID(req), for: req.currentUser)
        return CentrePage(profile: profile).response(for: req, needsCSRF: profile.staff || profile.own)
    }

    private func act(_ req: Request, _ action: @escaping (CentreDesk, Centre, User, FormData) async throws -> String) async throws -> Response {
        let user = try req.requireUser()
        let desk = CentreDesk(db: req.db)
        let centre = try await desk.centre(CentreAPI.centreID(req))
        return try await req.attempt(back: SiteURL.centre(try centre.requireID()).path) {
            try await action(desk, centre, user, FormData(req))
        }
    }

    func changeStatus(req: Request) async throws -> Response {
        try await act(req) { desk, centre, user, form in
            let status = form["status"].flatMap(CentreStatus.init(rawValue:))
            try await desk.changeStatus(of: centre, to: status, reason: form["reason"], by: user)
            return "\(centre.name) is now \(status?.rawValue ?? "")."
        }
    }

    func grant(req: Request) async throws -> Response {
        try await act(req) { desk, centre, user, form in
            let from = try form["from"].map { text in
                guard let date = ServiceTime.parseDay(text) else { throw ServiceError.invalid([FieldError("from", "Enter the date like 2027-03-01")]) }
                return date
            }
            let approval = try await desk.grant(courseCode: form["courseCode"], from: from, to: centre, by: user)
            return "\(centre.name) is approved for \(approval.course.title) from \(ServiceTime.day(approval.from))."
        }
    }

    func withdraw(req: Request) async throws -> Response {
        try await act(req) { desk, centre, user, form in
            let code = req.parameters.get("code") ?? ""
            try await desk.withdraw(courseCode: code, from: centre, reason: form["reason"], by: user)
            return "Approval for \(code) withdrawn."
        }
    }

    func addVenue(req: Request) async throws -> Response {
        try await act(req) { desk, centre, user, form in
            try await desk.addVenue(form["venue"], to: centre, by: user)
            return "Venue added."
        }
    }
}

struct CentreApplicationInput {
    var name = "", kind = "", localAuthorityID = "", contactName = "", contactEmail = "", venues = "", statement = ""

    init(contactName: String = "", contactEmail: String = "") { self.contactName = contactName; self.contactEmail = contactEmail }

    init(_ form: FormData) {
        name = form["name"] ?? ""; kind = form["kind"] ?? ""; localAuthorityID = form["localAuthorityId"] ?? ""
        contactName = form["contactName"] ?? ""; contactEmail = form["contactEmail"] ?? ""
        venues = form.exact("venues"); statement = form["statement"] ?? ""
    }

    var application: CentreApplication {
        CentreApplication(name: name, kind: CentreKind(rawValue: kind), localAuthorityID: UUID(uuidString: localAuthorityID),
                          contactName: contactName, contactEmail: contactEmail, venues: CentreRules.venues(fromLines: venues), statement: statement)
    }
}

struct CentreApplicationPage: PageView {
    let input: CentreApplicationInput
    let errors: [FieldError]
    let authorities: [Organisation]
    var title: String { "Apply to become an Accredited Centre" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-lg-8"),
            FormParts.errorSummary(errors),
            .h1(.text(title)),
            .p(.class("lead"), .text("Colleges, councils and other organisations can deliver the service's SCQF credit-rated courses locally, under the same quality control as courses at the national base. The service reviews every application.")),
            H.form(action: SiteURL.applyForCentre.path, csrf: chrome.csrf, id: "centre-application", [
                FormParts.text("name", label: "Organisation's name", value: input.name, errors: errors),
                FormParts.select("kind", label: "Kind of organisation", options: [("", "Choose…")] + CentreKind.allCases.map { ($0.rawValue, $0.label) },
                                 selected: input.kind, errors: errors),
                FormParts.select("localAuthorityId", label: "Local authority served", options: [("", "Choose…")] + authorities.map { ($0.id?.uuidString ?? "", $0.name) },
                                 selected: input.localAuthorityID, errors: errors),
                FormParts.text("contactName", label: "Contact name", value: input.contactName, errors: errors),
                FormParts.text("contactEmail", label: "Contact email", value: input.contactEmail, type: "email", errors: errors),
                FormParts.textArea("venues", label: "Venues", value: input.venues, hint: "Where courses would be delivered: one venue a line, with its address.", rows: 3, errors: errors),
                FormParts.textArea("statement", label: "Why you want to deliver the courses", value: input.statement,
                                   hint: "Which courses, for whom, and the rooms, equipment and staff you have for them.", rows: 5, errors: errors),
                H.button("Send application"),
            ])
        ))
    }
}

struct CentrePage: PageView {
    let profile: CentreDesk.Profile
    var centre: Centre { profile.centre }
    var history: [CentreStatusChange] { profile.history }
    var staff: Bool { profile.staff }
    var own: Bool { profile.own }
    var runs: [CentreRunLine] { profile.runs }
    var title: String { centre.name }
    private var id: UUID { centre.linkID }

    func content(_ chrome: Chrome) -> BodyNode {
        let current = profile.courses.filter { $0.approvedFrom != nil }
        return .div(
            .h1(.text(centre.name)),
            .p(.class("lead"), .span(.attr("class", "badge text-bg-\(centre.status == .approved ? "success" : "secondary") me-2"), .id("centre-status"), .text(centre.status.label)),
               .text("\(centre.kind.label) · \(centre.localAuthority.name)")),
            .h2(.class("h4"), .text("Venues")),
            .ul(.id("venues"), .forEach(centre.venues.sorted { $0.name < $1.name }) { .li(.text($0.name)) }),
            .h2(.class("h4"), .text("Courses it is approved to deliver")),
            current.isEmpty ? .p(.id("approvals"), .text("None yet.")) :
                .table(.class("table table-stack"), .id("approvals"),
                    .thead(.tr(.th(.text("Course")), .th(.text("From")), .if(staff, .th(.text("Withdraw"))))),
                    .tbody(.forEach(current) { approval in
                        .tr(.td(.a(.attr("href", SiteURL.course(code: approval.code).path), .text(approval.title))),
                            .td(.attr("data-label", "From"), .text(approval.approvedFrom.map(ServiceTime.day) ?? "")),
                            .if(staff, .td(H.form(action: SiteURL.centre(id, .withdrawApproval(courseCode: approval.code)).path, csrf: chrome.csrf, [
                                .div(.class("input-group input-group-sm"),
                                    H.input([H.attr("name", "reason"), H.attr("class", "form-control"), H.attr("aria-label", "Reason for withdrawing \(approval.title)"),
                                             H.attr("placeholder", "Reason")]),
                                    H.button("Withdraw", style: "btn-outline-danger btn-sm"))]))))
                    })),
            .if(own && centre.status == .approved, coordinatorPanel(current)),
            .if(staff || own, runsSection()),
            .if(staff, staffPanel(chrome)),
            .if(staff || own, historySection())
        )
    }

    private func coordinatorPanel(_ current: [ApprovalStore.CentreCourse]) -> BodyNode {
        .section(.class("mt-4"), .id("schedule"),
            .h2(.class("h4"), .text("Schedule a run")),
            .ul(.forEach(current) { approval in
                .li(.a(.attr("href", SiteURL.course(code: approval.code, .newRun).path), .text("Schedule \(approval.title)")))
            }))
    }

    private func runsSection() -> BodyNode {
        .section(.class("mt-4"),
            .h2(.class("h4"), .text("Runs")),
            runs.isEmpty ? .p(.text("No runs yet.")) :
            .table(.class("table table-stack"), .id("centre-runs"),
                .thead(.tr(.th(.text("Course")), .th(.text("Starts")), .th(.text("Status")), .th(.text("Verification")))),
                .tbody(.forEach(runs) { run in
                    .tr(.td(.a(.attr("href", SiteURL.run(run.runID, .delegates).path), .text(run.courseTitle))),
                        .td(.attr("data-label", "Starts"), .text(ServiceTime.day(run.startsAt))),
                        .td(.attr("data-label", "Status"), .text(run.status.rawValue.capitalized)),
                        .td(.attr("data-label", "Verification"), run.verification.map { .a(.attr("href", SiteURL.run(run.runID, .verification).path), .text($0.label)) } ?? .text("")))
                })))
    }

    private func staffPanel(_ chrome: Chrome) -> BodyNode {
        let changes = CentreRules.allowedChanges(from: centre.status)
        let grantable = profile.courses.filter { $0.deliverable && $0.approvedFrom == nil }
        return .section(.class("mt-4 border-top pt-3"), .id("staff"),
            .h2(.class("h4"), .text("For the service")),
            .unwrap(centre.statement) { .div(.h3(.class("h6"), .text("Application")), .p(.text($0)),
                                             .p(.text("Contact: \(centre.contactName ?? "") <\(centre.contactEmail ?? "")>"))) },
            .if(!changes.isEmpty, H.form(action: SiteURL.centre(id, .status).path, csrf: chrome.csrf, id: "status-form", [
                FormParts.select("status", label: "Change status", options: changes.map { ($0.rawValue, Self.verb($0, from: centre.status)) },
                                 selected: nil, errors: []),
                FormParts.textArea("reason", label: "Reason", value: nil, hint: "Told to the centre. Needed for anything but approval.", rows: 2, errors: []),
                H.button("Save status"),
            ])),
            .if(!grantable.isEmpty && centre.status != .rejected && centre.status != .withdrawn,
                H.form(action: SiteURL.centre(id, .approvals).path, csrf: chrome.csrf, id: "grant-form", [
                    FormParts.select("courseCode", label: "Approve for a course", options: grantable.map { ($0.code, $0.title) }, selected: nil, errors: []),
                    FormParts.text("from", label: "From", value: ServiceTime.isoDay(Date()), hint: "The first day runs may start, like 2027-03-01.", type: "date", errors: []),
                    H.button("Approve for this course", style: "btn-outline-primary"),
                ])),
            H.form(action: SiteURL.centre(id, .venues).path, csrf: chrome.csrf, id: "venue-form", [
                FormParts.text("venue", label: "Add a venue", value: nil, errors: []),
                H.button("Add venue", style: "btn-outline-secondary"),
            ]))
    }

    static func verb(_ status: CentreStatus, from: CentreStatus) -> String {
        switch status {
        case .approved: from == .suspended ? "Reinstate" : "Approve"
        case .rejected: "Reject the application"
        case .suspended: "Suspend"
        case .withdrawn: "Withdraw accreditation"
        case .applicant: "Applicant"
        }
    }

    private func historySection() -> BodyNode {
        .section(.class("mt-4"),
            .h2(.class("h4"), .text("Status history")),
            .ol(.id("history"), .forEach(history) { change in
                .li(.text("\(ServiceTime.day(change.changedAt)): \(change.to.label)" + (change.reason.map { ". \($0)" } ?? "")))
            }))
    }
}
