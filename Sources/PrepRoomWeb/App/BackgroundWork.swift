import Logging
import PrepRoomServices
import PrepRoomStore
import Vapor

/// What every `serve` instance does besides answering requests. Each job is safe to run
/// on any number of instances at once, which is what lets the service run on several
/// machines with no instance special:
/// - the mail sender claims each outbox message before sending it (`Mailer`);
/// - the due notices claim each reminder, invitation and digest as they queue it
///   (`DueNotices`);
/// - Techné's fan-out takes each post off its queue in the transaction that tells its
///   readers (`CommunityFanout`);
/// - housekeeping deletes only what has ended, which is idempotent.
struct BackgroundWork {
    private var tasks: [Task<Void, Never>] = []

    static func start(_ app: Application) -> BackgroundWork {
        var work = BackgroundWork()
        let logger = app.logger
        if let settings = app.configuration?.smtp {
            let mailer = Mailer(app, settings: settings)
            work.every(.seconds(15), logger) { _ = try await mailer.deliverPending() }
        }
        let minutes = app.configuration?.noticesEveryMinutes ?? 0
        if minutes > 0 {
            let notices = DueNotices(db: app.db, links: Links(base: app.publicURL))
            work.every(.seconds(minutes * 60), logger) {
                let queued = try await notices.queue()
                if queued.total > 0 {
                    logger.info("Queued \(queued.reminders) reminder(s), \(queued.invitations) invitation(s), \(queued.digests) digest(s), \(queued.community) Techné digest(s).")
                }
            }
        }
        // Techné's notifications: posting only queues them, so a reply answers at once
        // however many follow the topic; this tells the followers moments later.
        let fanout = CommunityFanout(db: app.db, links: Links(base: app.publicURL))
        work.every(.seconds(2), logger) { try await fanout.run() }
        let db = app.db, policy = app.security.sessionPolicy
        work.every(.seconds(600), logger) {
            _ = try await Housekeeping.run(policy: policy, contextLifetime: Accounts.usualContextLifetime, on: db)
        }
        return work
    }

    /// Runs `job` now and then every `interval`; a failure is logged and the next round
    /// tries again (a database restart must not end the mail sender).
    private mutating func every(_ interval: Duration, _ logger: Logger, _ job: @escaping @Sendable () async throws -> Void) {
        tasks.append(Task {
            while !Task.isCancelled {
                do { try await job() } catch { logger.report(error: error) }
                try? await Task.sleep(for: interval)
            }
        })
    }

    func stop() { tasks.forEach { $0.cancel() } }
}
