import Fluent
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// `preproom user create --email E --name N --password P --role R`: an approved account,
/// for operators. Prints the new account's id.
struct UserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create")
        var action: String
        @Option(name: "email") var email: String?
        @Option(name: "name") var name: String?
        @Option(name: "password") var password: String?
        @Option(name: "role", help: "one or more roles separated by commas, e.g. course_admin")
        var role: String?
        @Option(name: "centre", help: "centre name, for a centre coordinator") var centre: String?
        @Option(name: "organisation", help: "local authority or member body name") var organisation: String?
        @Option(name: "school", help: "the seed codes of the schools they work at, separated by commas") var school: String?
        @Option(name: "certificate", help: "certificates earned before PrepRoom, COURSE-CODE@YYYY-MM-DD (issue day), separated by commas")
        var certificate: String?
    }

    var help: String { "Creates an approved account: user create --email E --name N --password P --role R [--school SEED] [--certificate CODE@DAY]" }

    static func centreID(named name: String, on db: any Database) async throws -> UUID {
        let match = try await CentreStore.named(name, on: db)
        guard let match else { throw CommandError("No centre called \(name)") }
        return try match.requireID()
    }

    static func organisationID(named name: String, on db: any Database) async throws -> UUID {
        let match = try await OrganisationStore.named(name, on: db)
        guard let match else { throw CommandError("No organisation called \(name)") }
        return try match.requireID()
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "create" else { throw CommandError("Unknown action \(signature.action); try: user create") }
        guard let email = signature.email, let name = signature.name, let password = signature.password else {
            throw CommandError("--email, --name and --password are required")
        }
        let app = context.application
        try await app.autoMigrate()
        let words = (signature.role ?? "technician").split(separator: ",").map { $0.trimmed }
        let roles = try words.map { word in
            guard let role = Role(rawValue: word) else {
                throw CommandError("Unknown role \(word). Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return role
        }
        let centreID = try await signature.centre.asyncMap { (name: String) async throws -> UUID in
            try await Self.centreID(named: name, on: app.db)
        }
        let organisationID = try await signature.organisation.asyncMap { (name: String) async throws -> UUID in
            try await Self.organisationID(named: name, on: app.db)
        }
        do {
            let user = try await Accounts(app).create(RegistrationForm(email: email, name: name, password: password, roles: roles),
                                                      status: .approved, organisationID: organisationID, centreID: centreID, by: nil)
            let userID = try user.requireID()
            if let codes = signature.school {
                let seedCodes = Set(codes.split(separator: ",").map { $0.trimmed })
                let schools = try await SchoolStore.list(organisationID: nil, on: app.db).filter { seedCodes.contains($0.seedCode) }
                guard schools.count == seedCodes.count else { throw CommandError("No school with the seed code(s) \(codes)") }
                try await Accounts(app).chooseSchools(Set(schools.map(\.id)), for: user)
            }
            for earlier in (signature.certificate ?? "").split(separator: ",") {
                let parts = earlier.split(separator: "@").map { $0.trimmed }
                guard parts.count == 2, let day = ServiceTime.parseDay(parts[1]) else {
                    throw CommandError("--certificate takes COURSE-CODE@YYYY-MM-DD, not \(earlier)")
                }
                _ = try await CertificateDesk.recordEarlier(holder: user, courseCode: parts[0], issuedOn: day, on: app.db)
            }
            context.console.print(userID.uuidString)
        } catch let error as ServiceError {
            throw CommandError(error.message)
        }
    }
}

/// `preproom seed --demo`: loads the demo data into an empty database.
struct SeedCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "demo", help: "load the demo data from the source texts") var demo: Bool
    }

    var help: String { "Loads the demo data into an empty database: seed --demo" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.demo else { throw CommandError("Say which data to load: seed --demo") }
        let app = context.application
        try await app.autoMigrate()
        if try await DemoSeeder.seedIfEmpty(app.db) {
            context.console.print("Loaded the demo data.")
        } else {
            context.console.print("The database already holds courses; nothing loaded.")
        }
    }
}

struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
