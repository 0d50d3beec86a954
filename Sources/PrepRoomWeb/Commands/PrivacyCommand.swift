import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// `preproom privacy …`: the operator's side of people's privacy rights, for a request that
/// arrives by letter or email rather than through the person's own account.
/// - `export --email E [--to FILE]`: the same ZIP the person downloads from /me/privacy;
/// - `erase --email E --yes [--reason R]`: the same erasure an admin does on the account page;
/// - `inactive`: accounts nobody has signed in to for PREPROOM_INACTIVE_AFTER_MONTHS;
/// - `find --text T`: every table and column still holding TEXT (a name or address), to check
///   an erasure or answer "where else are we keeping this?".
struct PrivacyCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "export, erase, inactive or find") var action: String
        @Option(name: "email", help: "the person's email address (export, erase)") var email: String?
        @Option(name: "text", help: "a name or address to look for (find)") var text: String?
        @Option(name: "to", help: "file to write the export into (default: preproom-data-<email>-<day>.zip here)") var file: String?
        @Option(name: "reason", help: "why the account is erased, kept in the audit log") var reason: String?
    }

    var help: String { "A person's data: privacy export --email E [--to FILE] | erase --email E --yes [--reason R] | inactive | find --text T" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let privacy = Privacy(db: app.db, links: Links(base: app.publicURL))
        do {
            switch signature.action {
            case "export": try await export(try required(signature.email, "--email"), to: signature.file, privacy, app, context.console)
            case "erase": try await erase(try required(signature.email, "--email"), reason: signature.reason, privacy, context.console)
            case "inactive": try await inactive(privacy, rule: app.configuration?.inactivity ?? .standard, context.console)
            case "find": try await find(try required(signature.text, "--text"), on: app.db, context.console)
            default: throw CommandError("Unknown action \(signature.action); try: privacy export | erase | inactive | find")
            }
        } catch let error as ServiceError {
            throw CommandError(error.message)
        }
    }

    private func required(_ value: String?, _ option: String) throws -> String {
        guard let text = value?.trimmed, !text.isEmpty else { throw CommandError("\(option) is required") }
        return text
    }

    private func export(_ email: String, to file: String?, _ privacy: Privacy, _ app: Application, _ console: any Console) async throws {
        let user = try await privacy.account(email: email)
        let download = PersonalDataDownload(export: try await privacy.export(user), contact: app.contact)
        let path = file ?? "\(download.baseName)-\(user.id?.uuidString.prefix(8) ?? "account").zip"
        let bytes = try download.zip()
        // 0600 from the start: the file holds one person's whole record.
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw CommandError("Could not write \(path): check that its folder exists and is writable.")
        }
        console.print("Wrote \(path) (\(bytes.count) bytes, \(download.export.sections.count) sections). Send it to the person securely.")
    }

    /// `--yes` is ConsoleKit's own answer to every confirmation; without it, a person at a
    /// terminal is asked, and a script is refused rather than left waiting.
    private func erase(_ email: String, reason: String?, _ privacy: Privacy, _ console: any Console) async throws {
        let user = try await privacy.account(email: email)
        let question = "Erase \(user.name)'s account? This cannot be undone."
        let confirmed = console.confirmOverride ?? (isatty(STDIN_FILENO) == 1 ? console.confirm(.init(stringLiteral: question)) : false)
        guard confirmed else { throw CommandError("\(question) Nothing was erased; add --yes to go ahead.") }
        let erased = try await privacy.erase(user, by: nil, reason: reason)
        console.print("Erased the account \(try user.requireID().uuidString): \(erased.placesGivenUp) upcoming place(s) given up, \(erased.promoted) person(s) moved up from a waiting list.")
    }

    private func inactive(_ privacy: Privacy, rule: InactivityRule, _ console: any Console) async throws {
        let found = try await privacy.inactive(rule, Pagination(offset: 0, limit: Pagination.maxPerPage))
        console.print("\(found.total) account(s) with no sign-in for \(rule.months) months (since \(ServiceTime.isoDay(rule.cutoff(now: privacy.now)))):")
        for account in found.items {
            let last = account.lastSignedInAt.map(ServiceTime.isoDay) ?? "never"
            console.print("\(account.id.uuidString)  \(account.email)  last signed in \(last)")
        }
        if found.total > found.items.count { console.print("… and \(found.total - found.items.count) more: see /staff/accounts/inactive.") }
    }

    private func find(_ text: String, on db: any Database, _ console: any Console) async throws {
        let places = try await DatabaseCatalogue.places(holding: text, on: db)
        guard !places.isEmpty else { console.print("No table holds that text."); return }
        for place in places { console.print("\(place.column.table).\(place.column.name): \(place.rows) row(s)") }
    }
}
