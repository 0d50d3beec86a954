import Fluent
import Foundation
import PrepRoomCore

/// Reading member organisations (local authorities and member bodies).
public enum OrganisationStore {
    /// Every organisation by name, for the choice at registration and on accounts.
    public static func all(on db: any Database) async throws -> [Organisation] {
        try await Organisation.query(on: db).sort(\.$name).all()
    }

    public static func find(_ id: UUID, on db: any Database) async throws -> Organisation? {
        try await Organisation.find(id, on: db)
    }

    public static func localAuthorities(on db: any Database) async throws -> [Organisation] {
        try await Organisation.query(on: db).filter(\.$kind == .localAuthority).sort(\.$name).all()
    }

    /// The organisation of exactly this name (operators type names on the command line).
    public static func named(_ name: String, on db: any Database) async throws -> Organisation? {
        try await Organisation.query(on: db).filter(\.$name == name).first()
    }
}
