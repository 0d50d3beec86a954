import Fluent

/// An optional email's one-click stop address, kept with the message so the sender can
/// put it in the `List-Unsubscribe` header (RFC 8058) as well as in the text.
struct AddOutboxStopLinks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OutboxMessage.schema).field("stop_link", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutboxMessage.schema).deleteField("stop_link").update()
    }
}
