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
