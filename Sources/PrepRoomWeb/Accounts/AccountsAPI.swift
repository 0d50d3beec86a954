import Fluent
import PrepRoomCore
import PrepRoomStore
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
        status = user.status; organisationId = user.$organisation.id?.uuidString; centreId = user.$centre.id?.uuidString
    }
}

/// Tokens, registration, the signed-in person, and account administration.
struct AccountsAPI: RouteCollection {
    struct TokenRequest: Content { var email: String; var password: String }
    struct TokenResponse: Content { var token: String; var user: UserDTO }
    struct NewUser: Content {
        var email: String; var name: String; var password: String
        var roles: [Role]?; var organisationId: String?; var centreId: String?
    }
    struct Decision: Content { var ids: [String] }
    struct RoleAssignment: Content { var roles: [Role]; var centreId: String?; var organisationId: String? }

    func boot(routes: any RoutesBuilder) throws {
        routes.post("tokens", use: token)
        routes.post("registrations", use: register)
        routes.get("me", use: me)
        let users = routes.grouped("users")
        users.get(use: list)
        users.post(use: create)
        users.post("approve", use: approveMany)
        users.post(":userID", "approve", use: approveOne)
        users.post(":userID", "reject", use: rejectOne)
        users.put(":userID", "roles", use: assignRoles)
    }

    func token(req: Request) async throws -> Response {
        let body = try req.content.decode(TokenRequest.self)
        let user = try await Accounts(req).signIn(email: body.email, password: body.password, address: req.clientAddress)
        let token = try await Tokens.issue(for: user, on: req.db)
        return try await TokenResponse(token: token, user: UserDTO(user)).encodeResponse(status: .created, for: req)
    }

    /// Anyone may register as a technician or teacher; the account waits for approval.
    func register(req: Request) async throws -> Response {
        let body = try req.content.decode(NewUser.self)
        let roles = body.roles ?? [.technician]
        guard roles.allSatisfy(Role.selfRegistrable.contains) else {
            throw ServiceError(.unprocessableEntity, "invalid", "You can register as a technician or a teacher; staff grant other roles.", field: "roles")
        }
        let user = try await Accounts(req).create(
            RegistrationForm(email: body.email, name: body.name, password: body.password, roles: roles),
            status: .pending, organisationID: try uuid(body.organisationId, field: "organisationId"), by: nil)
        return try await UserDTO(user).encodeResponse(status: .created, for: req)
    }

    func me(req: Request) async throws -> UserDTO { UserDTO(try req.requireUser()) }

    func list(req: Request) async throws -> ListDTO<UserDTO> {
        try req.require(\.canManageAccounts)
        let page = Pagination(offset: req.query["offset"], limit: req.query["limit"])
        let query = User.query(on: req.db)
        if let status: String = req.query["status"] {
            guard let status = AccountStatus(rawValue: status) else { throw ServiceError(.unprocessableEntity, "invalid", "Unknown status.", field: "status") }
            query.filter(\.$status == status)
        }
        let total = try await query.count()
        let users = try await query.sort(\.$createdAt).range(page.offset..<(page.offset + page.limit)).all()
        return ListDTO(items: users.map(UserDTO.init), total: total)
    }

    /// An approved account, created by an admin (API.md).
    func create(req: Request) async throws -> Response {
        let admin = try req.require(\.canManageAccounts, "Only admins can create accounts.")
        let body = try req.content.decode(NewUser.self)
        let form = RegistrationForm(email: body.email, name: body.name, password: body.password, roles: body.roles ?? [.technician])
        let accounts = Accounts(req)
        let centreID = try uuid(body.centreId, field: "centreId")
        let organisationID = try uuid(body.organisationId, field: "organisationId")
        let user = try await accounts.create(form, status: .approved, organisationID: organisationID, centreID: centreID, by: admin.id)
        return try await UserDTO(user).encodeResponse(status: .created, for: req)
    }

    func approveMany(req: Request) async throws -> Response {
        let admin = try req.require(\.canManageAccounts)
        let ids = try req.content.decode(Decision.self).ids.map { try uuid($0, field: "ids")! }
        let count = try await Accounts(req).decide(ids, approve: true, by: admin)
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
        _ = try await Accounts(req).decide([user.requireID()], approve: approve, by: admin)
        return UserDTO(try await Self.user(req))
    }

    func assignRoles(req: Request) async throws -> UserDTO {
        let admin = try req.require(\.canManageAccounts, "Only admins can assign roles.")
        let user = try await Self.user(req)
        let body = try req.content.decode(RoleAssignment.self)
        try await Accounts(req).assign(body.roles, centreID: try uuid(body.centreId, field: "centreId"),
                                       organisationID: try uuid(body.organisationId, field: "organisationId"),
                                       to: user, by: admin)
        return UserDTO(user)
    }

    static func user(_ req: Request) async throws -> User {
        guard let id = req.parameters.get("userID", as: UUID.self), let user = try await User.find(id, on: req.db) else {
            throw ServiceError.notFound("account")
        }
        return user
    }
}

/// An optional id from JSON or a form; a malformed one is named as the field at fault.
func uuid(_ text: String?, field: String) throws -> UUID? {
    guard let text, !text.isEmpty else { return nil }
    guard let id = UUID(uuidString: text) else {
        throw ServiceError(.unprocessableEntity, "invalid", "\(field) is not a valid id.", field: field)
    }
    return id
}

extension Request {
    /// The client's address, for throttling; behind a proxy set PREPROOM_TRUST_PROXY=1.
    var clientAddress: String {
        if Environment.get("PREPROOM_TRUST_PROXY") == "1", let forwarded = headers.forwarded.first?.for ?? headers.first(name: "X-Forwarded-For") {
            return forwarded
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}
