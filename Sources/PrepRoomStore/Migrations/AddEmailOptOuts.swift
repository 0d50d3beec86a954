import Fluent

/// The optional emails a person has turned off (`OptionalEmail`), on their account: read
/// with it on every signed-in request, so no second lookup. Null means every one is on.
struct AddEmailOptOuts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema).field("email_opt_outs", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).deleteField("email_opt_outs").update()
    }
}
