import Plot
import PrepRoomCore
import PrepRoomServices
import Vapor

/// The pages about the service itself, linked from every page's footer: help with the
/// common tasks, how to reach it, what it holds about people and why, and how accessible it is.
struct AboutPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("contact") { req in ContactPage(contact: req.application.contact).response(for: req) }
        routes.get("privacy") { req in
            let configuration = req.application.configuration
            return PrivacyPage(contact: req.application.contact, inactiveMonths: configuration?.inactivity.months ?? InactivityRule.standard.months,
                               backupWeeks: (configuration?.backupRetention ?? BackupRetention()).weeksKept).response(for: req)
        }
        routes.get("accessibility") { req in AccessibilityPage(contact: req.application.contact).response(for: req) }
        routes.get("help") { req in HelpPage(contact: req.application.contact).response(for: req) }
    }
}

struct ContactPage: PageView {
    let contact: ServiceContact
    var title: String { "Contact \(contact.organisation)" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-lg-8"),
            .h1(.text(title)),
            .ul(.class("list-unstyled"), .id("contact-details"),
                .li(.strong(.text("Email: ")), .a(.attr("href", "mailto:" + contact.email), .text(contact.email))),
                .li(.strong(.text("Telephone: ")), .a(.attr("href", contact.phoneLink), .text(contact.phone))),
                .li(.strong(.text("Post: ")), .text("\(contact.organisation), \(contact.address)"))),
            .h2(.class("h4 mt-4"), .text("So that we can help quickly")),
            .ul(
                .li(.text("About a booking: the course, its date, and the email address you booked with.")),
                .li(.text("About a certificate: its number, printed on it (PR- and four groups of four).")),
                .li(.text("About your account: the email address you registered with. Never send your password: nobody at the service will ask for it."))),
            .p(.a(.attr("href", SiteURL.forgotPassword.path), .text("Forgotten your password? Reset it yourself.")))
        ))
    }
}

/// The privacy notice: what the service holds about a person, why, who sees it, and how to
/// use their rights. It says only what the system does.
struct PrivacyPage: PageView {
    let contact: ServiceContact
    var inactiveMonths = InactivityRule.standard.months
    var backupWeeks = BackupRetention().weeksKept
    var title: String { "Privacy notice" }

    /// Each period is the one the service enforces (session policy, housekeeping, the
    /// inactivity review, backup retention), so this list changes when they do.
    static func kept(months: Int, backupWeeks: Int) -> [(String, String)] {
        [
            ("Sessions and failed sign-ins", "A session ends after 2 hours unused or 12 hours in all and is then deleted; failed sign-ins are deleted after an hour."),
            ("Your account and its records", "For as long as you keep the account. An account nobody has signed in to for \(months) months is listed for an admin to review, who keeps it or erases it."),
            ("Certificates", "For as long as they can be checked: after an erasure, only with the holder's name withheld."),
            ("Backups", "Copies of the whole database, to recover from a failure, each kept for about \(backupWeeks) weeks at most: an erasure reaches them as they are replaced. If one ever has to be restored, erasures made since it was taken are carried out again."),
        ]
    }

    private static let held: [(String, String)] = [
        ("Your account", "Name, email address, roles, your local authority or member body (or centre), and a one-way hash of your password: never the password itself."),
        ("Your schools", "The schools you say you work at (technicians and teachers), which you change on Your account; they go when your account is erased."),
        ("Signing in", "Your browser sessions (they end after 2 hours unused or 12 hours in all), the browsers and addresses you usually sign in from (only as digests, so a stranger's failed guesses do not lock you out), and failed sign-ins for an hour."),
        ("Bookings", "The runs you book or wait for, cancellations and their reasons, the days you attended and your results."),
        ("Certificates", "Each certificate's number, course, provider, dates and validity. Anyone who has the number can check it is genuine: that check shows your name, the course and whether it is valid, nothing else."),
        ("Your CPD record", "The learning you add yourself, with your reflections and evidence links, beside the courses you completed."),
        ("Evaluation", "Your answers to the questionnaires before, after and some months after a course."),
        ("Equality monitoring", "Only if you choose to answer. Kept apart from your name and email, never shown about you, and counted only in totals where any group smaller than \(EqualityRules.smallestShown) is hidden. You can remove your answers yourself at any time."),
        ("Emails and the audit log", "The emails the service sends you, and a record of who did what (a booking, an approval, a change of password) so that mistakes and misuse can be traced."),
    ]

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-lg-8"),
            .h1(.text(title)),
            .p(.class("lead"), .text("\(contact.organisation) runs PrepRoom to support school and college technicians: professional learning, certificates that employers can check, and safe practical work. This notice says what the service holds about you and why.")),
            .h2(.class("h4 mt-4"), .text("What the service holds")),
            .ul(.forEach(Self.held) { item in .li(.strong(.text(item.0 + ": ")), .text(item.1)) }),
            .h2(.class("h4 mt-4"), .text("Why, and who sees it")),
            .p(.text("To run courses and their waiting lists, to issue and verify certificates, to assure the quality of courses delivered by Accredited Centres, and to report on the service's work, in totals, to those who fund it.")),
            .ul(
                .li(.text("You see all of your own records.")),
                .li(.text("The service's course staff, and the coordinator of a centre for the runs that centre delivers, see the bookings, attendance and results of those runs.")),
                .li(.text("A verifier sees the attendance and results of a centre's run they check.")),
                .li(.text("A local authority manager sees, for the people registered with their authority, the courses they are booked on and the certificates due to lapse in the next 90 days, to plan and fund their training.")),
                .li(.text("Managers see reports: totals, never one person's equality answers."))),
            .h2(.class("h4 mt-4"), .text("How long it is kept")),
            .ul(.forEach(Self.kept(months: inactiveMonths, backupWeeks: backupWeeks)) { item in .li(.strong(.text(item.0 + ": ")), .text(item.1)) }),
            .h2(.class("h4 mt-4"), .text("Your rights")),
            .p(.text("You can see and use most of them yourself, signed in, under Your data:")),
            .ul(
                .li(.text("download everything the service holds about you, as a readable page and as data (a ZIP file);")),
                .li(.text("erase your account: your name and email address go from every record; your past bookings stay only as anonymous numbers so that reports already made do not change; your upcoming places are given up (the next person waiting is offered them); your certificates still verify by number, showing \u{201C}\(Erasure.withheldHolder)\u{201D} instead of your name, because employers may rely on them;")),
                .li(.text("change your details and password, sign out everywhere, remove entries from your CPD record, and remove your equality answers."))),
            .p(.text("To ask for something wrong to be put right, or if you cannot sign in, write to \(contact.email) or \(contact.organisation), \(contact.address). An admin can export or erase an account for you, for example when you leave the profession.")),
            .p(.text("If you are unhappy with how your information is handled, you can complain to the Information Commissioner's Office (ico.org.uk)."))
        ))
    }
}

/// The accessibility statement: the standard aimed at, how it is checked, what is known
/// not to meet it yet, and how to report a problem.
struct AccessibilityPage: PageView {
    let contact: ServiceContact
    var title: String { "Accessibility statement" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-lg-8"),
            .h1(.text(title)),
            .p(.class("lead"), .text("PrepRoom aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA, so that everyone can find and book courses, keep their records and check a certificate.")),
            .h2(.class("h4 mt-4"), .text("How it is checked")),
            .ul(
                .li(.text("Every journey (registering, booking, the waiting list, delivering and closing a run, verification, evaluation, reports) is run in a real browser with the axe accessibility checker on each page, before every change is accepted.")),
                .li(.text("Every page works with a keyboard and without scripts; forms name each field and put every error beside its field and in a summary at the top.")),
                .li(.text("Charts come with the same figures as a table."))),
            .h2(.class("h4 mt-4"), .text("What does not work well yet")),
            .ul(
                .li(.text("Some wide report tables scroll sideways inside their box on a narrow phone screen; the page itself does not.")),
                .li(.text("A certificate's PDF is tagged for screen readers (PDF/UA), but that support in its converter is new: if it reads badly, the certificate's web page has the same details."))),
            .h2(.class("h4 mt-4"), .text("Reporting a problem")),
            .p(.text("If something does not work for you, or you need information in another format, email \(contact.email) or phone \(contact.phone), and say which page and what went wrong.")),
            .p(.text("If you are not happy with the answer, contact the Equality Advisory and Support Service (EASS)."))
        ))
    }
}
