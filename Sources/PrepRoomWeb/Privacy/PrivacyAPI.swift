import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// The API of a person's data: the download (a ZIP) and erasure, one's own or, for admins,
/// anyone's; and the inactive accounts.
struct PrivacyAPI: RouteCollection {
    struct OwnErasure: Content { var password: String }
    struct Erasing: Content { var reason: String? }
    struct ErasedDTO: Content { var erased: Bool; var placesGivenUp: Int; var promotedFromWaitingLists: Int }
    struct InactiveUserDTO: Content {
        var user: UserDTO
        var registeredAt: Date?
        var lastSignedInAt: Date?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", "data", use: ownData)
        routes.post("me", "erasure", use: eraseOwn)
        routes.get("users", "inactive", use: inactive)
        routes.get("users", ":userID", "data", use: data)
        routes.post("users", ":userID", "erasure", use: erase)
    }

    func ownData(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await AuditEntry.record("account.data_downloaded", subject: "user:\(try user.requireID())", actor: user.id, on: req.db)
        return try PersonalDataDownload(export: try await Privacy(req).export(user), contact: req.application.contact).response()
    }

    /// Erasing one's own account needs the password again, as in the browser.
    func eraseOwn(req: Request) async throws -> ErasedDTO {
        let user = try req.requireUser()
        let body = try req.decodeBody(OwnErasure.self)
        guard try await Accounts(req).verify(body.password, user.passwordHash) else {
            throw ServiceError.invalid([FieldError("password", "Your password is not right")])
        }
        return ErasedDTO(try await Privacy(req).erase(user, by: user))
    }

    func data(req: Request) async throws -> Response {
        let admin = try req.require(\.canManageAccounts, "Only admins can download someone else's data.")
        let user = try await AccountsAPI.user(req)
        try await AuditEntry.record("account.data_downloaded", subject: "user:\(try user.requireID())", actor: admin.id,
                                    details: "by an admin", on: req.db)
        return try PersonalDataDownload(export: try await Privacy(req).export(user), contact: req.application.contact).response()
    }

    func erase(req: Request) async throws -> ErasedDTO {
        let admin = try req.require(\.canManageAccounts, "Only admins can erase someone else's account.")
        let user = try await AccountsAPI.user(req)
        let reason = try req.optionalBody(Erasing.self)?.reason
        return ErasedDTO(try await Privacy(req).eraseAnother(user, by: admin, reason: reason))
    }

    func inactive(req: Request) async throws -> ListDTO<InactiveUserDTO> {
        try req.require(\.canManageAccounts)
        let rule = req.application.configuration?.inactivity ?? .standard
        let found = try await Privacy(req).inactive(rule, try req.listPage())
        return ListDTO(items: found.items.map { account in
            InactiveUserDTO(user: UserDTO(account), registeredAt: account.createdAt, lastSignedInAt: account.lastSignedInAt)
        }, total: found.total)
    }
}

extension PrivacyAPI.ErasedDTO {
    init(_ erased: Privacy.Erased) {
        self.init(erased: true, placesGivenUp: erased.placesGivenUp, promotedFromWaitingLists: erased.promoted)
    }
}
