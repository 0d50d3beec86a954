import Fluent
import PrepRoomStore
import PrepRoomServices
import Vapor

/// Starts the service or runs a command. `serve` (the default) migrates the database. On
/// the embedded SQLite database outside production it also loads the demo data when the
/// database is empty, so a new user needs one command; PostgreSQL (`DATABASE_URL`) and
/// `--env production` never get invented people unless an operator runs `seed --demo`.
public enum Entrypoint {
    public static func main() async throws {
        var env = try Environment.detect()
        if AppConfiguration.logsAsJSON(ProcessInfo.processInfo.environment, production: env.isRelease) {
            try LoggingSystem.bootstrap(from: &env) { level in { label in JSONLogHandler(label: label, level: level) } }
        } else {
            try LoggingSystem.bootstrap(from: &env)
        }
        let app = try await Application.make(env)
        do {
            try await configure(app, try AppConfiguration.fromEnvironment())
            let command = env.arguments.dropFirst().first
            if command == nil || command == "serve" {
                try await app.autoMigrate()
                try await loadDemoIfWanted(app)
            }
        } catch {
            app.logger.report(error: error)
            try? await app.asyncShutdown()
            exit(1)
        }
        let command = env.arguments.dropFirst().first
        let background = command == nil || command == "serve" ? BackgroundWork.start(app) : nil
        do {
            try await app.execute()
        } catch {
            background?.stop()
            // The command's console has already printed the error for the operator.
            try? await app.asyncShutdown()
            exit(1)
        }
        // SIGTERM: stop taking requests (the server closes its socket and lets open
        // connections finish), then wait for the requests it took before the databases
        // close under them.
        if command == nil || command == "serve" { await app.server.shutdown() }
        background?.stop()
        if await !app.inFlightRequests.drain() {
            app.logger.warning("Stopping with \(app.inFlightRequests.current) request(s) still running after 30 s.")
        }
        try await app.asyncShutdown()
    }

    /// Says at start-up which data the service is serving, and why.
    static func loadDemoIfWanted(_ app: Application) async throws {
        let embedded = app.configuration?.database.isEmbedded ?? false
        guard try await DemoSeeder.isEmpty(app.db) else {
            app.logger.notice("Serving the data already in the database.")
            return
        }
        if embedded && app.environment != .production {
            try await DemoSeeder.seed(app.db)
            app.logger.notice("Loaded the demo data into the empty embedded database (not production).")
        } else {
            let why = embedded ? "--env production" : "DATABASE_URL"
            app.logger.notice("The database is empty and the demo data was not loaded (\(why)); run `preproom seed --demo` to load it.")
        }
    }
}
