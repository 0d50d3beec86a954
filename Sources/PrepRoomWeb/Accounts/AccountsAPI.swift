import Fluent
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

struct UserDTO: Content {
    var id: String
    var email: String
    var name: String
    var roles: [Role]
    var status: AccountStatus
    var organisationId: String?
    var centreId: String?

    init(_ user: User) {
        id = user.id?.uuidString ?? ""; email = user.email; name = user.name; roles = user.roles
        status = user.status; organisationId = user.$organisation.id?.uuidString; centreId = user.centreID?.uuidString
    }

    /// From a list's row, which does not read the organisation or centre.
    init(_ account: AccountListing) {
        id = account.id.uuidString; email = account.email; name = account.name; roles = account.roles; status = account.status
    }
}

/// Tokens, registration, the signed-in person, and account administration.
struct AccountsAPI: RouteCollection {
    struct TokenRequest: Content { var email: String; var password: String; var label: String? }
    struct TokenResponse: Content { var token: String; var user: UserDTO }
    struct NewUser: Content {
        var email: String; var name: String; var password: String
        var roles: [Role]?; var organisationId: String?; var centreId: String?
        /// At registration only: the school the person works at, of their organisation.
        var schoolId: String?
    }
    struct Decision: Content { var ids: [String] }
    struct RoleAssignment: Content { var roles: [Role]; var centreId: String?; var organisationId: String? }

    struct TokenDTO: Content {
        var id: String; var label: String?; var createdAt: Date?; var expiresAt: Date; var current: Bool
    }
    struct PasswordChange: Content { var currentPassword: String; var newPassword: String }
    struct Disabling: Content { var reason: String }
    struct Received: Content { var message: String }

    func boot(routes: any RoutesBuilder) throws {
        routes.post("tokens", use: token)
        routes.get("tokens", use: tokens)
        routes.delete("tokens", use: revokeAll)
        routes.delete("tokens", ":tokenID", use: revoke)
        routes.post("registrations", use: register)
        routes.get("me", use: me)
        routes.post("me", "password", use: changePassword)
        routes.get("me", "schools", use: mySchools)
        routes.put("me", "schools", use: chooseSchools)
        let users = routes.grouped("users")
        users.get(use: list)
        users.post(use: create)
        users.post("approve", use: approveMany)
        users.post(":userID", "approve", use: approveOne)
        users.post(":userID", "reject", use: rejectOne)
        users.put(":userID", "roles", use: assignRoles)
        users.post(":userID", "disable", use: disable)
        users.post(":userID", "enable", use: enable)
    }

    struct SchoolChoice: Content { var schoolIds: [UUID] }

    /// The schools the signed-in person works at.
    func mySchools(req: Request) async throws -> ListDTO<SchoolsAPI.SchoolDTO> {
        let user = try req.requireUser()
        let schools = try await SchoolStore.of(person: try user.requireID(), on: req.db)
        return ListDTO(items: schools.map(SchoolsAPI.SchoolDTO.init), total: schools.count)
    }

    /// Replaces them (technicians and teachers; up to `SchoolRules.mostPerPerson`).
    func chooseSchools(req: Request) async throws -> ListDTO<SchoolsAPI.SchoolDTO> {
        let user = try req.requireUser()
        let body = try req.decodeBody(SchoolChoice.self)
        try await Accounts(req).chooseSchools(Set(body.schoolIds), for: user)
        return try await mySchools(req: req)
    }

    func token(req: Request) async throws -> Response {
        try await req.enforce(.signIn)
        let body = try req.decodeBody(TokenRequest.self)
        if let label = body.label, let problem = TextLimit.problem(label, field: "label", max: TextLimit.title, label: "The label") {
            throw ServiceError.invalid([problem])
        }
        let (user, _) = try await Accounts(req).signIn(.init(email: body.email, password: body.password, address: req.clientAddress))
        let token = try await Tokens.issue(for: user, label: body.label, on: req.db)
        return try await TokenResponse(token: token, user: UserDTO(user)).encodeResponse(status: .created, for: req)
    }

    /// The signed-in person's live tokens, so they can revoke one they no longer use.
    func tokens(req: Request) async throws -> ListDTO<TokenDTO> {
        let user = try req.requireUser()
        let current = Tokens.current(req)
        let tokens = try await Tokens.live(of: user, on: req.db)
        return ListDTO(items: tokens.map { TokenDTO(id: $0.id?.uuidString ?? "", label: $0.label, createdAt: $0.createdAt,
                                                    expiresAt: $0.expiresAt, current: $0.digest == current) }, total: tokens.count)
    }

    func revoke(req: Request) async throws -> HTTPStatus {
        try await Tokens.revoke(req.parameters.get("tokenID", as: UUID.self), of: try req.requireUser(), on: req.db)
        return .noContent
    }

    /// "Sign out everywhere": every token and every browser session of the person ends.
    func revokeAll(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        try await Accounts.endEverywhere(user.requireID(), on: req.db)
        req.browserSession.end()
        return .noContent
    }

    func changePassword(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        let body = try req.decodeBody(PasswordChange.self)
        try await Accounts(req).changePassword(of: user, current: body.currentPassword, new: body.newPassword, keepingSession: nil)
        return .noContent
    }

    /// Anyone may register as a technician or teacher; the account waits for approval.
    /// The answer is the same whether or not the email already has an account (202).
    func register(req: Request) async throws -> Response {
        try await req.enforce(.registration)
        let body = try req.decodeBody(NewUser.self)
        let roles = body.roles ?? [.technician]
        guard roles.allSatisfy(Role.selfRegistrable.contains) else {
            throw ServiceError(.unprocessableEntity, "invalid", "You can register as a technician or a teacher; staff grant other roles.", field: "roles")
        }
        try await Accounts(req).register(RegistrationForm(email: body.email, name: body.name, password: body.password, roles: roles),
                                         organisationID: try uuid(body.organisationId, field: "organisationId"),
                                         schoolID: try uuid(body.schoolId, field: "schoolId"),
                                         signInURL: Links(req).absolute(.signIn()))
        return try await Received(message: "Thank you. We have emailed you; the service checks each new registration before you can sign in.")
            .encodeResponse(status: .accepted, for: req)
    }

    func me(req: Request) async throws -> UserDTO { UserDTO(try req.requireUser()) }

    func list(req: Request) async throws -> ListDTO<UserDTO> {
        try req.require(\.canManageAccounts)
        let page = try req.listPage()
        let found = try await UserStore.page(status: try req.queryChoice("status", AccountStatus.self), page, on: req.db)
        return ListDTO(items: found.items.map(UserDTO.init), total: found.total)
    }

    /// An approved account, created by an admin (API.md).
    func create(req: Request) async throws -> Response {
        let admin = try req.require(\.canManageAccounts, "Only admins can create accounts.")
        let body = try req.decodeBody(NewUser.self)
        let form = RegistrationForm(email: body.email, name: body.name, password: body.password, roles: body.roles ?? [.technician])
        let accounts = Accounts(req)
        let centreID = try uuid(body.centreId, field: "centreId")
        let organisationID = try uuid(body.organisationId, field: "organisationId")
        let user = try await accounts.create(form, status: .approved, organisationID: organisationID, centreID: centreID, by: admin.id)
        return try await UserDTO(user).encodeResponse(status: .created, for: req)
    }

    func approveMany(req: Request) async throws -> Response {
        let admin = try req.require(\.canManageAccounts)
        let ids = try req.decodeBody(Decision.self).ids.enumerated().map { index, text in
            guard let id = UUID(uuidString: text) else {
                throw ServiceError(.unprocessableEntity, "invalid", "ids[\(index)] is not a valid id.", field: "ids[\(index)]")
            }
            return id
        }
        let count = try await Accounts(req).decide(ids, approve: true, links: Links(req), by: admin)
        return try await ["approved": count].encodeResponse(for: req)
    }

    func approveOne(req: Request) async throws -> UserDTO { try await decideOne(req, approve: true) }
    func rejectOne(req: Request) async throws -> UserDTO { try await decideOne(req, approve: false) }

    private func decideOne(_ req: Request, approve: Bool) async throws -> UserDTO {
        let admin = try req.require(\.canManageAccounts)
        let user = try await Self.user(req)
        guard user.status == .pending else {
            throw ServiceError.conflict("not_pending", "This account is already \(user.status.rawValue).")
        }
        _ = try await Accounts(req).decide([user.requireID()], approve: approve, links: Links(req), by: admin)
        return UserDTO(try await Self.user(req))
    }

    func assignRoles(req: Request) async throws -> UserDTO {
        let admin = try req.require(\.canManageAccounts, "Only admins can assign roles.")
        let user = try await Self.user(req)
        let body = try req.decodeBody(RoleAssignment.self)
        try await Accounts(req).assign(body.roles, centreID: try uuid(body.centreId, field: "centreId"),
                                       organisationID: try uuid(body.organisationId, field: "organisationId"),
                                       to: user, by: admin)
        return UserDTO(user)
    }

    func disable(req: Request) async throws -> UserDTO {
        let admin = try req.require(\.canManageAccounts, "Only admins can disable accounts.")
        let user = try await Self.user(req)
        try await Accounts(req).disable(user, reason: try req.decodeBody(Disabling.self).reason, by: admin)
        return UserDTO(user)
    }

    func enable(req: Request) async throws -> UserDTO {
        let admin = try req.require(\.canManageAccounts, "Only admins can enable accounts.")
        let user = try await Self.user(req)
        try await Accounts(req).enable(user, by: admin)
        return UserDTO(user)
    }

    static func user(_ req: Request) async throws -> User {
        guard let id = req.parameters.get("userID", as: UUID.self), let user = try await UserStore.find(id, on: req.db) else {
            throw ServiceError.notFound("account")
        }
        return user
    }
}

/// An optional id from JSON: absent or null is nil; anything else, "" included, must be
/// an id, or it is named as the field at fault.
func uuid(_ text: String?, field: String) throws -> UUID? {
    guard let text else { return nil }
    guard let id = UUID(uuidString: text) else {
        throw ServiceError(.unprocessableEntity, "invalid", "\(field) is not a valid id.", field: field)
    }
    return id
}
