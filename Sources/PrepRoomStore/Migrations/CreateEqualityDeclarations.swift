import Fluent
import Foundation
import PrepRoomCore
import SQLKit

struct CreateEqualityDeclarations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EqualityDeclaration.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("age_band", .string)
            .field("sex", .string)
            .field("trans", .string)
            .field("sexual_orientation", .string)
            .field("ethnic_group", .string)
            .field("disability", .string)
            .field("declared_at", .datetime, .required)
            .unique(on: "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EqualityDeclaration.schema).delete()
    }
}
