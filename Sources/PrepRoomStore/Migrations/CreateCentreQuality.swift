import Fluent
import FluentSQL
import Foundation
import SQLKit

/// Accredited Centres' applications, status history, venues, course approvals, external
/// verification and its evidence; settings; and each booking's completion, fixed when its
/// run closes, so reports count it with SQL.
struct CreateCentreQuality: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for (name, type) in [("contact_name", DatabaseSchema.DataType.string), ("statement", .string), ("applied_by", .uuid)] {
            try await database.schema(Centre.schema).field(.string(name), type).update()
        }
        try await database.schema(Booking.schema).field("completed", .bool, .required, .sql(.default(false))).update()
        try await database.schema(CentreStatusChange.schema)
            .id()
            .field("centre_id", .uuid, .required, .references(Centre.schema, "id"))
            .field("from_status", .string)
            .field("to_status", .string, .required)
            .field("reason", .string)
            .field("changed_by", .uuid)
            .field("changed_at", .datetime, .required)
            .create()
        try await database.schema(CentreVenue.schema)
            .id()
            .field("centre_id", .uuid, .required, .references(Centre.schema, "id"))
            .field("name", .string, .required)
            .unique(on: "centre_id", "name")
            .create()
        try await database.schema(CentreApproval.schema)
            .id()
            .field("centre_id", .uuid, .required, .references(Centre.schema, "id"))
            .field("course_id", .uuid, .required, .references(Course.schema, "id"))
            .field("approved_from", .datetime, .required)
            .field("granted_by", .uuid)
            .field("granted_at", .datetime, .required)
            .field("withdrawn_at", .datetime)
            .field("withdrawn_by", .uuid)
            .field("withdrawn_reason", .string)
            .create()
        try await database.schema(ExternalVerificationRound.schema)
            .id()
            .field("run_id", .uuid, .required, .references(Run.schema, "id"))
            .field("centre_id", .uuid, .required, .references(Centre.schema, "id"))
            .field("round", .int, .required)
            .field("status", .string, .required)
            .field("reasons", .string, .required)
            .field("seed", .string, .required)
            .field("draw", .double, .required)
            .field("sample_rate", .double, .required)
            .field("cohort_threshold", .int, .required)
            .field("cohort", .int, .required)
            .field("requested_at", .datetime, .required)
            .field("decided_at", .datetime)
            .field("decided_by", .uuid)
            .field("notes", .string)
            .field("recommendations", .string)
            .field("actions", .string)
            .field("actions_completed_at", .datetime)
            .field("actions_note", .string)
            .unique(on: "run_id", "round")
            .create()
        try await database.schema(ExternalVerificationEvidence.schema)
            .id()
            .field("run_id", .uuid, .required, .references(Run.schema, "id"))
            .field("author_id", .uuid)
            .field("author_name", .string, .required)
            .field("note", .string)
            .field("filename", .string)
            .field("content_type", .string)
            .field("size", .int, .required)
            .field("content", .data)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(Setting.schema)
            .field("key", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX centre_approvals_centre ON centre_approvals (centre_id, course_id)").run()
        try await sql.raw("CREATE INDEX run_verifications_centre ON run_verifications (centre_id, decided_at)").run()
        try await sql.raw("CREATE INDEX runs_centre ON runs (centre_id, course_id, status)").run()
        // Every existing centre delivers at its address, and its present status is its first history entry.
        let centres = try await Centre.query(on: database).all()
        for centre in centres {
            let id = try centre.requireID()
            try await CentreVenue(centreID: id, name: centre.venue).create(on: database)
            try await CentreStatusChange(centreID: id, from: nil, to: centre.status, reason: nil, by: nil,
                                         at: centre.createdAt ?? Date()).create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [Setting.schema, ExternalVerificationEvidence.schema, ExternalVerificationRound.schema, CentreApproval.schema,
                       CentreVenue.schema, CentreStatusChange.schema] {
            try await database.schema(schema).delete()
        }
        try await database.schema(Booking.schema).deleteField("completed").update()
        for name in ["applied_by", "statement", "contact_name"] {
            try await database.schema(Centre.schema).deleteField(.string(name)).update()
        }
    }
}
