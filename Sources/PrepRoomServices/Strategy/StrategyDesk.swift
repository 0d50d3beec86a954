import FluentKit
import PrepRoomCore
import PrepRoomStore
import Foundation

/// Changing the strategy tracker: a status with its note, and who may see an objective.
package struct StrategyDesk {
    package let db: any Database
    package var now = Date()

    package static func objective(_ code: String?, for user: User?, on db: any Database) async throws -> Objective {
        guard let code, let objective = try await Objective.query(on: db).filter(\.$code == code.uppercased()).first(),
              objective.isPublic || user?.permissions.isStaff == true else {
            throw ServiceError.notFound("objective called \(code ?? "")")
        }
        return objective
    }

    /// The objectives a person may see, in workstream order: staff see every one.
    package static func visible(to user: User?, on db: any Database) async throws -> [Objective] {
        try await StrategyStore.objectives(publicOnly: !(user?.permissions.isStaff ?? false), on: db)
    }

    package static func history(of objective: Objective, on db: any Database) async throws -> [ObjectiveStatusChange] {
        try await ObjectiveStatusChange.query(on: db).filter(\.$objective.$id == objective.requireID()).sort(\.$changedAt).all()
    }

    package func changeStatus(of objective: Objective, to status: ObjectiveStatus?, note: String?, by user: User) async throws {
        guard StrategyRules.mayEdit(user.permissions) else { throw ServiceError.forbidden("Only managers can change the strategy tracker.") }
        let errors = StrategyRules.changeErrors(from: objective.status, to: status, note: note)
        guard errors.isEmpty, let status, let note = note?.trimmed else { throw ServiceError.invalid(errors) }
        let id = try objective.requireID(), from = objective.status
        try await db.writeTransaction { db in
            objective.status = status
            try await objective.save(on: db)
            try await ObjectiveStatusChange(objectiveID: id, from: from, to: status, note: note, by: user.id, name: user.name, at: now).create(on: db)
            try await AuditEntry.record("objective.status_changed", subject: "objective:\(objective.code)", actor: user.id,
                                        details: "\(from.rawValue) → \(status.rawValue): \(note)", on: db)
        }
    }

    package func setVisibility(of objective: Objective, isPublic: Bool, by user: User) async throws {
        guard StrategyRules.mayEdit(user.permissions) else { throw ServiceError.forbidden("Only managers can change the strategy tracker.") }
        try await db.writeTransaction { db in
            objective.isPublic = isPublic
            try await objective.save(on: db)
            try await AuditEntry.record("objective.visibility_changed", subject: "objective:\(objective.code)", actor: user.id,
                                        details: isPublic ? "public" : "staff only", on: db)
        }
    }

    package init(db: any Database) {
        self.db = db
    }
}
