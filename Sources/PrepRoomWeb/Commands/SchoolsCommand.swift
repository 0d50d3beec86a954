import Foundation
import PrepRoomServices
import PrepRoomStore
import Vapor

/// `preproom schools import FILE [--dry-run]`: brings the register in step with the
/// Scottish Government's list of schools saved as CSV. Run it with --dry-run first: it
/// lists what would be added and changed, and every row that is wrong with its line. The
/// import writes nothing while any row is wrong; the exit status is 1 then.
struct SchoolsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "import") var action: String
        @Argument(name: "file", help: "the list as CSV") var file: String
        @Flag(name: "dry-run", help: "say what would change, and change nothing") var dryRun: Bool
    }

    var help: String { "Imports the government's list of schools from CSV: schools import FILE [--dry-run]" }

    /// A list of every school in Scotland is a few hundred kilobytes; a file far larger is
    /// not one.
    static let largestFile = 20 * 1024 * 1024

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "import" else { throw CommandError("Unknown action \(signature.action); try: schools import FILE [--dry-run]") }
        let url = URL(fileURLWithPath: signature.file)
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        guard let size else { throw CommandError("Cannot read \(signature.file)") }
        guard size <= Self.largestFile else { throw CommandError("\(signature.file) is \(size) bytes: larger than any list of schools") }
        let data = try Data(contentsOf: url)
        // Saved from a spreadsheet: UTF-8 usually, Latin-1 from older programs.
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            throw CommandError("\(signature.file) is not text")
        }
        let app = context.application
        try await app.autoMigrate()
        let report = try await SchoolRegister(db: app.db).importList(text, dryRun: signature.dryRun)
        let verb = report.written ? "" : "would be "
        for name in report.added { context.console.print("add: \(name)") }
        for name in report.updated { context.console.print("change: \(name)") }
        for problem in report.problems { context.console.error("line \(problem.line): \(problem.message)") }
        context.console.print("\(report.added.count) \(verb)added, \(report.updated.count) \(verb)changed, \(report.unchanged) unchanged.")
        if !report.problems.isEmpty {
            throw CommandError("\(report.problems.count) row\(report.problems.count == 1 ? "" : "s") to correct; nothing was imported.")
        }
        if signature.dryRun { context.console.print("A dry run: nothing was changed. Run it again without --dry-run to import.") }
    }
}
