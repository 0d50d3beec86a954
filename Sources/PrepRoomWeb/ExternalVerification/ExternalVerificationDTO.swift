import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

struct ExternalVerificationDTO: Content {
    struct Round: Content {
        var round: Int
        var status: ExternalVerificationStatus
        var selected: Bool
        var reasons: [ExternalVerificationReason]
        var seed: String
        var draw: Double
        var sampleRate: Double
        var cohortThreshold: Int
        var cohort: Int
        var requestedAt: Date
        var decidedAt: Date?
        var notes: String?
        var recommendations: String?
        var actions: String?
        var actionsCompletedAt: Date?
        var actionsNote: String?
        init(_ v: ExternalVerificationRound) {
            round = v.round; status = v.status; selected = v.status != .notSelected; reasons = v.reasons; seed = v.seed; draw = v.draw
            sampleRate = v.sampleRate; cohortThreshold = v.cohortThreshold; cohort = v.cohort; requestedAt = v.requestedAt
            decidedAt = v.decidedAt; notes = v.notes; recommendations = v.recommendations; actions = v.actions
            actionsCompletedAt = v.actionsCompletedAt; actionsNote = v.actionsNote
        }
    }
    struct Evidence: Content {
        var id: UUID
        var author: String
        var note: String?
        var filename: String?
        var size: Int
        var createdAt: Date
    }
    var runId: String
    var status: ExternalVerificationStatus?
    var rounds: [Round]
    var evidence: [Evidence]
}
