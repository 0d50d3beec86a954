import Fluent
import PrepRoomCore
import PrepRoomStore
import Vapor

/// Changing the strategy tracker: a status with its note, and who may see an objective.
struct StrategyDesk {
    let db: any Database
    var now = Date()

    static func objective(_ code: String?, for user: User?, on db: any Database) async throws -> Objective {
        guard let code, let objective = try await Objective.query(on: db).filter(\.$code == code.uppercased()).first(),
              objective.isPublic || user?.permissions.isStaff == true else {
            throw ServiceError.notFound("objective called \(code ?? "")")
        }
        return objective
    }

    static func history(of objective: Objective, on db: any Database) async throws -> [ObjectiveStatusChange] {
        try await ObjectiveStatusChange.query(on: db).filter(\.$objective.$id == objective.requireID()).sort(\.$changedAt).all()
    }

    func changeStatus(of objective: Objective, to status: ObjectiveStatus?, note: String?, by user: User) async throws {
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

    func setVisibility(of objective: Objective, isPublic: Bool, by user: User) async throws {
        guard StrategyRules.mayEdit(user.permissions) else { throw ServiceError.forbidden("Only managers can change the strategy tracker.") }
        try await db.writeTransaction { db in
            objective.isPublic = isPublic
            try await objective.save(on: db)
            try await AuditEntry.record("objective.visibility_changed", subject: "objective:\(objective.code)", actor: user.id,
                                        details: isPublic ? "public" : "staff only", on: db)
        }
    }
}

struct ObjectiveDetailDTO: Content {
    struct Change: Content {
        var from: ObjectiveStatus?
        var to: ObjectiveStatus
        var note: String
        var by: String
        var at: Date
    }
    var code: String
    var workstream: String
    var title: String
    var horizon: Horizon
    var lead: String
    var status: ObjectiveStatus
    var isPublic: Bool
    var history: [Change]

    init(_ objective: Objective, history: [ObjectiveStatusChange]) {
        code = objective.code; workstream = objective.workstream; title = objective.title; horizon = objective.horizon
        lead = objective.lead; status = objective.status; isPublic = objective.isPublic
        self.history = history.map { Change(from: $0.from, to: $0.to, note: $0.note, by: $0.changedByName, at: $0.changedAt) }
    }
}
