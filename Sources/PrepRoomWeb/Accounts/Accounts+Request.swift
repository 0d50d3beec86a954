import PrepRoomServices
import Vapor

extension Accounts {
    /// With the request's database and the app's password hasher.
    init(_ req: Request) {
        let hasher = req.password.async
        self.init(db: req.db, hash: { try await hasher.hash($0) }, verify: { try await hasher.verify($0, created: $1) },
                  dummyHash: req.application.security.dummyPasswordHash)
        throttle = req.application.security.signInThrottle
    }

    /// For commands and tests, outside a request.
    init(_ app: Application) {
        let hasher = app.password.async(on: app.threadPool, hopTo: app.eventLoopGroup.next())
        self.init(db: app.db, hash: { try await hasher.hash($0) }, verify: { try await hasher.verify($0, created: $1) },
                  dummyHash: app.security.dummyPasswordHash)
        throttle = app.security.signInThrottle
    }
}
