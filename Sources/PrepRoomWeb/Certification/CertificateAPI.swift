import Fluent
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// Certificates for API clients: anyone checks one by its number; a person lists their
/// own; course admins revoke.
struct CertificateAPI: RouteCollection {
    struct Revocation: Content { var reason: String }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("certificates", ":number", use: certificate)
        routes.post("certificates", ":number", "revoke", use: revoke)
        routes.get("me", "certificates", use: myCertificates)
    }

    func certificate(req: Request) async throws -> CertificateDTO {
        guard let certificate = try await CertificateDesk.find(req.parameters.get("number"), on: req.db) else {
            throw ServiceError.notFound("certificate with that number")
        }
        return CertificateDTO(certificate)
    }

    func revoke(req: Request) async throws -> CertificateDTO {
        let user = try req.require(\.managesBookings, "Only course admins can revoke certificates.")
        guard let certificate = try await CertificateDesk.find(req.parameters.get("number"), on: req.db) else {
            throw ServiceError.notFound("certificate with that number")
        }
        try await CertificateDesk.revoke(certificate, reason: try req.decodeBody(Revocation.self).reason, by: user, on: req.db)
        return CertificateDTO(certificate)
    }

    func myCertificates(req: Request) async throws -> ListDTO<CertificateDTO> {
        let user = try req.requireUser()
        let certificates = try await CertificateDesk.held(by: user.requireID(), on: req.db)
        return ListDTO(items: certificates.map { CertificateDTO($0) }, total: certificates.count)
    }
}
