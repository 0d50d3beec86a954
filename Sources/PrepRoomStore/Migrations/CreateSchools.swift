import Fluent
import SQLKit

/// The register of schools, and who works at which. A school belongs to a local authority
/// (or SCIS); a person names up to a few schools.
struct CreateSchools: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(School.schema)
            .id()
            .field("seed_code", .string, .required)
            .field("name", .string, .required)
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
            .field("type", .string, .required)
            .unique(on: "seed_code")
            .create()
        try await database.schema(SchoolMembership.schema)
            .id()
            .field("school_id", .uuid, .required, .references(School.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("since", .datetime, .required)
            .unique(on: "school_id", "user_id")
            .create()
        let sql = database as! any SQLDatabase
        // An authority's schools for its pages; a person's schools for theirs.
        try await sql.raw("CREATE INDEX schools_organisation ON schools (organisation_id, name)").run()
        try await sql.raw("CREATE INDEX school_members_user ON school_members (user_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SchoolMembership.schema).delete()
        try await database.schema(School.schema).delete()
    }
}
