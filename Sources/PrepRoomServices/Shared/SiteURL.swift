import FluentKit
import Foundation
import PrepRoomCore

/// Every path of the site, built from typed values: pages link, forms post and handlers
/// redirect through these, and emails add the public address in front (`Links`). A path
/// cannot be misspelt in one place, and a missing id cannot quietly become another page
/// (`"/runs/\(run.id?.uuidString ?? "")"` once gave `/runs/`). `LinkWalkTests` follows
/// the links of the pages people use and fails on one that no route answers.
///
/// The API's paths are in its OpenAPI document (`OpenAPI/`), which clients read.
package enum SiteURL: Hashable, Sendable, CustomStringConvertible {
    case home
    case courses(CourseQuery = CourseQuery())
    case course(code: String, Course = .page)
    case newCourse
    case run(UUID, Run = .page)
    case calendar(month: String? = nil)
    case calendarFeed
    case strategy
    case objective(code: String, Objective = .page)
    case centres
    case centre(UUID, Centre = .page)
    case applyForCentre
    /// A school's equipment register and dashboard, and one item of it.
    case schoolEquipment(UUID, SchoolEquipment = .page)
    case equipment(UUID, Equipment = .page)
    /// A person's secret calendar of the checks due at their schools.
    case equipmentCalendar(token: String)
    /// Techné: the discussion's categories, one category's topics (a page at a time),
    /// starting a topic in it, and one topic. No category is keyed `topics`.
    case community
    case communityCategory(key: String, page: Int? = nil)
    case newTopic(categoryKey: String)
    /// A public category's latest topics as an Atom feed.
    case communityFeed(key: String)
    case topic(UUID, Topic = .page)
    /// A moderation action on one post (the page shows posts in their topic).
    case communityPost(UUID, Post)
    /// A file attached to a post or to a council meeting.
    case attachment(UUID, Attachment = .download)
    /// Suspending a member from posting, and lifting it (moderators).
    case communityMember(UUID, Member)
    /// Themes members suggest for twilight Meets, and voting on one, or deciding it (staff).
    /// The path is `/community/meets`: no category is keyed `meets` either.
    case meetsTopics
    case meetsTopic(UUID, MeetsAction)
    /// A member's Techné notifications, a page at a time; marking them read; how they are
    /// emailed. No category is keyed `notifications`.
    case notifications(page: Int? = nil)
    case notificationsRead, notificationEmail
    /// Following a category (`following` false: no longer).
    case followCategory(key: String, following: Bool)
    /// Techné's resource library: the list (filtered), one resource, an editor's form for a
    /// new one, and the feed of new public resources. No resource is keyed `new` or `feed.atom`.
    case resources(ResourceQuery = ResourceQuery())
    case resource(UUID, Resource = .page)
    case newResource
    case resourcesFeed
    /// STAC: its seats and meetings, a member's message to their representative, and a
    /// manager's forms. No category is keyed `council`.
    case council, councilLetter, councilSeats, councilMeetings, newCouncilMeeting
    case councilMeeting(UUID)
    case councilMeetingPapers(UUID)
    /// One search across Techné's discussion and the catalogue.
    case search(SearchQuery = SearchQuery())
    /// The public certificate check; with a number, the certificate's own page.
    case verify
    case certificate(number: String, Certificate = .page)
    case booking(UUID, Booking)
    case signIn(next: String? = nil)
    /// Asking for a password reset link, and the emailed link itself.
    case forgotPassword
    case resetPassword(token: String)
    /// The link sent to a new email address.
    case confirmEmail(token: String)
    /// An optional email's one-click stop link (`EmailStopLinks`).
    case stopEmails(userID: UUID, kind: String, signature: String)
    case signOut
    case register
    case me(Me)
    case staff(Staff)
    case apiDocumentation
    case openAPI
    /// How to reach the service, what it holds about people, and how accessible it is.
    case contact, privacy, accessibility, help
    /// For machines: alive (`/healthz`), ready to serve (`/readyz`), and Prometheus's scrape.
    case alive, ready, metrics

    package enum Course: Hashable, Sendable { case page, edit, newRun, calendarFeed }
    package enum Run: Hashable, Sendable {
        case page, edit, book, delegates, delegatesCSV, signInSheet, signInSheetCSV, delivery, close, enrolments
        case verification, verificationEvidence, verificationEvidenceItem(UUID), verificationActionsCompleted
    }
    package enum Objective: Hashable, Sendable { case page, status, visibility }
    package enum Centre: Hashable, Sendable { case page, status, venues, approvals, withdrawApproval(courseCode: String) }
    package enum Certificate: Hashable, Sendable { case page, print, pdf, revoke }
    package enum SchoolEquipment: Hashable, Sendable { case page, csv(list: String? = nil), importRegister, name, unname }
    package enum Equipment: Hashable, Sendable { case page, checks, status, document(check: UUID) }
    package enum Topic: Hashable, Sendable { case page, replies, solved, lock, follow, unfollow, pin, move }
    package enum Post: Hashable, Sendable { case flag, hide, restore, dismissFlags, approve, reject, edit, attachments }
    package enum Attachment: Hashable, Sendable { case download, remove }
    package enum Member: Hashable, Sendable { case suspend, lift }
    package enum MeetsAction: Hashable, Sendable { case vote, withdrawVote, decide }
    package enum Resource: Hashable, Sendable { case page, download, versionDownload(Int), versions }
    package enum Booking: Hashable, Sendable { case manage, cancel, move, evaluation(step: String) }
    package enum Me: Hashable, Sendable {
        /// A member's home: what is coming up and what waits for them.
        case home
        case bookings, certificates, cpd, cpdCSV, cpdPrint, deleteCPDEntry(UUID), equality, eraseEquality, evaluations
        case password, security, endSession(UUID), revokeToken(UUID), signOutEverywhere
        case account, accountName, accountEmail, accountEmails, accountOrganisation, accountSchools
        /// What the service holds about the person: the download, and erasing the account.
        case privacy, privacyDownload, eraseAccount
        /// The equipment of the person's schools (or, for a manager, an authority's).
        case equipment(organisation: UUID? = nil)
        /// One list of the overview (schools, lapsing, uncovered) as CSV.
        case equipmentCSV(organisation: UUID?, list: String)
        /// Makes (or remakes) the person's calendar address.
        case equipmentCalendar
    }
    package enum Staff: Hashable, Sendable {
        /// The staff's own home: the pages of their roles, and what waits for them.
        case home
        /// The admins' list: a search of names and emails, one page of it.
        case accounts(search: String? = nil, page: Int? = nil)
        case account(UUID), decideAccounts, enableAccount(UUID), disableAccount(UUID)
        /// A person's data download and erasure (a subject-access request, a leaver), and the
        /// accounts nobody has used for a long time.
        case accountDownload(UUID), eraseAccount(UUID), inactiveAccounts(page: Int? = nil)
        case audit(action: String? = nil)
        case evaluation, evaluationQuestions, retireQuestion(UUID), impactWeeks
        case reports, annualReport, annualReportCSV(section: String, query: String = ""), annualTarget
        case centreReport, centreReportCSV, equalityReport, evaluationReport, evaluationReportCSV
        case verifications, verificationPolicy
        /// Every email with example values, and one's HTML part.
        case emails, emailPreview(slug: String)
        /// The kinds of equipment and their check intervals.
        case equipmentCategories
        /// Techné's posts that members flagged, for moderators.
        case communityFlags
        /// How many of a new member's first posts wait (admins).
        case communityFirstPosts
        /// Techné's categories: adding one, and changing one.
        case communityCategories, communityCategory(key: String)
    }

    /// The library's filters.
    package struct ResourceQuery: Hashable, Sendable {
        package var subject: String?
        package var kind: String?
        package var tag: String?
        package var page: Int?
        package init(subject: String? = nil, kind: String? = nil, tag: String? = nil, page: Int? = nil) {
            self.subject = subject; self.kind = kind; self.tag = tag; self.page = page
        }
    }

    /// The search's words and filters, as the search page reads them.
    package struct SearchQuery: Hashable, Sendable {
        package var text: String?
        package var kind: String?
        package var subject: String?
        package var page: Int?
        package init(text: String? = nil, kind: String? = nil, subject: String? = nil, page: Int? = nil) {
            self.text = text; self.kind = kind; self.subject = subject; self.page = page
        }
    }

    /// The catalogue's filters, as the list page reads them.
    package struct CourseQuery: Hashable, Sendable {
        package var certificated: Bool?
        package init(certificated: Bool? = nil) { self.certificated = certificated }
    }

    package var path: String {
        switch self {
        case .home: return "/"
        case .courses(let query): return "/courses" + Self.query(["certificated": query.certificated.map { $0 ? "true" : "false" }])
        case .course(let code, let part):
            let base = "/courses/\(Self.segment(code))"
            switch part {
            case .page: return base
            case .edit: return base + "/edit"
            case .newRun: return base + "/runs/new"
            case .calendarFeed: return base + "/runs.ics"
            }
        case .newCourse: return "/courses/new"
        case .run(let id, let part):
            let base = "/runs/\(UUIDText.string(id))"
            switch part {
            case .page: return base
            case .edit: return base + "/edit"
            case .book: return base + "/book"
            case .delegates: return base + "/delegates"
            case .delegatesCSV: return base + "/delegates.csv"
            case .signInSheet: return base + "/sign-in-sheet"
            case .signInSheetCSV: return base + "/sign-in-sheet.csv"
            case .delivery: return base + "/delivery"
            case .close: return base + "/close"
            case .enrolments: return base + "/enrolments"
            case .verification: return base + "/verification"
            case .verificationEvidence: return base + "/verification/evidence"
            case .verificationEvidenceItem(let item): return base + "/verification/evidence/\(UUIDText.string(item))"
            case .verificationActionsCompleted: return base + "/verification/actions-completed"
            }
        case .calendar(let month): return "/calendar" + Self.query(["month": month])
        case .calendarFeed: return "/calendar.ics"
        case .strategy: return "/strategy"
        case .objective(let code, let part):
            let base = "/strategy/\(Self.segment(code))"
            switch part {
            case .page: return base
            case .status: return base + "/status"
            case .visibility: return base + "/visibility"
            }
        case .centres: return "/centres"
        case .centre(let id, let part):
            let base = "/centres/\(UUIDText.string(id))"
            switch part {
            case .page: return base
            case .status: return base + "/status"
            case .venues: return base + "/venues"
            case .approvals: return base + "/approvals"
            case .withdrawApproval(let code): return base + "/approvals/\(Self.segment(code))/withdraw"
            }
        case .applyForCentre: return "/centres/apply"
        case .schoolEquipment(let id, let part):
            let base = "/schools/\(UUIDText.string(id))/equipment"
            switch part {
            case .page: return base
            case .csv(let list): return base + ".csv" + Self.query(["list": list])
            case .importRegister: return base + "/import"
            case .name: return base + "/named"
            case .unname: return base + "/named/remove"
            }
        case .equipmentCalendar(let token): return "/equipment/calendar/\(Self.segment(token)).ics"
        case .equipment(let id, let part):
            let base = "/equipment/\(UUIDText.string(id))"
            switch part {
            case .page: return base
            case .checks: return base + "/checks"
            case .status: return base + "/status"
            case .document(let check): return base + "/checks/\(UUIDText.string(check))/document"
            }
        case .community: return "/community"
        case .communityCategory(let key, let page): return "/community/\(Self.segment(key))" + Self.query(["page": page.map(String.init)])
        case .newTopic(let key): return "/community/\(Self.segment(key))/topics"
        case .communityFeed(let key): return "/community/\(Self.segment(key))/feed.atom"
        case .topic(let id, let part):
            let base = "/community/topics/\(UUIDText.string(id))"
            switch part {
            case .page: return base
            case .replies: return base + "/replies"
            case .solved: return base + "/solved"
            case .lock: return base + "/lock"
            case .follow: return base + "/follow"
            case .unfollow: return base + "/unfollow"
            case .pin: return base + "/pin"
            case .move: return base + "/move"
            }
        case .communityPost(let id, let action):
            let base = "/community/posts/\(UUIDText.string(id))"
            switch action {
            case .flag: return base + "/flags"
            case .hide: return base + "/hide"
            case .restore: return base + "/restore"
            case .dismissFlags: return base + "/dismiss"
            case .approve: return base + "/approve"
            case .reject: return base + "/reject"
            case .edit: return base + "/edit"
            case .attachments: return base + "/attachments"
            }
        case .attachment(let id, let action):
            return "/community/attachments/\(UUIDText.string(id))" + (action == .remove ? "/remove" : "")
        case .communityMember(let id, let action):
            return "/community/members/\(UUIDText.string(id))/suspension" + (action == .lift ? "/lift" : "")
        case .notifications(let page): return "/community/notifications" + Self.query(["page": page.map(String.init)])
        case .notificationsRead: return "/community/notifications/read"
        case .notificationEmail: return "/community/notifications/email"
        case .followCategory(let key, let following): return "/community/\(Self.segment(key))/" + (following ? "follow" : "unfollow")
        case .meetsTopics: return "/community/meets"
        case .meetsTopic(let id, let part):
            let base = "/community/meets/\(UUIDText.string(id))"
            switch part {
            case .vote: return base + "/vote"
            case .withdrawVote: return base + "/vote/withdraw"
            case .decide: return base + "/status"
            }
        case .resources(let query):
            return "/resources" + Self.query(["subject": query.subject, "kind": query.kind, "tag": query.tag, "page": query.page.map(String.init)])
        case .resource(let id, let part):
            let base = "/resources/\(UUIDText.string(id))"
            switch part {
            case .page: return base
            case .download: return base + "/download"
            case .versionDownload(let number): return base + "/versions/\(number)/download"
            case .versions: return base + "/versions"
            }
        case .council: return "/community/council"
        case .councilLetter: return "/community/council/letter"
        case .councilSeats: return "/community/council/seats"
        case .councilMeetings: return "/community/council/meetings"
        case .newCouncilMeeting: return "/community/council/meetings/new"
        case .councilMeeting(let id): return "/community/council/meetings/\(UUIDText.string(id))"
        case .councilMeetingPapers(let id): return "/community/council/meetings/\(UUIDText.string(id))/papers"
        case .newResource: return "/resources/new"
        case .resourcesFeed: return "/resources/feed.atom"
        case .search(let query):
            return "/search" + Self.query(["q": query.text, "kind": query.kind, "subject": query.subject, "page": query.page.map(String.init)])
        case .verify: return "/verify"
        case .certificate(let number, let part):
            let base = "/certificates/\(Self.segment(number))"
            switch part {
            case .page: return base
            case .print: return base + "/print"
            case .pdf: return base + "/pdf"
            case .revoke: return base + "/revoke"
            }
        case .booking(let id, let part):
            let base = "/bookings/\(UUIDText.string(id))"
            switch part {
            case .manage: return base + "/manage"
            case .cancel: return base + "/cancel"
            case .move: return base + "/move"
            case .evaluation(let step): return base + "/evaluation/\(Self.segment(step))"
            }
        case .signIn(let next): return "/sign-in" + Self.query(["next": next])
        case .forgotPassword: return "/forgot-password"
        case .resetPassword(let token): return "/reset-password/\(Self.segment(token))"
        case .confirmEmail(let token): return "/confirm-email/\(Self.segment(token))"
        case .stopEmails(let userID, let kind, let signature):
            return "/emails/stop/\(UUIDText.string(userID))/\(Self.segment(kind))/\(Self.segment(signature))"
        case .signOut: return "/sign-out"
        case .register: return "/register"
        case .me(let page): return Self.path(of: page)
        case .staff(let page): return Self.path(of: page)
        case .apiDocumentation: return "/api/"
        case .openAPI: return "/api/v1/openapi.json"
        case .contact: return "/contact"
        case .privacy: return "/privacy"
        case .accessibility: return "/accessibility"
        case .help: return "/help"
        case .alive: return "/healthz"
        case .ready: return "/readyz"
        case .metrics: return "/metrics"
        }
    }

    private static func path(of page: Me) -> String {
        switch page {
        case .home: return "/me"
        case .bookings: return "/me/bookings"
        case .certificates: return "/me/certificates"
        case .cpd: return "/me/cpd"
        case .cpdCSV: return "/me/cpd.csv"
        case .cpdPrint: return "/me/cpd/print"
        case .deleteCPDEntry(let id): return "/me/cpd/\(UUIDText.string(id))/delete"
        case .equality: return "/me/equality"
        case .eraseEquality: return "/me/equality/erase"
        case .evaluations: return "/me/evaluations"
        case .password: return "/me/password"
        case .security: return "/me/security"
        case .endSession(let id): return "/me/sessions/\(UUIDText.string(id))/end"
        case .revokeToken(let id): return "/me/tokens/\(UUIDText.string(id))/revoke"
        case .signOutEverywhere: return "/me/sign-out-everywhere"
        case .account: return "/me/account"
        case .accountName: return "/me/account/name"
        case .accountEmail: return "/me/account/email"
        case .accountEmails: return "/me/account/emails"
        case .accountOrganisation: return "/me/account/organisation"
        case .accountSchools: return "/me/account/schools"
        case .privacy: return "/me/privacy"
        case .privacyDownload: return "/me/privacy/download"
        case .eraseAccount: return "/me/privacy/erase"
        case .equipment(let organisation): return "/me/equipment" + query(["organisation": organisation.map(UUIDText.string)])
        case .equipmentCalendar: return "/me/equipment/calendar"
        case .equipmentCSV(let organisation, let list): return "/me/equipment.csv" + query(["organisation": organisation.map(UUIDText.string), "list": list])
        }
    }

    private static func path(of page: Staff) -> String {
        switch page {
        case .accounts(let search, let page):
            return "/staff/accounts" + query(["q": search.flatMap { $0.isEmpty ? nil : $0 }, "page": page.map(String.init)])
        case .account(let id): return "/staff/accounts/\(UUIDText.string(id))"
        case .decideAccounts: return "/staff/accounts/decide"
        case .enableAccount(let id): return "/staff/accounts/\(UUIDText.string(id))/enable"
        case .disableAccount(let id): return "/staff/accounts/\(UUIDText.string(id))/disable"
        case .accountDownload(let id): return "/staff/accounts/\(UUIDText.string(id))/download"
        case .eraseAccount(let id): return "/staff/accounts/\(UUIDText.string(id))/erase"
        case .inactiveAccounts(let page): return "/staff/accounts/inactive" + query(["page": page.map(String.init)])
        case .home: return "/staff"
        case .emails: return "/staff/emails"
        case .emailPreview(let slug): return "/staff/emails/\(segment(slug))"
        case .audit(let action): return "/staff/audit" + query(["action": action])
        case .evaluation: return "/staff/evaluation"
        case .evaluationQuestions: return "/staff/evaluation/questions"
        case .retireQuestion(let id): return "/staff/evaluation/questions/\(UUIDText.string(id))/retire"
        case .impactWeeks: return "/staff/evaluation/impact-weeks"
        case .reports: return "/staff/reports"
        case .annualReport: return "/staff/reports/annual"
        case .annualReportCSV(let section, let rest): return "/staff/reports/annual.csv" + query(["section": section]) + rest
        case .annualTarget: return "/staff/reports/annual/target"
        case .centreReport: return "/staff/reports/centres"
        case .centreReportCSV: return "/staff/reports/centres.csv"
        case .equalityReport: return "/staff/reports/equality"
        case .evaluationReport: return "/staff/reports/evaluation"
        case .evaluationReportCSV: return "/staff/reports/evaluation.csv"
        case .verifications: return "/staff/verifications"
        case .verificationPolicy: return "/staff/verifications/policy"
        case .equipmentCategories: return "/staff/equipment-categories"
        case .communityFlags: return "/staff/community/flags"
        case .communityFirstPosts: return "/staff/community/first-posts"
        case .communityCategories: return "/staff/community/categories"
        case .communityCategory(let key): return "/staff/community/categories/\(segment(key))"
        }
    }

    package var description: String { path }

    /// The path with a query string of its own added (`?a=1&b=2`), values encoded.
    package func adding(query values: [(String, String)]) -> String {
        let extra = values.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        guard !extra.isEmpty else { return path }
        return path + (path.contains("?") ? "&" : "?") + extra
    }

    /// One path segment: a code or number typed by a person goes into the path encoded, so
    /// a `/` or `?` in it cannot reach another route.
    private static func segment(_ text: String) -> String {
        isUnreserved(text) ? text : text.addingPercentEncoding(withAllowedCharacters: segmentAllowed) ?? ""
    }

    private static func encode(_ text: String) -> String {
        isUnreserved(text) ? text : text.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? ""
    }

    private static let segmentAllowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#;"))
    private static let queryAllowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

    /// Ids, codes and numbers, which both encodings leave as they are: checked byte by byte,
    /// because Foundation's percent-encoding is slow for the many links a page holds.
    private static func isUnreserved(_ text: String) -> Bool {
        text.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
        }
    }

    private static func query(_ values: KeyValuePairs<String, String?>) -> String {
        let present = values.compactMap { key, value in value.map { "\(key)=\(encode($0))" } }
        return present.isEmpty ? "" : "?" + present.joined(separator: "&")
    }
}


extension Model where IDValue == UUID {
    /// The id a link to this model's page uses. A model read from the database always has
    /// one; a model not yet saved has no page, so its links lead to a 404 (the nil UUID)
    /// rather than to some other page.
    package var linkID: UUID { id ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)) }
}
