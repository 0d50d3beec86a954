import Foundation

/// The tasks a school may give only to someone trained for them, and the certificates
/// that authorise each. The texts: checking equipment under the electrical and pressure
/// systems regulations, leak-testing sources of ionising radiation, preparing
/// microbiological cultures (which "requires a member of staff to be trained to Level 3"),
/// and using fixed workshop machinery.
public enum ControlledTask: String, CaseIterable, Codable, Sendable {
    case patTesting = "pat_testing"
    case leakTestingSources = "leak_testing_sources"
    case level3Microbiology = "level3_microbiology"
    case fixedWorkshopMachinery = "fixed_workshop_machinery"

    public var label: String {
        switch self {
        case .patTesting: "Testing portable electrical equipment (PAT)"
        case .leakTestingSources: "Leak-testing sealed radioactive sources"
        case .level3Microbiology: "Preparing Level 3 microbiology cultures"
        case .fixedWorkshopMachinery: "Operating and checking fixed workshop machinery"
        }
    }

    /// The courses whose certificate authorises the task: the course first, then its
    /// refresher (either one, if current, is enough).
    public var authorisingCourses: [String] {
        switch self {
        case .patTesting: ["electrical-safety-and-pat"]
        case .leakTestingSources: ["working-with-radioactive-sources"]
        case .level3Microbiology: ["microbiology-level-3"]
        case .fixedWorkshopMachinery: ["safe-use-of-fixed-workshop-machinery", "safe-use-of-fixed-workshop-machinery-refresher"]
        }
    }
}

/// The gate between training and compliance: who may record a check or be named for a
/// task. Pure, so it is the same for a page, the API and a reminder.
public enum Authorisation {
    public enum Refusal: Sendable, Equatable {
        /// No certificate of the task's courses at all.
        case notTrained
        /// The newest certificate lapsed on this day.
        case expired(Date)
        /// Every certificate held was revoked.
        case revoked

        public var code: String {
            switch self {
            case .notTrained: "not_trained"
            case .expired: "certificate_expired"
            case .revoked: "certificate_revoked"
            }
        }
    }

    public enum Outcome: Sendable, Equatable {
        /// Authorised by the certificate numbered so, until the day given (nil: no expiry).
        case authorised(number: String, until: Date?)
        case refused(Refusal)
    }

    /// A certificate as the gate reads it.
    public struct Held: Sendable, Equatable {
        public var number: String
        public var courseCode: String
        public var expiresAt: Date?
        public var revoked: Bool
        public init(number: String, courseCode: String, expiresAt: Date?, revoked: Bool) {
            self.number = number; self.courseCode = courseCode; self.expiresAt = expiresAt; self.revoked = revoked
        }
    }

    /// Authorised by a current, unrevoked certificate of one of the task's courses (the
    /// one lasting longest, when there are several); otherwise refused for the reason that
    /// helps most: an expired certificate says when, and a revoked one says so.
    public static func decide(_ task: ControlledTask, held: [Held], now: Date) -> Outcome {
        let relevant = held.filter { task.authorisingCourses.contains($0.courseCode) }
        let current = relevant.filter { !$0.revoked && ($0.expiresAt.map { $0 > now } ?? true) }
        if let best = current.max(by: { ($0.expiresAt ?? .distantFuture) < ($1.expiresAt ?? .distantFuture) }) {
            return .authorised(number: best.number, until: best.expiresAt)
        }
        if let lapsed = relevant.filter({ !$0.revoked }).compactMap(\.expiresAt).max() { return .refused(.expired(lapsed)) }
        return .refused(relevant.isEmpty ? .notTrained : .revoked)
    }

    /// The sentence a refused person reads; about someone else (`person`, named for a
    /// task by a colleague), in the third person.
    public static func message(_ refusal: Refusal, task: ControlledTask, person: String? = nil) -> String {
        let whose = person.map { "\($0)'s" } ?? "Your"
        let who = person ?? "you"
        switch refusal {
        case .notTrained:
            return "\(task.label) needs a current certificate from the course that authorises it, and \(who) \(person == nil ? "hold" : "holds") none."
        case .expired(let day):
            return "\(whose) certificate for \(task.label.lowercasedFirst) expired on \(ServiceTime.day(day)), so it no longer authorises \(person == nil ? "you" : "them"): renew it on the course first."
        case .revoked:
            return "\(whose) certificate for \(task.label.lowercasedFirst) was revoked, so it no longer authorises \(person == nil ? "you" : "them")."
        }
    }
}

extension String {
    /// "Leak-testing sealed sources" → "leak-testing sealed sources", for mid-sentence use.
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
