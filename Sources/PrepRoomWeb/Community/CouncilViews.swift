import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices

/// The council: what it is, the member's own representative (and the form to write to
/// them), every seat with its holder or "Vacant", and the meetings.
struct CouncilPage: PageView {
    let overview: CouncilDesk.Overview
    let letter: String?
    let errors: [FieldError]
    var title: String { (errors.isEmpty ? "" : "Error: ") + "The Scottish Technicians' Advisory Council" }

    func content(_ chrome: Chrome) -> BodyNode {
        let manages = CouncilRules.mayManage(chrome.permissions)
        let vacancies = overview.seats.filter { $0.holderID == nil }.count
        return .div(.class("row"), .div(.class("col-lg-9"),
            FormParts.errorSummary(errors),
            .p(.a(.attr("href", SiteURL.community.path), .text("Techné"))),
            .h1(.text("The Scottish Technicians' Advisory Council (STAC)")),
            .p(.class("lead"), .text("Technicians from every local authority, SCIS and Jordanhill School, advising SSERC on technicians' professional learning.")),
            yourRepresentative(chrome),
            .h2(.id("seats"), .class("h4 mt-4"), .text("Seats")),
            .p(.text("\(Wording.count(overview.seats.count, "seat")), \(vacancies == 0 ? "none vacant" : "\(vacancies) vacant").")),
            .div(.class("table-responsive"), .table(.class("table"), .id("council-seats"),
                .thead(.tr(.th(.attr("scope", "col"), .text("Organisation")), .th(.attr("scope", "col"), .text("Representative")))),
                .tbody(.forEach(overview.seats) { seat in
                    .tr(.td(.text(seat.organisation)),
                        .td(seat.holder.map { .text($0) } ?? .span(.class("text-body-secondary"), .text("Vacant"))))
                }))),
            .if(manages, seatForm(chrome)),
            .h2(.class("h4 mt-4"), .text("Meetings")),
            chrome.user == nil
                ? .p(.a(.attr("href", SiteURL.signIn(next: SiteURL.council.path).path), .text("Sign in to read the agendas and minutes")))
                : meetings(manages: manages)
        ))
    }

    private func yourRepresentative(_ chrome: Chrome) -> BodyNode {
        guard let user = chrome.user, let seat = overview.ownSeat else { return .empty }
        guard let holder = seat.holder else {
            return .p(.id("your-representative"), .text("\(seat.organisation)'s seat is vacant at the moment."))
        }
        if seat.holderID == user.id { return .p(.id("your-representative"), .text("You represent \(seat.organisation).")) }
        return .div(.id("your-representative"), .class("card mb-3"), .div(.class("card-body"),
            .p(.text("Your representative for \(seat.organisation) is "), .strong(.text(holder)), .text(".")),
            H.form(action: SiteURL.councilLetter.path, csrf: chrome.csrf, id: "letter", [
                FormParts.textArea("body", label: "Write to \(holder)", value: letter,
                                   hint: "Sent by email with your address, so they can answer you. At most 5,000 characters.", rows: 5, errors: errors),
                H.button("Send the message"),
            ])))
    }

    private func seatForm(_ chrome: Chrome) -> BodyNode {
        H.form(action: SiteURL.councilSeats.path, csrf: chrome.csrf, id: "seat", [
            .h3(.class("h5"), .text("Change a seat's representative")),
            FormParts.select("organisationId", label: "Seat", options: overview.seats.map { (UUIDText.string($0.organisationID), $0.organisation) },
                             selected: nil, errors: []),
            FormParts.text("email", label: "The representative's email address", value: nil, hint: "A member of that organisation. Leave empty to make the seat vacant.",
                           type: "email", errors: []),
            H.button("Save the seat", style: "btn-outline-primary"),
        ])
    }

    private func meetings(manages: Bool) -> BodyNode {
        .div(
            .if(manages, .p(.a(.class("btn btn-outline-primary btn-sm"), .attr("href", SiteURL.newCouncilMeeting.path), .text("Add a meeting")))),
            overview.meetings.isEmpty ? .p(.id("meetings"), .text("No meetings are published yet."))
                : .ul(.id("meetings"), .forEach(overview.meetings) { meeting in
                    .li(.a(.attr("href", SiteURL.councilMeeting(meeting.linkID).path), .text(meeting.title)),
                        .text(" · \(ServiceTime.day(meeting.heldOn))"),
                        .if(meeting.minutes.isEmpty, .span(.class("text-body-secondary"), .text(" · agenda only"))),
                        .if(meeting.publishedAt == nil, .span(.class("badge text-bg-secondary ms-2"), .text("Draft"))))
                }))
    }
}

/// One meeting: its agenda and minutes.
struct MeetingPage: PageView {
    let meeting: CouncilMeeting
    /// Its papers: files attached to it.
    let papers: [AttachmentLine]
    var title: String { "\(meeting.title): STAC" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-lg-9"),
            .p(.a(.attr("href", SiteURL.council.path), .text("STAC"))),
            .h1(.text(meeting.title)),
            .p(.class("lead"), .text(ServiceTime.day(meeting.heldOn)),
               .if(meeting.publishedAt == nil, .span(.class("badge text-bg-secondary ms-2"), .text("Draft: members do not see it yet")))),
            .h2(.class("h4"), .text("Agenda")),
            MarkdownView.body(meeting.agenda),
            .h2(.class("h4 mt-4"), .text("Minutes")),
            meeting.minutes.isEmpty ? .p(.text("The minutes are not written yet.")) : MarkdownView.body(meeting.minutes),
            .h2(.class("h4 mt-4"), .text("Papers")),
            papers.isEmpty ? .p(.id("papers"), .text("No papers are attached.")) : .div(.id("papers"),
                AttachmentViews.list(papers, csrf: chrome.csrf, removable: CouncilRules.mayManage(chrome.permissions))),
            .if(CouncilRules.mayManage(chrome.permissions) && papers.count < AttachmentRules.mostPerMeeting,
                AttachmentViews.form(action: SiteURL.councilMeetingPapers(meeting.linkID).path, csrf: chrome.csrf, id: "paper",
                                     summary: "Attach a paper (a report, the signed minutes)")),
            .if(CouncilRules.mayManage(chrome.permissions), MeetingFormPage.form(chrome, meeting: meeting,
                form: MeetingFormPage.Fields(title: meeting.title, heldOn: ServiceTime.isoDay(meeting.heldOn), agenda: meeting.agenda, minutes: meeting.minutes),
                errors: []))
        ))
    }
}

/// A manager's form for a meeting: new, or the agenda and minutes of one.
struct MeetingFormPage: PageView {
    struct Fields { var title: String?; var heldOn: String?; var agenda: String?; var minutes: String? }

    let meeting: CouncilMeeting?
    let form: Fields
    let errors: [FieldError]
    var title: String { (errors.isEmpty ? "" : "Error: ") + (meeting == nil ? "Add a meeting: STAC" : "\(meeting?.title ?? ""): STAC") }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-lg-8"),
            FormParts.errorSummary(errors),
            .p(.a(.attr("href", SiteURL.council.path), .text("STAC"))),
            .h1(.text(meeting == nil ? "Add a meeting" : meeting?.title ?? "")),
            Self.form(chrome, meeting: meeting, form: form, errors: errors)))
    }

    static func form(_ chrome: Chrome, meeting: CouncilMeeting?, form: Fields, errors: [FieldError]) -> BodyNode {
        H.form(action: meeting.map { SiteURL.councilMeeting($0.linkID).path } ?? SiteURL.councilMeetings.path, csrf: chrome.csrf, id: "meeting", [
            .if(meeting != nil, .h2(.class("h4 mt-4"), .text("Edit the meeting"))),
            FormParts.text("title", label: "Title", value: form.title, errors: errors),
            FormParts.text("heldOn", label: "Held on", value: form.heldOn, type: "date", errors: errors),
            FormParts.textArea("agenda", label: "Agenda", value: form.agenda, hint: CommunityText.markdownHint, rows: 6, errors: errors),
            FormParts.textArea("minutes", label: "Minutes (optional until written)", value: form.minutes, rows: 10, errors: errors),
            meeting?.publishedAt != nil ? .p(.class("small"), .text("Published: members read it."))
                : FormParts.checkbox("publish", label: "Publish to members", checked: false),
            H.button("Save the meeting"),
        ])
    }
}
