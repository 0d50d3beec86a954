import Fluent
import Foundation
import PrepRoomCore
import SQLKit

public enum SchoolStore {
    /// A school as a page or the API lists it.
    public struct Listing: Sendable, Equatable {
        public var id: UUID
        public var seedCode: String
        public var name: String
        public var type: SchoolType
        public var organisationID: UUID
    }

    private static func listing(_ school: School) -> Listing? {
        school.id.map { Listing(id: $0, seedCode: school.seedCode, name: school.name, type: school.type, organisationID: school.organisationID) }
    }

    /// The schools of one organisation (all of them when nil), by name.
    public static func list(organisationID: UUID?, on db: any Database) async throws -> [Listing] {
        let query = School.query(on: db).sort(\.$name)
        if let organisationID { query.filter(\.$organisationID == organisationID) }
        return try await query.all().compactMap(listing)
    }

    public static func find(_ id: UUID, on db: any Database) async throws -> School? {
        try await (db as! any SQLDatabase).model(School.self, "SELECT * FROM schools WHERE id = \(bind: id)")
    }

    /// Which of `ids` are schools of the register.
    public static func existing(_ ids: Set<UUID>, on db: any Database) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        return Set(try await School.query(on: db).filter(\.$id ~~ ids).all().compactMap(\.id))
    }

    /// The schools a person named, by name.
    public static func of(person userID: UUID, on db: any Database) async throws -> [Listing] {
        let ids = try await SchoolMembership.query(on: db).filter(\.$userID == userID).all().map(\.schoolID)
        guard !ids.isEmpty else { return [] }
        return try await School.query(on: db).filter(\.$id ~~ ids).sort(\.$name).all().compactMap(listing)
    }

    /// Makes `schoolIDs` the person's schools (call inside the caller's transaction);
    /// a school kept keeps its `since`.
    public static func replace(schoolsOf userID: UUID, with schoolIDs: Set<UUID>, now: Date, on db: any Database) async throws {
        let current = try await SchoolMembership.query(on: db).filter(\.$userID == userID).all()
        for membership in current where !schoolIDs.contains(membership.schoolID) { try await membership.delete(on: db) }
        for id in schoolIDs.subtracting(current.map(\.schoolID)) {
            try await SchoolMembership(schoolID: id, userID: userID, since: now).create(on: db)
        }
    }
}
