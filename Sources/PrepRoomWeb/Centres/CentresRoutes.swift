import Fluent
import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

struct OrganisationDTO: Content {
    var id: String
    var name: String
    var kind: OrganisationKind
    init(_ organisation: Organisation) { id = organisation.id?.uuidString ?? ""; name = organisation.name; kind = organisation.kind }
}

/// Accredited Centres and member organisations: a public page and the API.
struct CentresRoutes: RouteCollection {
    let api: Bool

    func boot(routes: any RoutesBuilder) throws {
        if api {
            routes.get("centres", use: listCentres)
            routes.get("organisations", use: listOrganisations)
        } else {
            routes.get("centres", use: page)
        }
    }

    func listCentres(req: Request) async throws -> ListDTO<CentreDTO> {
        let centres = try await CentreStore.list(status: try req.queryChoice("status", CentreStatus.self), on: req.db)
        return ListDTO(items: centres.map(CentreDTO.init), total: centres.count)
    }

    func listOrganisations(req: Request) async throws -> ListDTO<OrganisationDTO> {
        let organisations = try await OrganisationStore.all(on: req.db)
        return ListDTO(items: organisations.map(OrganisationDTO.init), total: organisations.count)
    }

    func page(req: Request) async throws -> Response {
        CentresPage(centres: try await CentreStore.listing(on: req.db)).response(for: req)
    }
}

struct CentresPage: PageView {
    let centres: [CentreStore.Listing]
    var title: String { "Accredited Centres" }

    func content(_ chrome: Chrome) -> BodyNode {
        let approved = centres.filter { $0.status == .approved }, applicants = centres.filter { $0.status == .applicant }
        return .div(
            .h1(.text("Accredited Centres")),
            .p(.class("lead"), .text("Colleges and councils accredited to deliver the service's SCQF credit-rated courses locally, under the same quality control as courses at the national base.")),
            .p(.a(.class("btn btn-outline-primary"), .attr("href", SiteURL.applyForCentre.path), .text("Apply to become a centre"))),
            .h2(.class("h4"), .text("Operating centres")),
            table(approved, id: "approved-centres"),
            .h2(.class("h4 mt-4"), .text("Applicants")),
            table(applicants, id: "applicant-centres")
        )
    }

    private func table(_ centres: [CentreStore.Listing], id: String) -> BodyNode {
        .table(.class("table table-stack"), .attr("id", id),
            .thead(.tr(.th(.text("Centre")), .th(.text("Kind")), .th(.text("Local authority")), .th(.text("Venue")))),
            .tbody(.forEach(centres) { centre in
                .tr(.td(.a(.attr("href", SiteURL.centre(centre.id).path), .text(centre.name))), .td(.attr("data-label", "Kind"), .text(centre.kind.label)),
                    .td(.attr("data-label", "Local authority"), .text(centre.localAuthority)), .td(.attr("data-label", "Venue"), .text(centre.venue)))
            }))
    }
}
