import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// The staff's home (`/staff`): the pages of each of the person's roles, with what waits
/// for them there. It lives with the composition because it gathers every area's pages.
struct StaffHome: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("staff", use: page)
    }

    func page(req: Request) async throws -> Response {
        let user = try req.require(\.isStaff, "Only the service's staff have a staff page.")
        let permissions = user.permissions
        let registrations = permissions.canManageAccounts ? try await AccountDirectoryQuery.waitingCount(on: req.db) : 0
        let verifies = permissions.has(.verifier) || permissions.managesCentres
        let deliveries = verifies ? try await ExternalVerificationStore.pendingCount(on: req.db) : 0
        let now = Date()
        let openRuns = permissions.canEditCatalogue ? try await OpenRunsQuery.runs(now: now, on: req.db) : nil
        var figures: StaffHomePage.Figures?
        if permissions.has(.manager), let year = ReportPeriod.resolve(firstDay: nil, lastDay: nil, now: now) {
            // The year's training days count every booking of the year: kept as a report is.
            figures = .init(trainingDays: try await req.reports.trainingDays(from: year.from, to: year.to, on: req.db), target: try await AnnualReportQuery.target(on: req.db), yearFrom: year.from,
                            objectives: try await StrategyDesk.visible(to: user, on: req.db).map(\.status))
        }
        return StaffHomePage(name: user.name, permissions: permissions, registrationsWaiting: registrations,
                             verifies: verifies, deliveriesWaiting: deliveries, openRuns: openRuns, figures: figures).response(for: req)
    }
}

struct StaffHomePage: PageView {
    /// A manager's headline: training days this academic year against the target, and the
    /// strategy tracker's objectives by status.
    struct Figures {
        var trainingDays: Int
        var target: Int
        var yearFrom: Date
        var objectives: [ObjectiveStatus]
    }

    let name: String
    let permissions: Permissions
    let registrationsWaiting: Int
    let verifies: Bool
    let deliveriesWaiting: Int
    /// Course admins': every provider's runs that have started and are not closed.
    var openRuns: [OpenRun]? = nil
    var figures: Figures? = nil
    var title: String { "Staff" }

    private struct Item { var title: String; var url: SiteURL; var note: String? = nil }

    private var groups: [(String, [Item])] {
        var groups: [(String, [Item])] = []
        if permissions.canManageAccounts {
            groups.append(("Accounts", [Item(title: "Registrations and accounts", url: .staff(.accounts()),
                                             note: registrationsWaiting == 0 ? "No registration is waiting."
                                                 : "\(Wording.count(registrationsWaiting, "registration")) waiting for approval.")]))
        }
        if verifies {
            groups.append(("External verification", [Item(title: "Verification queue and sampling policy", url: .staff(.verifications),
                                                          note: deliveriesWaiting == 0 ? "No delivery is waiting."
                                                              : "\(Wording.count(deliveriesWaiting, "delivery", plural: "deliveries")) waiting for a verifier.")]))
        }
        if permissions.canEditCatalogue {
            groups.append(("Courses", [Item(title: "The catalogue (edit a course from its page)", url: .courses()),
                                       Item(title: "Add a course", url: .newCourse),
                                       Item(title: "Evaluation questionnaires", url: .staff(.evaluation)),
                                       Item(title: "Emails the service sends", url: .staff(.emails)),
                                       Item(title: "Accredited Centres", url: .centres)]))
        }
        if permissions.readsReports {
            groups.append(("Reports", [Item(title: "Annual report figures", url: .staff(.annualReport)),
                                       Item(title: "Delivery by the base and the Accredited Centres", url: .staff(.centreReport)),
                                       Item(title: "Evaluation results", url: .staff(.evaluationReport)),
                                       Item(title: "Equality monitoring", url: .staff(.equalityReport)),
                                       Item(title: "Strategy tracker", url: .strategy)]))
        }
        if EquipmentAccess.seesEveryAuthority(permissions) {
            var items = [Item(title: "Equipment checks by local authority", url: .me(.equipment()))]
            if EquipmentAccess.mayChangeIntervals(permissions) {
                items.append(Item(title: "Kinds of equipment and their check intervals", url: .staff(.equipmentCategories)))
            }
            groups.append(("Equipment", items))
        }
        if CommunityRules.mayModerate(permissions) {
            groups.append(("Techné", [Item(title: "Flagged posts", url: .staff(.communityFlags)), Item(title: "Techné", url: .community)]))
        }
        groups.append(("Records", [Item(title: "Audit log", url: .staff(.audit()))]))
        return groups
    }

    private func figuresCard(_ figures: Figures) -> BodyNode {
        let counts = ObjectiveStatus.allCases.compactMap { status -> String? in
            let n = figures.objectives.filter { $0 == status }.count
            return n == 0 ? nil : "\(n) \(status.label.lowercased())"
        }
        return .section(.class("card mb-3"), .id("staff-figures"), .div(.class("card-body"),
            .h2(.class("h5"), .text("This academic year")),
            .p(.strong(.text("\(figures.trainingDays)")),
               .text(" training days delivered since \(ServiceTime.shortDay(figures.yearFrom)), against a target of \(figures.target) for the year.")),
            .p(.class("mb-0"), .text("Strategy tracker: " + (counts.isEmpty ? "no objectives." : counts.joined(separator: ", ") + ". ")),
               .a(.attr("href", SiteURL.strategy.path), .text("Open the tracker")))))
    }

    private func openRunsCard(_ runs: [OpenRun]) -> BodyNode {
        .section(.class("card mb-3"), .id("staff-open-runs"), .div(.class("card-body"),
            .h2(.class("h5"), .text("Runs to finish")),
            .p(.class("small text-body-secondary"), .text("Runs that have started and are not closed: attendance, results, then closing issues the certificates.")),
            OpenRunsView.list(runs)))
    }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            .h1(.text("Staff")),
            .p(.class("lead"), .text("\(name): the pages of your roles.")),
            .unwrap(figures) { figuresCard($0) },
            .unwrap(openRuns) { openRunsCard($0) },
            .div(.class("row g-3"), .id("staff-pages"), .forEach(groups) { group in
                .div(.class("col-md-6 col-lg-4"), .section(.class("card h-100"), .div(.class("card-body"),
                    .h2(.class("h5"), .text(group.0)),
                    .ul(.class("list-unstyled mb-0"), .forEach(group.1) { item in
                        .li(.class("mb-2"), .a(.attr("href", item.url.path), .text(item.title)),
                            .unwrap(item.note) { .div(.class("small text-body-secondary"), .text($0)) })
                    }))))
            })
        )
    }
}
