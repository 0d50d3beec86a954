import Fluent
import PrepRoomCore
import Foundation
import SQLKit

struct CreateAuditEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema)
            .id()
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("action", .string, .required)
            .field("subject", .string, .required)
            .field("details", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema).delete()
    }
}
