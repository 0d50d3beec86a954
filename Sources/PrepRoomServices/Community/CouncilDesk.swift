import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// STAC: its seats (who represents each organisation, and the vacancies), its meetings'
/// agendas and minutes for members, and a member's message to their representative.
package struct CouncilDesk {
    package let db: any Database
    package var now = Date()
    package var links = Links(base: "")

    package init(db: any Database, links: Links? = nil) {
        self.db = db
        if let links { self.links = links }
    }

    package struct Overview: Sendable {
        package var seats: [SeatLine]
        /// The reader's own organisation's seat, for a signed-in member who has one.
        package var ownSeat: SeatLine?
        package var meetings: [CouncilMeeting]
        /// The meetings' papers (files attached to them), in the order they were added.
        package var papers: [AttachmentLine] = []
    }

    /// Seats for anyone; meetings for members (drafts for those who manage the council).
    package func overview(for user: User?) async throws -> Overview {
        let seats = try await CouncilStore.seats(on: db)
        let manages = user.map { CouncilRules.mayManage($0.permissions) } ?? false
        let meetings = user == nil ? [] : try await CouncilStore.meetings(includingDrafts: manages, on: db)
        let own = user?.$organisation.id.flatMap { id in seats.first { $0.organisationID == id } }
        let papers = try await AttachmentStore.forMeetings(meetings.compactMap(\.id), on: db)
        return Overview(seats: seats, ownSeat: own, meetings: meetings, papers: papers)
    }

    /// A published meeting for members; a draft for those who manage the council.
    package func meeting(_ id: UUID, for user: User?) async throws -> CouncilMeeting {
        guard let user else { throw ServiceError.signInRequired }
        guard let meeting = try await CouncilStore.meeting(id, on: db),
              meeting.publishedAt != nil || CouncilRules.mayManage(user.permissions) else { throw ServiceError.notFound("meeting") }
        return meeting
    }

    /// A meeting's papers (files attached to it), for whoever may read the meeting.
    package func papers(of meetingID: UUID) async throws -> [AttachmentLine] {
        try await AttachmentStore.forMeetings([meetingID], on: db)
    }

    /// Gives an organisation's seat to a member of it, or leaves it vacant (`userID` nil).
    /// The new representative is emailed. Managers; audited.
    package func assignSeat(of organisationID: UUID, to userID: UUID?, by user: User) async throws {
        try requireManager(user)
        guard let organisation = try await OrganisationStore.find(organisationID, on: db) else { throw ServiceError.notFound("organisation") }
        var notice: EmailMessage?
        if let userID {
            guard let member = try await UserStore.approvedUser(id: userID, on: db) else { throw ServiceError.invalid([FieldError("userId", "Choose an approved member")]) }
            guard member.$organisation.id == organisationID else {
                throw ServiceError.invalid([FieldError("userId", "A representative belongs to the organisation they represent")])
            }
            notice = CouncilNotices.seatTaken(to: member.email, name: member.name, organisation: organisation.name, link: links.absolute(.council))
        }
        let existing = try await CouncilStore.seat(of: organisationID, on: db)
        try await db.writeTransaction { [now, notice] db in
            if let existing { try await existing.delete(on: db) }
            if let userID {
                let seat = CouncilSeat()
                seat.organisationID = organisationID; seat.userID = userID; seat.since = now
                try await seat.create(on: db)
            }
            try await AuditEntry.record(userID == nil ? "council.seat_vacated" : "council.seat_assigned", subject: "organisation:\(organisationID)",
                                        actor: user.id, details: organisation.name, on: db)
            if let notice { try await OutboxMessage.queue(notice, at: now, on: db) }
        }
    }

    /// As `assignSeat`, naming the member by their email address (the page's form).
    package func assignSeat(of organisationID: UUID, toEmail email: String?, by user: User) async throws {
        try requireManager(user)
        guard let email, !email.isBlank else { return try await assignSeat(of: organisationID, to: nil, by: user) }
        guard let member = try await UserStore.find(email: email, on: db), let id = member.id else {
            throw ServiceError.invalid([FieldError("email", "No member has that email address")])
        }
        try await assignSeat(of: organisationID, to: id, by: user)
    }

    /// A new meeting (a draft until published). Managers; audited.
    package func saveMeeting(_ id: UUID?, title: String?, heldOn: String?, agenda: String?, minutes: String?, publish: Bool, by user: User) async throws -> CouncilMeeting {
        try requireManager(user)
        let day = heldOn.flatMap(ServiceTime.parseDay)
        var problems = CouncilRules.meetingProblems(title: title, heldOn: day, agenda: agenda)
        if heldOn != nil && day == nil { problems = problems.filter { $0.field != "heldOn" } + [FieldError("heldOn", "Give a real day, like 2027-03-10")] }
        guard problems.isEmpty, let day else { throw ServiceError.invalid(problems) }
        let meeting: CouncilMeeting
        if let id {
            guard let found = try await CouncilStore.meeting(id, on: db) else { throw ServiceError.notFound("meeting") }
            meeting = found
        } else {
            meeting = CouncilMeeting()
        }
        meeting.title = (title ?? "").trimmed
        meeting.heldOn = day
        meeting.agenda = (agenda ?? "").trimmed
        meeting.minutes = (minutes ?? "").trimmed
        if publish && meeting.publishedAt == nil { meeting.publishedAt = now }
        meeting.updatedBy = user.id
        meeting.updatedAt = now
        try await db.writeTransaction { db in
            try await meeting.save(on: db)
            try await AuditEntry.record(publish ? "council.meeting_published" : "council.meeting_saved", subject: "meeting:\(try meeting.requireID())",
                                        actor: user.id, details: meeting.title, on: db)
        }
        return meeting
    }

    /// A member's message to their own organisation's representative, sent through the
    /// outbox with the member's address to answer; the representative's address stays
    /// theirs. 409 when the seat is vacant.
    package func write(_ body: String?, by user: User) async throws -> String {
        guard let organisationID = user.$organisation.id else {
            throw ServiceError.conflict("no_organisation", "Say which local authority or member body you work for on your account first.")
        }
        let problems = CouncilRules.letterProblems(body)
        guard problems.isEmpty, let body = body?.trimmed else { throw ServiceError.invalid(problems) }
        guard let seat = try await CouncilStore.seat(of: organisationID, on: db),
              let representative = try await UserStore.approvedUser(id: seat.userID, on: db),
              let organisation = try await OrganisationStore.find(organisationID, on: db) else {
            throw ServiceError.conflict("seat_vacant", "Your organisation's seat is vacant: write to the service instead.")
        }
        guard representative.id != user.id else { throw ServiceError.conflict("own_seat", "You are your organisation's representative.") }
        let letter = CouncilNotices.letter(to: representative.email, name: representative.name, from: user.name, senderEmail: user.email,
                                           organisation: organisation.name, body: body)
        try await db.writeTransaction { [now] db in
            try await OutboxMessage.queue(letter, at: now, on: db)
            try await AuditEntry.record("council.letter_sent", subject: "organisation:\(organisationID)", actor: user.id, details: "", on: db)
        }
        return representative.name
    }

    func requireManager(_ user: User) throws {
        guard CouncilRules.mayManage(user.permissions) else { throw ServiceError.forbidden("Only managers run the council's seats and meetings.") }
    }
}
