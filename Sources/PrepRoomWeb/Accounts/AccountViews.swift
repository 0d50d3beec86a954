import PrepRoomServices
import Plot
import PrepRoomCore
import PrepRoomStore

struct SignInPage: PageView {
    var email = ""
    var next = ""
    var errors: [FieldError] = []
    var title: String { (errors.isEmpty ? "" : "Error: ") + "Sign in" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-md-6"),
            FormParts.errorSummary(errors),
            .h1(.text("Sign in")),
            H.form(action: SiteURL.signIn().path, csrf: chrome.csrf, [
                H.hidden("next", next),
                FormParts.text("email", label: "Email address", value: email, type: "email", errors: errors,
                               extra: [H.attr("autocomplete", "username"), H.attr("spellcheck", "false")]),
                FormParts.text("password", label: "Password", value: "", type: "password", errors: errors,
                               extra: [H.attr("autocomplete", "current-password")]),
                H.button("Sign in"),
            ]),
            .p(.class("mt-3"), .a(.attr("href", SiteURL.forgotPassword.path), .text("Forgot your password?"))),
            .p(.text("New here? "), .a(.attr("href", SiteURL.register.path), .text("Register for an account")))
        ))
    }
}

struct RegisterPage: PageView {
    var name = "", email = "", role = Role.technician.rawValue, organisationID = "", schoolID = ""
    var organisations: [Organisation]
    /// Every school, offered by authority; a person may say later instead.
    var schools: [SchoolStore.Listing] = []
    var errors: [FieldError] = []

    /// A select grouped by authority (one `optgroup` each), which works without script and
    /// lets a browser jump to a school by typing its name.
    private var schoolField: BodyNode {
        let names = Dictionary(organisations.compactMap { organisation in organisation.id.map { ($0, organisation.name) } }, uniquingKeysWith: { a, _ in a })
        let groups = Dictionary(grouping: schools, by: \.organisationID).sorted { (names[$0.key] ?? "") < (names[$1.key] ?? "") }
        return FormParts.field("schoolId", label: "Your school (optional)", hint: "The school you work at, in the local authority or member body above. You can add more on Your account.",
                               errors: errors) { attributes in
            H.element("select", attributes + [H.attr("class", "form-select")],
                [H.element("option", [H.attr("value", "")] + (schoolID.isEmpty ? [H.attr("selected", nil)] : []), [.text("I will say later")])]
                + groups.map { group in
                    H.element("optgroup", [H.attr("label", names[group.key] ?? "")], group.value.map { school in
                        H.element("option", [H.attr("value", school.id.uuidString)] + (school.id.uuidString == schoolID ? [H.attr("selected", nil)] : []),
                                  [.text(school.name)])
                    })
                })
        }
    }
    var title: String { (errors.isEmpty ? "" : "Error: ") + "Register" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-md-7"),
            FormParts.errorSummary(errors),
            .h1(.text("Register")),
            .p(.text("Technicians and teachers in member schools and colleges can register. The service checks each registration, usually within two working days, and emails you when you can sign in.")),
            H.form(action: SiteURL.register.path, csrf: chrome.csrf, [
                FormParts.text("name", label: "Full name", value: name, errors: errors, extra: [H.attr("autocomplete", "name")]),
                FormParts.text("email", label: "Email address", value: email, hint: "Your work email, if you have one", type: "email", errors: errors,
                               extra: [H.attr("autocomplete", "email"), H.attr("spellcheck", "false")]),
                FormParts.text("password", label: "Password", value: "", hint: "At least \(PasswordRule.minimumLength) characters. A few unrelated words work well.",
                               type: "password", errors: errors, extra: [H.attr("autocomplete", "new-password")]),
                FormParts.select("roles", label: "I am a", options: Role.selfRegistrable.map { ($0.rawValue, $0.label) }, selected: role, errors: errors),
                FormParts.select("organisationId", label: "Local authority or member body",
                                 options: [("", "Choose…")] + organisations.map { ($0.id?.uuidString ?? "", $0.name) },
                                 selected: organisationID, errors: errors),
                schoolField,
                H.button("Register"),
            ])
        ))
    }
}

struct RegisteredPage: PageView {
    var title: String { "Registration received" }
    func content(_ chrome: Chrome) -> BodyNode {
        .div(.h1(.text("Registration received")),
             .p(.class("lead"), .text("Thank you. We have emailed you at the address you gave. The service checks each new registration, usually within two working days; once yours is approved you can sign in.")),
             .p(.a(.attr("href", SiteURL.courses().path), .text("Browse the courses meanwhile"))))
    }
}

/// Staff: registrations waiting for approval (approve several at once) and all accounts.
struct AccountsPage: PageView {
    /// The oldest registrations waiting (at most `AccountPages.waitingShown`) and how many wait.
    let waiting: [AccountListing]
    let waitingTotal: Int
    /// One page of the other accounts, by name, matching `search` when there is one.
    let others: [AccountListing]
    let search: String
    let page: Pagination
    let hasMore: Bool
    var title: String { search.isEmpty ? "Accounts" : "Accounts matching \u{201C}\(search)\u{201D}" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            .h1(.text("Accounts")),
            .p(.a(.attr("href", SiteURL.staff(.inactiveAccounts()).path), .text("Accounts nobody has used for a long time"))),
            .h2(.class("h4"), .text("Waiting for approval (\(waitingTotal))")),
            waiting.isEmpty ? .p(.text("No registrations are waiting.")) : waitingForm(chrome),
            .h2(.class("h4 mt-4"), .text("All accounts")),
            H.form(action: SiteURL.staff(.accounts()).path, method: "get", csrf: nil, id: "account-search", [
                .div(.class("row g-2 align-items-end"),
                    .div(.class("col-sm-8 col-md-6"), FormParts.text("q", label: "Find by name or email", value: search, type: "search", errors: [])),
                    .div(.class("col-auto mb-3"), H.button("Search"))),
            ]),
            others.isEmpty
                ? .p(.text(search.isEmpty ? "No other accounts yet." : "No account matches \u{201C}\(search)\u{201D}."))
                : .div(.class("table-responsive"), .table(.class("table"), .id("accounts"),
                    .thead(.tr(.th(.text("Name")), .th(.text("Email")), .th(.text("Roles")), .th(.text("Status")))),
                    .tbody(.forEach(others) { account in
                        .tr(.td(.a(.attr("href", SiteURL.staff(.account(account.id)).path), .text(account.name))),
                            .td(.text(account.email)), .td(.text(account.roles.map(\.label).joined(separator: ", "))),
                            .td(.text(account.status.rawValue.capitalized)))
                    }))),
            Pager.previousNext(page: page.page, hasMore: hasMore, label: "Pages of accounts") { number in
                SiteURL.staff(.accounts(search: search, page: number)).path
            }
        )
    }

    private func waitingForm(_ chrome: Chrome) -> BodyNode {
        H.form(action: SiteURL.staff(.decideAccounts).path, csrf: chrome.csrf, id: "pending-accounts", [
            .if(waitingTotal > waiting.count, .p(.text("The oldest \(waiting.count) are shown; approve or reject them to see the rest."))),
            .div(.class("table-responsive"), .table(.class("table"),
                .thead(.tr(.th(.text("Choose")), .th(.text("Name")), .th(.text("Email")), .th(.text("Role")), .th(.text("Registered")))),
                .tbody(.forEach(waiting) { account in
                    let id = account.id
                    return .tr(
                        .td(H.input([H.attr("type", "checkbox"), H.attr("class", "form-check-input"), H.attr("name", "user-\(id)"),
                                     H.attr("id", "user-\(id)"), H.attr("value", "true"), H.attr("aria-label", "Choose \(account.name)")])),
                        .td(.text(account.name)), .td(.text(account.email)),
                        .td(.text(account.roles.map(\.label).joined(separator: ", "))),
                        .td(.text(account.createdAt.map(ServiceTime.shortDay) ?? "")))
                }))),
            FormParts.text("reason", label: "Reason, if you reject", value: nil,
                           hint: "Sent to the people you reject, so they know what to do. Everyone chosen is emailed the decision.",
                           errors: []),
            .div(.class("d-flex gap-2"),
                 H.button("Approve chosen", name: "decision", value: "approve"),
                 H.button("Reject chosen", style: "btn-outline-danger", name: "decision", value: "reject")),
        ])
    }
}

/// Staff: one person's roles, centre and organisation.
struct AccountRolesPage: PageView {
    let user: User
    let roles: Set<Role>
    let centreID: String
    let organisationID: String
    let centres: [Centre]
    let organisations: [Organisation]
    var errors: [FieldError] = []
    var title: String { (errors.isEmpty ? "" : "Error: ") + "Roles for \(user.name)" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-md-8"),
            FormParts.errorSummary(errors),
            .h1(.text(user.name)),
            .p(.text("\(user.email) · \(user.status.rawValue.capitalized)")),
            .unwrap(user.disabledReason) { .p(.class("alert alert-secondary"), .text("Disabled: \($0)")) },
            H.form(action: SiteURL.staff(.account(user.linkID)).path, csrf: chrome.csrf, [
                FormParts.fieldset(id: "roles", legend: "Roles", errors: errors,
                    Role.allCases.map { FormParts.checkbox("role-\($0.rawValue)", label: $0.label, checked: roles.contains($0)) }),
                FormParts.select("centreId", label: "Centre", options: [("", "None")] + centres.map { ($0.id?.uuidString ?? "", $0.name) },
                                 selected: centreID, hint: "Required for a centre coordinator", errors: errors),
                FormParts.select("organisationId", label: "Local authority or member body",
                                 options: [("", "None")] + organisations.map { ($0.id?.uuidString ?? "", $0.name) },
                                 selected: organisationID, hint: "Required for a local authority manager", errors: errors),
                H.button("Save roles"),
            ]),
            accessForm(chrome),
            AccountPrivacyParts.section(user, chrome: chrome)
        ))
    }

    /// Disabling ends the person's sessions and tokens at once; enabling lets them back.
    private func accessForm(_ chrome: Chrome) -> BodyNode {
        let id = user.linkID
        switch user.status {
        case .approved where user.id != chrome.user?.id:
            return .section(.class("mt-5"), .id("disable-account"),
                .h2(.class("h4"), .text("Disable this account")),
                .p(.text("For a leaver or an account that may be in the wrong hands: they are signed out everywhere, their API tokens are revoked, and they cannot sign in until an admin enables the account again.")),
                H.form(action: SiteURL.staff(.disableAccount(id)).path, csrf: chrome.csrf, [
                    FormParts.textArea("reason", label: "Why", value: "", hint: "Required. Kept with the account and in the audit log.", rows: 2, errors: []),
                    H.button("Disable account", style: "btn-outline-danger"),
                ]))
        case .disabled:
            return .section(.class("mt-5"), .id("enable-account"),
                .h2(.class("h4"), .text("Enable this account")),
                H.form(action: SiteURL.staff(.enableAccount(id)).path, csrf: chrome.csrf, [H.button("Enable account")]))
        default:
            return .empty
        }
    }
}

/// The personal-data part of an admin's page for one account.
enum AccountPrivacyParts {
    static func section(_ user: User, chrome: Chrome) -> BodyNode {
        let id = user.linkID
        guard user.status != .erased else {
            return .section(.class("mt-5"), .id("erased"),
                .h2(.class("h4"), .text("Erased")),
                .p(.text("This account was erased" + (user.erasedAt.map { " on \(ServiceTime.day($0))" } ?? "") + ": it holds no name or address, and nobody can sign in to it. Its bookings still count in reports.")))
        }
        return .section(.class("mt-5"), .id("personal-data"),
            .h2(.class("h4"), .text("Personal data")),
            .p(.a(.attr("href", SiteURL.staff(.accountDownload(id)).path), .text("Download everything held about \(user.name)")),
               .text(" (a subject-access request).")),
            .p(.text("Erasing removes their name and address from every record (for a leaver, or at their request); you will be asked to confirm.")),
            H.form(action: SiteURL.staff(.eraseAccount(id)).path, csrf: chrome.csrf, id: "erase-account", [
                FormParts.textArea("reason", label: "Why", value: "", hint: "Optional. Kept in the audit log, without their name or address.", rows: 2, errors: []),
                H.button("Erase account…", style: "btn-outline-danger"),
            ]))
    }
}
