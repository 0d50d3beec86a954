import Plot
import PrepRoomCore
import PrepRoomServices
import Vapor

/// Every email the service sends, filled with example values, for course admins to read
/// before people receive them (`/staff/emails`), in both parts: the text and the HTML made
/// from it. The wording itself lives with each area's notices; this page only calls them.
/// It lives with the composition because it gathers every area's messages.
struct EmailPreviews: RouteCollection {
    struct Preview { var slug: String; var title: String; var message: EmailMessage }

    static func previews(_ links: Links) -> [Preview] {
        let to = "jo.technician@school.sch.uk", name = "Jo Technician"
        let run = Notices.RunFacts(courseTitle: "Chemical Handling", dates: "Tue 9 March, 09:30 to 15:30",
                                   place: "SSERC, 2 Pitreavie Court, Dunfermline", url: links.base + "/runs/…")
        let calendar = "BEGIN:VCALENDAR\r\nEND:VCALENDAR"
        let verify = links.absolute(.verify)
        // An example stop link: the real one is signed for the person when the email is queued.
        func stop(_ kind: OptionalEmail) -> String { links.base + "/emails/stop/…/\(kind.rawValue)/…" }
        return [
            Preview(slug: "registration-received", title: "Registration received", message: AccountNotices.registrationReceived(to: to, name: name)),
            Preview(slug: "community-post-hidden", title: "Techné: a moderator hid your post",
                    message: CommunityNotices.postHidden(to: to, name: name, topic: "Cloudy copper sulfate crystals",
                                                         reason: "It named a pupil; please ask again without the name.", link: links.base + "/community/topics/…")),
            Preview(slug: "community-post-restored", title: "Techné: your post is shown again",
                    message: CommunityNotices.postRestored(to: to, name: name, topic: "Cloudy copper sulfate crystals",
                                                           reason: "The name is gone from it now.", link: links.base + "/community/topics/…")),
            Preview(slug: "community-notification", title: "Techné: a notification as it happens",
                    message: CommunityNotices.notification(to: to, name: name, line: CommunityNotificationKind.mention.line(actor: "Olwen Oldhand", topic: "Cloudy copper sulfate crystals"),
                                                           excerpt: "@JoTechnician filter the solution hot, then cool it slowly.", link: links.base + "/community/topics/…#post-2")
                        .stoppable(.communityNotifications, at: stop(.communityNotifications))),
            Preview(slug: "community-digest", title: "Techné: the daily digest of notifications",
                    message: CommunityNotices.digest(to: to, name: name, items: [
                        (CommunityNotificationKind.reply.line(actor: "Olwen Oldhand", topic: "Cloudy copper sulfate crystals"), links.base + "/community/topics/…#post-2"),
                        (CommunityNotificationKind.topic.line(actor: "Nia New", topic: "Storing concentrated acids"), links.base + "/community/topics/…#post-1"),
                    ], more: 0, link: links.absolute(.notifications()))
                        .stoppable(.communityNotifications, at: stop(.communityNotifications))),
            Preview(slug: "meets-topic-scheduled", title: "Techné: a Meets topic you voted for is scheduled",
                    message: MeetsNotices.scheduled(to: to, name: name, topic: "Using data loggers in practical biology", course: "Technician SSERC Meets",
                                                    dates: "Wed 3 March, 16:00 to 17:00", link: links.base + "/runs/…")),
            Preview(slug: "meets-topic-declined", title: "Techné: your Meets topic is declined",
                    message: MeetsNotices.declined(to: to, name: name, topic: "Using data loggers in practical biology",
                                                   reason: "A course on data logging covers it: see the catalogue.", link: links.absolute(.meetsTopics))),
            Preview(slug: "registration-approved", title: "Registration approved",
                    message: AccountNotices.registrationApproved(to: to, name: name, signInURL: links.absolute(.signIn()))),
            Preview(slug: "registration-rejected", title: "Registration not approved",
                    message: AccountNotices.registrationRejected(to: to, name: name, reason: "We could not confirm the school you named; please register with your school email address.")),
            Preview(slug: "registrations-waiting", title: "Registrations waiting (admins' daily digest)",
                    message: AccountNotices.registrationsWaiting(to: "admin@sserc.example", name: "Sam Admin", people: [(name, to)], total: 3,
                                                                 url: links.absolute(.staff(.accounts())))
                        .stoppable(.registrationDigest, at: stop(.registrationDigest))),
            Preview(slug: "password-reset", title: "Password reset link",
                    message: AccountNotices.passwordReset(to: to, name: name, link: links.absolute(.resetPassword(token: "example")))),
            Preview(slug: "password-changed", title: "Password changed", message: AccountNotices.passwordChanged(to: to, name: name)),
            Preview(slug: "email-change", title: "Confirm a new email address",
                    message: AccountNotices.emailChangeConfirmation(to: "jo@new.sch.uk", name: name, link: links.absolute(.confirmEmail(token: "example")))),
            Preview(slug: "booking-confirmed", title: "Booking confirmed (with the calendar file)",
                    message: Notices.confirmed(to: to, name: name, run: run, calendar: calendar)),
            Preview(slug: "waiting-list", title: "On the waiting list", message: Notices.waitlisted(to: to, name: name, run: run, position: 3)),
            Preview(slug: "promoted", title: "A place has come up", message: Notices.promoted(to: to, name: name, run: run, calendar: calendar)),
            Preview(slug: "cancelled", title: "Booking cancelled by the service",
                    message: Notices.cancelled(to: to, name: name, run: run, byStaff: true, reason: "The run is cancelled: the tutor is ill.")),
            Preview(slug: "certificate-issued", title: "Certificate issued",
                    message: Notices.certificateIssued(to: to, name: name, courseTitle: "Chemical Handling", number: "PR-ABCD-EFGH-JKLM-NPQR",
                                                       provider: ProviderName.nationalBase, expiresOn: "9 March 2030", verifyURL: verify,
                                                       pdfURL: links.absolute(.certificate(number: "PR-ABCD-EFGH-JKLM-NPQR", .pdf)))),
            Preview(slug: "expiry-reminder", title: "Certificate expiry reminder",
                    message: Notices.expiryReminder(to: to, name: name, courseTitle: "Safe Use of Fixed Workshop Machinery", number: "PR-ABCD-EFGH-JKLM-NPQR",
                                                    expiresOn: "Sat 4 September 2027", daysBefore: 90,
                                                    refresher: ("Safe Use of Fixed Workshop Machinery Refresher", links.base + "/courses/safe-use-of-fixed-workshop-machinery-refresher"),
                                                    runs: [.init(dates: "Wed 9 June 2027", url: links.base + "/runs/…")])
                        .stoppable(.expiryReminders, at: stop(.expiryReminders))),
            Preview(slug: "evaluation-invitation", title: "Evaluation invitation (after the course)",
                    message: EvaluationNotices.invitation(to: to, name: name, course: "Chemical Handling", step: .post, url: links.absolute(.me(.evaluations)))
                        .stoppable(.evaluationInvitations, at: stop(.evaluationInvitations))),
            Preview(slug: "centre-status", title: "Centre application decided",
                    message: CentreNotices.statusChanged(to: "coordinator@fife.example", centre: "Fife Science Centre", status: .approved, reason: nil)),
            Preview(slug: "verification-requested", title: "Verification needed (to verifiers)",
                    message: ExternalVerificationNotices.verificationRequested(to: "verifier@sserc.example", centre: "Fife Science Centre", course: "Chemical Handling",
                                                                               reasons: ["the centre's first delivery of this course"], url: links.base + "/runs/…/verification")),
            Preview(slug: "verification-decided", title: "Verification decided (to the centre)",
                    message: ExternalVerificationNotices.verificationDecided(to: "coordinator@fife.example", centre: "Fife Science Centre", course: "Chemical Handling",
                                                                             outcome: .acceptedWithRecommendations, recommendations: "Keep the risk assessment with the sign-in sheet.",
                                                                             actions: nil, url: links.base + "/runs/…/verification")),
            Preview(slug: "equipment-due", title: "Equipment checks due (to the school's technicians)",
                    message: EquipmentNotices.reminder(.dueSoon, to: to, name: name, school: "Perth Academy", lines: equipmentLines, url: links.base + "/schools/…/equipment")),
            Preview(slug: "equipment-overdue", title: "Equipment checks overdue (to the school's technicians)",
                    message: EquipmentNotices.reminder(.overdue, to: to, name: name, school: "Perth Academy", lines: equipmentLines, url: links.base + "/schools/…/equipment")),
            Preview(slug: "equipment-escalated", title: "Equipment checks overdue for a month (to the authority's managers)",
                    message: EquipmentNotices.reminder(.escalated, to: "manager@pkc.example", name: "Lara Manager", school: "Perth Academy",
                                                       lines: equipmentLines, url: links.base + "/schools/…/equipment")),
        ]
    }

    private static let equipmentLines = [
        EquipmentNotices.Line(description: "Fume cupboard, Lab 3", assetTag: "FC-01", checkType: "Thorough examination and test (LEV)", dueOn: ServiceTime.london(2027, 3, 12)),
        EquipmentNotices.Line(description: "Power pack 4", assetTag: "PP-04", checkType: "Combined inspection and test (PAT)", dueOn: ServiceTime.london(2027, 3, 19)),
    ]

    func boot(routes: any RoutesBuilder) throws {
        routes.get("staff", "emails", use: list)
        routes.get("staff", "emails", ":slug", use: html)
    }

    private func requireAdmin(_ req: Request) throws {
        _ = try req.require(\.canEditCatalogue, "Only course admins preview the service's emails.")
    }

    func list(req: Request) async throws -> Response {
        try requireAdmin(req)
        return EmailPreviewsPage(previews: Self.previews(Links(req))).response(for: req)
    }

    /// One message's HTML part as the mailbox shows it. Its styles are inline, as email
    /// needs, so this one response allows inline style and nothing else (no script at all).
    func html(req: Request) async throws -> Response {
        try requireAdmin(req)
        guard let preview = Self.previews(Links(req)).first(where: { $0.slug == req.parameters.get("slug") }) else {
            throw ServiceError.notFound("email")
        }
        let response = Response(status: .ok, body: .init(string: preview.message.html))
        response.headers.contentType = .html
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
        return response
    }
}

struct EmailPreviewsPage: PageView {
    let previews: [EmailPreviews.Preview]
    var title: String { "Emails" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            .h1(.text("Emails the service sends")),
            .p(.class("lead"), .text("Each message with example values, as its text part. Every message also has an HTML part made from the same text; open it to see it as a mailbox shows it.")),
            .forEach(previews) { preview in
                .section(.class("card mb-3"), .attr("id", "email-\(preview.slug)"), .div(.class("card-body"),
                    .h2(.class("h5"), .text(preview.title)),
                    .p(.class("mb-1"), .strong(.text("Subject: ")), .text(preview.message.subject)),
                    .unwrap(preview.message.attachments.first) { .p(.class("mb-1 small"), .text("Attached: \($0.filename)")) },
                    .pre(.class("border rounded p-2 bg-body-tertiary email-text"), .text(preview.message.body)),
                    .p(.class("mb-0"), .a(.attr("href", SiteURL.staff(.emailPreview(slug: preview.slug)).path), .text("The HTML version")))))
            })
    }
}
