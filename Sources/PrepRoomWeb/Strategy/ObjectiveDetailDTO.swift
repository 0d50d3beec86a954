import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// An objective with its dated history, as the API gives it.
struct ObjectiveDetailDTO: Content {
    struct Change: Content {
        var from: ObjectiveStatus?
        var to: ObjectiveStatus
        var note: String
        var by: String
        var at: Date
    }
    var code: String
    var workstream: String
    var title: String
    var horizon: Horizon
    var lead: String
    var status: ObjectiveStatus
    var isPublic: Bool
    var history: [Change]

    init(_ objective: Objective, history: [ObjectiveStatusChange]) {
        code = objective.code; workstream = objective.workstream; title = objective.title; horizon = objective.horizon
        lead = objective.lead; status = objective.status; isPublic = objective.isPublic
        self.history = history.map { Change(from: $0.from, to: $0.to, note: $0.note, by: $0.changedByName, at: $0.changedAt) }
    }
}
