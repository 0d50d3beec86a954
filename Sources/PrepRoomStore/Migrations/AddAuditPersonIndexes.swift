import Fluent
import SQLKit

/// The audit log by person: what someone did (`actor_id`) and what was done to their
/// account (`subject` = "user:ID"), newest first. The staff filter and a person's data
/// download both ask it; without these each read the whole log.
struct AddAuditPersonIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX audit_actor_at ON audit_entries (actor_id, at)").run()
        try await sql.raw("CREATE INDEX audit_subject_at ON audit_entries (subject, at)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX audit_subject_at").run()
        try await sql.raw("DROP INDEX audit_actor_at").run()
    }
}
