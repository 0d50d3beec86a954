import PrepRoomServices
import Vapor

extension Mailer {
    /// Delivers through `settings`, the SMTP conversation on the app's thread pool.
    init(_ app: Application, settings: Settings) {
        let pool = app.threadPool
        self.init(db: app.db, settings: settings, runBlocking: { work in try await pool.runIfActive(work) })
    }
}
