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
        let registrations = permissions.canManageAccounts ? try await AccountDirectoryQuery.waiting(limit: 1, on: req.db).total : 0
        let verifies = permissions.has(.verifier) || permissions.managesCentres
        let deliveries = verifies ? try await ExternalVerificationStore.pendingVerifications(on: req.db).count : 0
        return StaffHomePage(name: user.name, permissions: permissions, registrationsWaiting: registrations,
                             verifies: verifies, deliveriesWaiting: deliveries).response(for: req)
    }
}

struct StaffHomePage: PageView {
    let name: String
    let permissions: Permissions
    let registrationsWaiting: Int
    let verifies: Bool
    let deliveriesWaiting: Int
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
                                       Item(title: "Accredited Centres", url: .centres)]))
        }
        if permissions.readsReports {
            groups.append(("Reports", [Item(title: "Annual report figures", url: .staff(.annualReport)),
                                       Item(title: "Delivery by the base and the Accredited Centres", url: .staff(.centreReport)),
                                       Item(title: "Evaluation results", url: .staff(.evaluationReport)),
                                       Item(title: "Equality monitoring", url: .staff(.equalityReport)),
                                       Item(title: "Strategy tracker", url: .strategy)]))
        }
        groups.append(("Records", [Item(title: "Audit log", url: .staff(.audit()))]))
        return groups
    }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            .h1(.text("Staff")),
            .p(.class("lead"), .text("\(name): the pages of your roles.")),
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
