import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// The checks due at a person's schools as an iCalendar feed their calendar app
/// subscribes to, at a secret address: anyone with the address reads the feed, so it is
/// random, kept only as a digest, and replaced (the old one stops) when they ask for a new one.
package struct EquipmentCalendar {
    package let db: any Database
    package var now = Date()

    package init(db: any Database) { self.db = db }

    /// A new address's token, replacing any earlier one. For the people who work at schools.
    package func newAddress(for user: User) async throws -> String {
        guard RoleRules.namesSchools(user.roles) else {
            throw ServiceError.forbidden("The calendar of due checks is for the technicians and teachers of schools.")
        }
        let userID = try user.requireID()
        let token = Tokens.random()
        try await db.writeTransaction { [now] db in
            try await EquipmentFeed.query(on: db).filter(\.$userID == userID).delete()
            try await EquipmentFeed(userID: userID, digest: Tokens.digest(token), createdAt: now).create(on: db)
            try await AuditEntry.record("equipment.calendar_address", subject: "user:\(userID)", actor: userID, details: "new address", on: db)
        }
        return token
    }

    /// The feed behind an address, or nil when no live address has this token.
    package func feed(token: String, links: Links) async throws -> String? {
        guard token.count <= 64, let feed = try await EquipmentFeed.query(on: db).filter(\.$digest == Tokens.digest(token)).first(),
              let user = try await UserStore.approvedUser(id: feed.userID, on: db) else { return nil }
        var events: [ICalendar.Event] = []
        let window = DueWindow(now: now)
        for school in try await SchoolStore.of(person: user.requireID(), on: db) {
            for line in try await EquipmentStore.register(of: school.id, on: db) where line.status != .disposed {
                let overdue = window.state(nextDue: line.nextDueOn, status: line.status) == .overdue
                events.append(ICalendar.Event(
                    uid: "\(line.id.uuidString)-\(ServiceTime.isoDay(line.nextDueOn))@preproom", start: line.nextDueOn, end: line.nextDueOn,
                    summary: (overdue ? "Overdue: " : "Due: ") + "\(line.checkType), \(line.description)",
                    location: [line.location, school.name].filter { !$0.isEmpty }.joined(separator: ", "),
                    description: line.assetTag.map { "Asset tag \($0)" }, url: links.absolute(.equipment(line.id)), allDay: true))
            }
        }
        return ICalendar.feed(name: "Equipment checks due", events: events, stamp: now)
    }
}
