import PrepRoomStore
import PrepRoomServices
import Vapor

/// `preproom reminders send`: queues the notices that are due now. Every `serve` instance
/// already does this each PREPROOM_NOTICES_EVERY_MINUTES; this is for an operator, or a
/// deployment that turns that off. Safe to run twice or on two machines: each goes once.
struct RemindersCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "send") var action: String
    }

    var help: String { "Queues due certificate-expiry reminders, evaluation invitations, the admins' registration digest, equipment check reminders and Techné's daily digests (after telling followers of any posts still queued): reminders send" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "send" else { throw CommandError("Unknown action \(signature.action); try: reminders send") }
        let app = context.application
        try await app.autoMigrate()
        // Posts still waiting to tell their followers go first, so the digest holds them.
        let told = try await CommunityFanout(db: app.db, links: Links(base: app.publicURL)).run(limit: 10_000)
        if told > 0 { context.console.print("Told the followers of \(told) Techné post\(told == 1 ? "" : "s").") }
        let queued = try await DueNotices(db: app.db, links: Links(base: app.publicURL)).queue()
        context.console.print("Queued \(queued.reminders) reminder\(queued.reminders == 1 ? "" : "s").")
        context.console.print("Queued \(queued.invitations) evaluation invitation\(queued.invitations == 1 ? "" : "s").")
        context.console.print("Queued \(queued.digests) registration digest\(queued.digests == 1 ? "" : "s") to admins.")
        context.console.print("Queued \(queued.equipment) equipment check reminder\(queued.equipment == 1 ? "" : "s").")
        context.console.print("Queued \(queued.community) Techné digest\(queued.community == 1 ? "" : "s").")
        if let settings = app.configuration?.smtp {
            let report = try await Mailer(app, settings: settings).deliverPending()
            context.console.print("Sent \(report.sent) email\(report.sent == 1 ? "" : "s"), \(report.failed) failed.")
        }
    }
}

/// `preproom mail send`: delivers the outbox to the SMTP server in PREPROOM_SMTP_HOST.
struct MailCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "send") var action: String
    }

    var help: String { "Delivers queued emails over SMTP (PREPROOM_SMTP_HOST, PREPROOM_SMTP_PORT, PREPROOM_MAIL_FROM): mail send" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "send" else { throw CommandError("Unknown action \(signature.action); try: mail send") }
        guard let settings = context.application.configuration?.smtp else { throw CommandError("Set PREPROOM_SMTP_HOST to the SMTP server to deliver to.") }
        let app = context.application
        try await app.autoMigrate()
        let report = try await Mailer(app, settings: settings).deliverPending()
        context.console.print("Sent \(report.sent) email\(report.sent == 1 ? "" : "s"), \(report.failed) failed.")
    }
}


/// `preproom reports recount`: writes every closed run's report totals afresh from its
/// bookings, attendance and evaluation responses. The service keeps them itself; this is
/// for after data was imported or changed outside it.
struct ReportsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "recount") var action: String
    }

    var help: String { "Writes the report totals of every closed run afresh (after an import): reports recount" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "recount" else { throw CommandError("Unknown action \(signature.action); try: reports recount") }
        let app = context.application
        try await app.autoMigrate()
        let runs = try await RunTotals.recount(on: app.db)
        context.console.print("Totalled \(runs) closed run\(runs == 1 ? "" : "s").")
    }
}

/// `preproom housekeeping run`: deletes ended sessions, expired tokens and forgotten
/// sign-in failures now. `serve` does the same every ten minutes; this is for cron on a
/// machine that only runs commands.
struct HousekeepingCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "run") var action: String
    }

    var help: String { "Deletes ended sessions, expired tokens and old sign-in failures: housekeeping run" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "run" else { throw CommandError("Unknown action \(signature.action); try: housekeeping run") }
        let app = context.application
        try await app.autoMigrate()
        let report = try await Housekeeping.run(policy: app.security.sessionPolicy, contextLifetime: Accounts.usualContextLifetime, on: app.db)
        context.console.print("Removed \(report.sessions) ended session(s), \(report.tokens) expired token(s), \(report.failures) old sign-in failure(s).")
    }
}
