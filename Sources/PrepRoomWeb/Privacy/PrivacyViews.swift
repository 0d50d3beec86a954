import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices

/// "Your data": the download, and erasing the account.
struct YourDataPage: PageView {
    var errors: [FieldError] = []
    var title: String { (errors.isEmpty ? "" : "Error: ") + "Your data" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-lg-8"),
            FormParts.errorSummary(errors),
            .h1(.text("Your data")),
            .p(.text("The "), .a(.attr("href", SiteURL.privacy.path), .text("privacy notice")),
               .text(" says what the service holds about you, why, and for how long.")),
            .h2(.class("h4 mt-4"), .text("Download everything held about you")),
            .p(.text("A ZIP file with a page you can read in any browser and the same records as JSON: your account, bookings and attendance, certificates, CPD record, questionnaire answers, equality answers, the emails sent to you and the audit log's entries about you.")),
            .p(.a(.class("btn btn-primary"), .id("download-data"), .attr("href", SiteURL.me(.privacyDownload).path), .text("Download your data"))),
            .h2(.class("h4 mt-5"), .id("erase"), .text("Erase your account")),
            .p(.text("Your name and email address go from every record, and you can no longer sign in:")),
            .ul(
                .li(.text("your places on runs that have not started are given up, and go to whoever is waiting;")),
                .li(.text("your CPD record, equality answers, the emails sent to you and what you wrote in questionnaires are deleted;")),
                .li(.text("your past bookings stay without a name, so the service's reports do not change;")),
                .li(.text("your certificates still verify by their number, showing \u{201C}\(Erasure.withheldHolder)\u{201D}: download them first if you will need them."))),
            .p(.strong(.text("This cannot be undone."))),
            H.form(action: SiteURL.me(.eraseAccount).path, csrf: chrome.csrf, id: "erase-form", [
                FormParts.text("password", label: "Your password", value: "", type: "password", errors: errors,
                               extra: [H.attr("autocomplete", "current-password")]),
                FormParts.fieldset(id: "understood", legend: "Confirm", errors: errors, [
                    FormParts.checkbox("understood", label: "I understand that erasing my account cannot be undone", checked: false),
                ]),
                H.button("Erase my account", style: "btn-danger"),
            ])
        ))
    }
}

/// Shown once the person's own account is erased; they are signed out.
struct AccountErasedPage: PageView {
    var title: String { "Your account is erased" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-lg-8"),
            .h1(.text(title)),
            .p(.class("lead"), .text("Your name and email address have gone from the service's records, and you are signed out.")),
            .p(.text("Your certificates still verify by number, without your name. You are welcome to register again at any time.")),
            .p(.a(.attr("href", SiteURL.home.path), .text("Go to the home page")))
        ))
    }
}

/// Admins: accounts nobody has signed in to for a long time, to keep, disable or erase.
struct InactiveAccountsPage: PageView {
    let accounts: [AccountListing]
    let total: Int
    let rule: InactivityRule
    let page: Pagination
    var title: String { "Inactive accounts" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            .h1(.text(title)),
            .p(.text("\(total) approved and disabled account\(total == 1 ? "" : "s") with no sign-in for \(rule.months) months (counted from registration for someone who never signed in), longest unused first. Open one to disable it, download its data, or erase it. The period is PREPROOM_INACTIVE_AFTER_MONTHS.")),
            accounts.isEmpty
                ? .p(.text("No account has gone unused that long."))
                : .div(.class("table-responsive"), .table(.class("table"), .id("inactive-accounts"),
                    .thead(.tr(.th(.text("Name")), .th(.text("Email")), .th(.text("Status")), .th(.text("Last signed in")))),
                    .tbody(.forEach(accounts) { account in
                        .tr(.td(.a(.attr("href", SiteURL.staff(.account(account.id)).path), .text(account.name))),
                            .td(.text(account.email)), .td(.text(account.status.rawValue.capitalized)),
                            .td(.text(account.lastSignedInAt.map(ServiceTime.shortDay)
                                      ?? "Never (registered \(account.createdAt.map(ServiceTime.shortDay) ?? "before records began"))")))
                    }))),
            Pager.previousNext(page: page.page, hasMore: page.hasNext(total: total), label: "Pages of inactive accounts") { number in
                SiteURL.staff(.inactiveAccounts(page: number)).path
            }
        )
    }
}
