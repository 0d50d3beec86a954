import PrepRoomCore
import PrepRoomServices
import PrepRoomStore
import Vapor

/// The register of schools, public as the government's own list is: for a registration
/// form, an authority's pages, and other tools.
struct SchoolsAPI: RouteCollection {
    struct SchoolDTO: Content {
        var id: UUID
        var seedCode: String
        var name: String
        var type: SchoolType
        var organisationId: UUID
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("schools", use: list)
    }

    /// Every school, or one organisation's (`?organisation=ID`).
    func list(req: Request) async throws -> ListDTO<SchoolDTO> {
        var organisation: UUID?
        if let text = try req.queryValue("organisation") {
            guard let id = UUID(uuidString: text) else {
                throw ServiceError.invalid([FieldError("organisation", "organisation must be an organisation's id")])
            }
            organisation = id
        }
        let schools = try await SchoolStore.list(organisationID: organisation, on: req.db)
        return ListDTO(items: schools.map(SchoolDTO.init), total: schools.count)
    }
}

extension SchoolsAPI.SchoolDTO {
    init(_ school: SchoolStore.Listing) {
        self.init(id: school.id, seedCode: school.seedCode, name: school.name, type: school.type, organisationId: school.organisationID)
    }
}
