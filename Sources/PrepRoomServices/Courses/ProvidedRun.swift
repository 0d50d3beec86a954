import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore

/// A run as its provider reaches it: delivering it (`RunDelivery`) and answering its
/// external verification (`ExternalVerificationDesk`) both start here.
package enum ProvidedRun {
    /// The run, if `user` provides it (course admins; the centre's coordinator), else 403.
    package static func find(_ runID: UUID, by user: User, on db: any Database) async throws -> Run {
        guard let run = try await RunStore.find(runID, on: db) else { throw ServiceError.notFound("run") }
        guard user.permissions.provides(runCentre: run.$centre.id, ownCentre: user.centreID) else {
            throw ServiceError.forbidden("Only the run's provider can do this.")
        }
        return run
    }
}
