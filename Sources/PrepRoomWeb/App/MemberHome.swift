import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// A member's home (`/me`), where a technician or teacher lands after signing in: the next
/// courses and waiting lists, the questionnaires waiting, the certificates to renew, and for
/// a centre coordinator the centre's runs still to finish, for a local authority manager
/// the authority's people booked and their certificates lapsing. Like the staff home it gathers
/// several areas, so it lives with the composition.
struct MemberHome: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", use: page)
    }

    func page(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let id = try user.requireID()
        let now = Date()
        let bookings = try await MemberBookingsQuery.bookings(of: id, on: req.db)
        var evaluation = EvaluationDesk(db: req.db)
        evaluation.now = now
        let questionnaires = try await evaluation.dues(of: id).filter(\.waiting)
        let held = try await CertificateDesk.heldWithRefreshers(by: id, now: now, on: req.db)
        let centreRuns = user.permissions.roles.contains(.centreCoordinator) && user.centreID != nil
            ? try await OpenRunsQuery.runs(centre: user.centreID, now: now, on: req.db) : nil
        var authority: AuthorityOverview?
        if user.permissions.roles.contains(.laManager), let organisation = user.$organisation.id {
            authority = try await AuthorityOverviewQuery.overview(of: organisation, now: now, on: req.db)
        }
        return MemberHomePage(name: user.name, now: now, bookings: bookings, questionnaires: questionnaires,
                              certificates: held.certificates, refreshers: held.refreshers, centreRuns: centreRuns,
                              authority: authority).response(for: req)
    }
}

struct MemberHomePage: PageView {
    let name: String
    let now: Date
    let bookings: [MemberBooking]
    let questionnaires: [EvaluationDesk.Due]
    let certificates: [Certificate]
    let refreshers: [String: Course]
    /// A coordinator's centre's open runs; `nil` for everyone else.
    let centreRuns: [OpenRun]?
    /// A local authority manager's view of their authority's people; `nil` for everyone else.
    var authority: AuthorityOverview? = nil
    var title: String { "My page" }

    /// Confirmed places and waiting lists of runs not yet over, soonest first.
    private var comingUp: [MemberBooking] {
        bookings.filter { [.upcoming, .waiting].contains(MemberBookingSection.of($0.status, run: $0.run, now: now)) }
            .sorted { $0.run.startsAt < $1.run.startsAt }
    }

    /// Certificates expiring within the window or expired and not renewed, soonest first.
    private var toRenew: [Certificate] {
        let held = certificates.map(\.held)
        return certificates.filter { CertificateRules.isDueForRenewal($0.held, among: held, now: now) }
            .sorted { ($0.expiresAt ?? now) < ($1.expiresAt ?? now) }
    }

    private func card(_ id: String, _ heading: String, more: (String, SiteURL)?, _ body: BodyNode) -> BodyNode {
        .div(.class("col-md-6"), .section(.class("card h-100"), .attr("id", id), .div(.class("card-body"),
            .h2(.class("h5"), .text(heading)), body,
            .unwrap(more) { .p(.class("mb-0 mt-2"), .a(.attr("href", $0.1.path), .text($0.0))) })))
    }

    private var bookingsCard: BodyNode {
        let rows = comingUp
        return card("home-bookings", "Coming up", more: ("All my bookings", .me(.bookings)), rows.isEmpty
            ? .p(.text("Nothing booked. "), .a(.attr("href", SiteURL.courses().path), .text("Find a course")))
            : .ul(.class("list-unstyled mb-0"), .forEach(rows.prefix(5)) { row in
                .li(.class("mb-2"), .a(.attr("href", SiteURL.run(row.runID).path), .text(row.courseTitle)),
                    .div(.class("small text-body-secondary"), .text(RunViews.dates(row.sessions, startsAt: row.run.startsAt)
                        + (row.status == .waitlisted ? " · waiting list, number \(row.position ?? 0)" : " · confirmed"))))
            }))
    }

    private var questionnairesCard: BodyNode {
        card("home-questionnaires", "Questionnaires to answer", more: ("All my questionnaires", .me(.evaluations)), questionnaires.isEmpty
            ? .p(.class("text-body-secondary"), .text("None waiting. Each course asks three times: before, after, and some weeks later."))
            : .ul(.class("list-unstyled mb-0"), .forEach(questionnaires) { due in
                .li(.class("mb-2"), .a(.attr("href", SiteURL.booking(due.bookingId, .evaluation(step: due.step.rawValue)).path),
                                       .text("\(due.courseTitle): \(due.step.label.lowercased())")))
            }))
    }

    private var certificatesCard: BodyNode {
        let due = toRenew
        return card("home-certificates", "Certificates to renew", more: ("All my certificates", .me(.certificates)), due.isEmpty
            ? .p(.class("text-body-secondary"), .text("None expires in the next \(CertificateRules.expiringWindowDays) days."))
            : .ul(.class("list-unstyled mb-0"), .forEach(due) { certificate in
                .li(.class("mb-2"), .a(.attr("href", SiteURL.certificate(number: certificate.number).path), .text(certificate.courseTitle)),
                    .div(.class("small text-body-secondary"), .text(certificate.expiresAt.map {
                        ($0 <= now ? "Expired " : "Expires ") + ServiceTime.shortDay($0) } ?? "")),
                    .unwrap(refreshers[certificate.courseCode]) { refresher in
                        .div(.class("small"), .text("Renew it: "), .a(.attr("href", SiteURL.course(code: refresher.code).path), .text(refresher.title)))
                    })
            }))
    }

    private func authoritySection(_ overview: AuthorityOverview) -> BodyNode {
        .section(.class("mt-4"), .id("home-authority"),
            .h2(.class("h4"), .text(overview.authority)),
            .p(.text("\(Wording.count(overview.people, "person", plural: "people")) registered with the authority. ")),
            .h3(.class("h5"), .text("Booked on courses coming up")),
            overview.places.isEmpty ? .p(.class("text-body-secondary"), .text("Nobody from the authority is booked on a course coming up.")) :
            .table(.class("table table-sm table-stack"),
                .thead(.tr(.th(.text("Person")), .th(.text("Course")), .th(.text("Starts")), .th(.text("Place")))),
                .tbody(.forEach(overview.places) { place in
                    .tr(.td(.text(place.name)), .td(.a(.attr("href", SiteURL.run(place.runID).path), .text(place.courseTitle))),
                        .td(.text(ServiceTime.shortDay(place.startsAt))), .td(.text(place.waiting ? "Waiting list" : "Confirmed")))
                })),
            firstOnly(overview.places.count),
            .h3(.class("h5"), .text("Certificates lapsing in the next \(CertificateRules.expiringWindowDays) days")),
            overview.lapsing.isEmpty ? .p(.class("text-body-secondary"), .text("None.")) :
            .table(.class("table table-sm table-stack"),
                .thead(.tr(.th(.text("Person")), .th(.text("Course")), .th(.text("Certificate")), .th(.text("Expires")))),
                .tbody(.forEach(overview.lapsing) { item in
                    .tr(.td(.text(item.name)), .td(.text(item.courseTitle)),
                        .td(.a(.attr("href", SiteURL.certificate(number: item.number).path), .text(item.number))),
                        .td(.text(ServiceTime.shortDay(item.expiresAt))))
                })),
            firstOnly(overview.lapsing.count))
    }

    private func firstOnly(_ count: Int) -> BodyNode {
        .if(count >= AuthorityOverviewQuery.listLimit, .p(.class("small text-body-secondary"), .text("The first \(count), soonest first.")))
    }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            .h1(.text("My page")),
            .p(.class("lead"), .text("\(name): what is coming up and what waits for you.")),
            .div(.class("row g-3"), bookingsCard, questionnairesCard, certificatesCard,
                 .unwrap(centreRuns) { card("home-centre-runs", "Your centre's runs to finish", more: nil, OpenRunsView.list($0)) }),
            .unwrap(authority) { authoritySection($0) }
        )
    }
}

/// Open runs with the provider's next step, on the staff and coordinators' homes.
enum OpenRunsView {
    static func list(_ runs: [OpenRun]) -> BodyNode {
        runs.isEmpty ? .p(.class("text-body-secondary"), .text("No run that has started is waiting to be finished.")) : .group(
            .if(runs.count >= OpenRunsQuery.listLimit, .p(.class("small text-body-secondary"), .text("The \(runs.count) oldest are shown."))),
            .ul(.class("list-unstyled mb-0"), .forEach(runs) { run in
                .li(.class("mb-2"), .a(.attr("href", SiteURL.run(run.runID, .delegates).path), .text(run.courseTitle)),
                    .div(.class("small text-body-secondary"), .text(ServiceTime.shortDay(run.startsAt)
                        + (run.centreName.map { " · \($0)" } ?? "") + " · \(Wording.count(run.confirmed, "delegate"))")),
                    .div(.class("small fw-semibold"), .text(run.nextStep?.label ?? "Under way: attendance up to date")))
            }))
    }
}
