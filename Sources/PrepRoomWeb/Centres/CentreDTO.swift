import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

struct CentreDTO: Content {
    var id: String
    var name: String
    var kind: CentreKind
    var status: CentreStatus
    var localAuthority: String
    var venue: String
    init(_ centre: Centre) {
        id = centre.id?.uuidString ?? ""; name = centre.name; kind = centre.kind; status = centre.status
        localAuthority = centre.localAuthority.name; venue = centre.venue
    }
}

/// One centre in full: venues, approvals and status history.
struct CentreDetailDTO: Content {
    struct Approval: Content {
        var courseCode: String
        var courseTitle: String
        var from: Date
        var withdrawnAt: Date?
        var withdrawnReason: String?
        init(_ approval: CentreApproval) {
            courseCode = approval.course.code; courseTitle = approval.course.title; from = approval.from
            withdrawnAt = approval.withdrawnAt; withdrawnReason = approval.withdrawnReason
        }
    }
    struct Change: Content {
        var from: CentreStatus?
        var to: CentreStatus
        var reason: String?
        var at: Date
    }
    var id: String
    var name: String
    var kind: CentreKind
    var status: CentreStatus
    var localAuthority: String
    var contactName: String?
    var contactEmail: String?
    var venues: [String]
    var approvals: [Approval]
    var history: [Change]

    init(_ centre: Centre, approvals: [CentreApproval], history: [CentreStatusChange]) {
        id = centre.id?.uuidString ?? ""; name = centre.name; kind = centre.kind; status = centre.status
        localAuthority = centre.localAuthority.name; contactName = centre.contactName; contactEmail = centre.contactEmail
        venues = centre.venues.map(\.name).sorted()
        self.approvals = approvals.map(Approval.init)
        self.history = history.map { Change(from: $0.from, to: $0.to, reason: $0.reason, at: $0.changedAt) }
    }
}

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
        var id: String
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
