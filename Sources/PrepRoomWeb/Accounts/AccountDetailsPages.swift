import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// "Your account": a person's own name and email address.
struct AccountDetailsPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", "account", use: page)
        routes.post("me", "account", "name", use: rename)
        routes.post("me", "account", "email", use: changeEmail)
        routes.post("me", "account", "emails", use: chooseEmails)
        routes.post("me", "account", "organisation", use: moveOrganisation)
        routes.post("me", "account", "schools", use: chooseSchools)
        routes.get("confirm-email", ":token", use: confirmForm)
        routes.post("confirm-email", ":token", use: confirm)
    }

    private func render(_ req: Request, name: String? = nil, newEmail: String = "", errors: [FieldError] = []) async throws -> Response {
        let user = try req.requireUser()
        let organisations = try await OrganisationStore.all(on: req.db)
        // The schools to tick: those of where the person works, and any named elsewhere.
        var schools: [SchoolStore.Listing] = [], chosen: Set<UUID> = []
        if RoleRules.namesSchools(user.roles) {
            let mine = try await SchoolStore.of(person: try user.requireID(), on: req.db)
            chosen = Set(mine.map(\.id))
            let local = try await user.$organisation.id.asyncMap { try await SchoolStore.list(organisationID: $0, on: req.db) } ?? []
            schools = mine.filter { school in !local.contains { $0.id == school.id } } + local
        }
        return AccountDetailsPage(user: user, name: name ?? user.name, newEmail: newEmail,
                                  organisations: organisations.map { ($0.id?.uuidString ?? "", $0.name) },
                                  schools: schools, chosenSchools: chosen, errors: errors)
            .response(for: req, status: errors.isEmpty ? .ok : .unprocessableEntity, needsCSRF: true)
    }

    func page(req: Request) async throws -> Response { try await render(req) }

    func chooseSchools(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let chosen = Set(FormData(req).all("schools").compactMap(UUID.init(uuidString:)))
        do {
            try await Accounts(req).chooseSchools(chosen, for: user)
        } catch let error as ServiceError where error.status == .unprocessableEntity {
            return try await render(req, errors: error.formErrors(defaultField: "schools"))
        }
        req.flash("Your schools are saved.")
        return req.redirect(to: SiteURL.me(.account).path + "#schools")
    }

    func moveOrganisation(req: Request) async throws -> Response {
        let user = try req.requireUser()
        do {
            try await Accounts(req).moveOrganisation(user, to: UUID(uuidString: FormData(req)["organisationId"] ?? ""))
        } catch let error as ServiceError where error.status == .unprocessableEntity {
            return try await render(req, errors: error.formErrors(defaultField: "organisationId"))
        }
        req.flash("Where you work is saved.")
        return req.redirect(to: SiteURL.me(.account).path + "#organisation")
    }

    func rename(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let name = FormData(req)["name"] ?? ""
        do {
            try await Accounts(req).rename(user, to: name)
        } catch let error as ServiceError where error.status == .unprocessableEntity {
            return try await render(req, name: name, errors: error.formErrors(defaultField: "name"))
        }
        req.flash("Your name is saved.")
        return req.redirect(to: SiteURL.me(.account).path)
    }

    func changeEmail(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let email = FormData(req)["newEmail"] ?? ""
        do {
            try await Accounts(req).requestEmailChange(of: user, to: email, links: Links(req))
        } catch let error as ServiceError where error.status == .unprocessableEntity {
            return try await render(req, newEmail: email, errors: error.formErrors(defaultField: "newEmail"))
        }
        req.flash("We have emailed a link to \(RegistrationForm.normalise(email)). Your address changes when you open it; until then it stays \(user.email).")
        return req.redirect(to: SiteURL.me(.account).path)
    }

    /// The boxes ticked are the emails wanted; an unknown value is ignored, not an error,
    /// because the form offers only known ones.
    func chooseEmails(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let wanted = Set(FormData(req).all("emails").compactMap(OptionalEmail.init(rawValue:)))
        try await Accounts(req).chooseEmails(wanted, for: user)
        req.flash("Your email choices are saved.")
        return req.redirect(to: SiteURL.me(.account).path + "#emails")
    }

    private func token(_ req: Request) -> String { req.parameters.get("token") ?? "" }

    /// The emailed link shows a button: following a link must not change anything by itself.
    func confirmForm(req: Request) async throws -> Response {
        guard let pending = try await Accounts(req).pendingEmailChange(token: token(req)) else {
            throw Accounts.deadEmailLink
        }
        return ConfirmationPage(title: "Use \(pending.newEmail) for your account?",
                                consequences: ["From now on you sign in with \(pending.newEmail), and the service writes to it."],
                                action: SiteURL.confirmEmail(token: token(req)).path, button: "Use this address",
                                buttonStyle: "btn-primary", back: SiteURL.home.path)
            .response(for: req, needsCSRF: true)
    }

    func confirm(req: Request) async throws -> Response {
        let user = try await Accounts(req).confirmEmailChange(token: token(req))
        req.flash("Your email address is now \(user.email).")
        return req.redirect(to: req.currentUser == nil ? SiteURL.signIn().path : SiteURL.me(.account).path)
    }
}

struct AccountDetailsPage: PageView {
    let user: User
    let name: String
    let newEmail: String
    /// (id, name) of every organisation a person may say they work for.
    let organisations: [(String, String)]
    /// Schools to tick (where the person works, and any named elsewhere), and those ticked.
    var schools: [SchoolStore.Listing] = []
    var chosenSchools: Set<UUID> = []
    var errors: [FieldError] = []
    var title: String { (errors.isEmpty ? "" : "Error: ") + "Your account" }

    private func schoolsSection(_ chrome: Chrome) -> BodyNode {
        .if(RoleRules.namesSchools(user.roles), .section(.attr("id", "schools"),
            .h2(.class("h4 mt-4"), .text("Your schools")),
            .if(schools.isEmpty,
                .p(.text("Choose where you work above, and the schools of that local authority or member body are listed here.")),
                else: H.form(action: SiteURL.me(.accountSchools).path, csrf: chrome.csrf, id: "schools-form", [
                    H.element("fieldset", [H.attr("class", "mb-3")],
                        [H.element("legend", [H.attr("class", "form-text fs-6")],
                                   [.text("Tick the schools you work at (up to \(SchoolRules.mostPerPerson)).")])]
                        + [FormParts.fieldError("schools", in: errors)]
                        + [.div(.class("school-choices"), .forEach(schools) { school in
                            FormParts.checkbox("schools", label: "\(school.name) (\(school.type.label.lowercased()))",
                                               checked: chosenSchools.contains(school.id), value: school.id.uuidString)
                        })]),
                    H.button("Save your schools", style: "btn-outline-primary"),
                ]))))
    }

    private func organisationSection(_ chrome: Chrome) -> BodyNode {
        let current = user.$organisation.id?.uuidString ?? ""
        let name = organisations.first { $0.0 == current }?.1
        return .section(.attr("id", "organisation"),
            .h2(.class("h4 mt-4"), .text("Where you work")),
            .if(RoleRules.mayChooseOwnOrganisation(user.roles),
                H.form(action: SiteURL.me(.accountOrganisation).path, csrf: chrome.csrf, id: "organisation-form", [
                    FormParts.select("organisationId", label: "Local authority or member body",
                                     options: (current.isEmpty ? [("", "Choose…")] : []) + organisations,
                                     selected: current, errors: errors),
                    H.button("Save where you work", style: "btn-outline-primary"),
                ]),
                else: .p(.text("\(name ?? "No local authority") · the local authority whose people you see is set by the service's admins.")))
        )
    }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-lg-8"),
            FormParts.errorSummary(errors),
            .h1(.text("Your account")),
            .p(.class("lead"), .text("\(user.email) · \(user.roles.map(\.label).joined(separator: ", "))")),
            .h2(.class("h4 mt-4"), .text("Your name")),
            .p(.class("form-text"), .text("As it appears on your certificates from now on (certificates already issued keep the name they were issued to).")),
            H.form(action: SiteURL.me(.accountName).path, csrf: chrome.csrf, id: "name-form", [
                FormParts.text("name", label: "Full name", value: name, errors: errors, extra: [H.attr("autocomplete", "name")]),
                H.button("Save name"),
            ]),
            .h2(.class("h4 mt-4"), .text("Your email address")),
            H.form(action: SiteURL.me(.accountEmail).path, csrf: chrome.csrf, id: "email-form", [
                FormParts.text("newEmail", label: "New email address", value: newEmail,
                               hint: "We email a link to it; it becomes your address when you open the link. Your current address is told.",
                               type: "email", errors: errors, extra: [H.attr("autocomplete", "email"), H.attr("spellcheck", "false")]),
                H.button("Send the link", style: "btn-outline-primary"),
            ]),
            organisationSection(chrome),
            schoolsSection(chrome),
            .section(.attr("id", "emails"),
                .h2(.class("h4 mt-4"), .text("Emails you receive")),
                .p(.class("form-text"), .text("Emails about something you did or must act on (bookings, waiting-list places, cancellations, certificates issued, password and address changes) always go to you. These you can turn off:")),
                H.form(action: SiteURL.me(.accountEmails).path, csrf: chrome.csrf, id: "emails-form", [
                    H.element("fieldset", [H.attr("class", "mb-3")],
                        [H.element("legend", [H.attr("class", "visually-hidden")], [.text("Optional emails")])]
                        + OptionalEmail.allCases.filter { $0.isOffered(to: user.roles) }.map { email in
                            FormParts.checkbox("emails", label: email.label, checked: user.wants(email), value: email.rawValue, hint: email.hint)
                        }),
                    H.button("Save email choices", style: "btn-outline-primary"),
                ])),
            .h2(.class("h4 mt-4"), .text("Password and sign-in")),
            .p(.a(.attr("href", SiteURL.me(.security).path), .text("Change your password, see where you are signed in, and your API tokens"))),
            .h2(.class("h4 mt-4"), .text("Your data")),
            .p(.a(.attr("href", SiteURL.me(.privacy).path), .text("Download everything held about you, or erase your account")))
        ))
    }
}
