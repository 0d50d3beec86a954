import Foundation

/// Why a centre's delivery was picked for external verification (API.md's words).
public enum ExternalVerificationReason: String, CaseIterable, Codable, Sendable {
    case firstDelivery = "first_delivery"
    case largeCohort = "large_cohort"
    case previousNotAccepted = "previous_not_accepted"
    case random

    public var label: String {
        switch self {
        case .firstDelivery: "first delivery"
        case .largeCohort: "large cohort"
        case .previousNotAccepted: "previous Not Accepted"
        case .random: "random sample"
        }
    }

    public func sentence(threshold: Int) -> String {
        switch self {
        case .firstDelivery: "It is the centre's first delivery of this course."
        case .largeCohort: "The cohort is larger than \(threshold) delegates."
        case .previousNotAccepted: "The centre's previous verification was Not Accepted."
        case .random: "It was picked in the random sample."
        }
    }
}

public enum ExternalVerificationOutcome: String, CaseIterable, Codable, Sendable {
    case accepted
    case acceptedWithRecommendations = "accepted_with_recommendations"
    case notAccepted = "not_accepted"

    public var label: String {
        switch self {
        case .accepted: "Accepted"
        case .acceptedWithRecommendations: "Accepted with Recommendations"
        case .notAccepted: "Not Accepted"
        }
    }

    /// Whether delegates are certificated on this outcome.
    public var releasesCertificates: Bool { self != .notAccepted }
}

/// Where a run's verification stands.
public enum ExternalVerificationStatus: String, CaseIterable, Codable, Sendable {
    /// Submitted results were not selected: certificates issued at once.
    case notSelected = "not_selected"
    /// Selected; waiting for a verifier.
    case pending
    case accepted
    case acceptedWithRecommendations = "accepted_with_recommendations"
    /// Certificates wait until the centre completes the actions and the run is verified again.
    case notAccepted = "not_accepted"

    public init(_ outcome: ExternalVerificationOutcome) { self = ExternalVerificationStatus(rawValue: outcome.rawValue)! }

    public var label: String {
        switch self {
        case .notSelected: "Not selected"
        case .pending: "Waiting for a verifier"
        case .accepted: "Accepted"
        case .acceptedWithRecommendations: "Accepted with Recommendations"
        case .notAccepted: "Not Accepted"
        }
    }
}

/// How the service samples centres' deliveries; staff set both numbers.
public struct ExternalVerificationPolicy: Sendable, Equatable, Codable {
    /// A cohort larger than this is always verified.
    public var largeCohortThreshold: Int
    /// The share of the remaining deliveries picked at random, 0...1.
    public var sampleRate: Double

    public init(largeCohortThreshold: Int = 12, sampleRate: Double = 0.1) {
        self.largeCohortThreshold = largeCohortThreshold; self.sampleRate = sampleRate
    }

    public static let standard = ExternalVerificationPolicy()

    public func errors() -> [FieldError] {
        var errors: [FieldError] = []
        if largeCohortThreshold < 1 || largeCohortThreshold > 500 {
            errors.append(FieldError("largeCohortThreshold", "The large-cohort threshold must be between 1 and 500 delegates"))
        }
        if !(0...1).contains(sampleRate) || sampleRate.isNaN {
            errors.append(FieldError("sampleRate", "The random sample rate must be between 0 and 1 (for example 0.1 for one in ten)"))
        }
        return errors
    }
}

/// What the service knows about a delivery when its results come in.
public struct DeliveryFacts: Sendable, Equatable {
    /// No earlier delivery of this course by this centre has been submitted.
    public var firstDeliveryOfCourse: Bool
    /// Delegates holding a place on the run.
    public var cohort: Int
    /// The outcome of the centre's most recent decided verification, if any.
    public var previousOutcome: ExternalVerificationOutcome?

    public init(firstDeliveryOfCourse: Bool, cohort: Int, previousOutcome: ExternalVerificationOutcome?) {
        self.firstDeliveryOfCourse = firstDeliveryOfCourse; self.cohort = cohort; self.previousOutcome = previousOutcome
    }
}

public struct ExternalVerificationSelection: Sendable, Equatable {
    public var reasons: [ExternalVerificationReason]
    /// The seed of the random draw, recorded so the draw can be repeated and checked.
    public var seed: UInt64
    /// The draw from `seed`, in 0..<1; the delivery is in the random sample when below the rate.
    public var draw: Double
    public var policy: ExternalVerificationPolicy

    public var selected: Bool { !reasons.isEmpty }
}

public enum ExternalVerificationRules {
    /// Decides whether a centre's delivery is verified before its delegates are certificated,
    /// following the texts' criteria: first delivery, a large cohort, a previous Not
    /// Accepted, or the random sample. Every reason that applies is recorded.
    public static func select(_ facts: DeliveryFacts, policy: ExternalVerificationPolicy, seed: UInt64) -> ExternalVerificationSelection {
        var reasons: [ExternalVerificationReason] = []
        if facts.firstDeliveryOfCourse { reasons.append(.firstDelivery) }
        if facts.cohort > policy.largeCohortThreshold { reasons.append(.largeCohort) }
        if facts.previousOutcome == .notAccepted { reasons.append(.previousNotAccepted) }
        let value = draw(seed: seed)
        if value < policy.sampleRate { reasons.append(.random) }
        return ExternalVerificationSelection(reasons: reasons, seed: seed, draw: value, policy: policy)
    }

    /// A number in 0..<1 from a seed: SplitMix64, so the same seed gives the same draw on
    /// every machine and in every version (Swift's own generators promise neither).
    public static func draw(seed: UInt64) -> Double {
        var z = seed &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z = z ^ (z >> 31)
        return Double(z >> 11) / Double(UInt64(1) << 53)
    }

    /// What a verifier must write with each outcome.
    public static func outcomeErrors(_ outcome: ExternalVerificationOutcome?, recommendations: String?, actions: String?) -> [FieldError] {
        guard let outcome else { return [FieldError("outcome", "Choose Accepted, Accepted with Recommendations or Not Accepted")] }
        let blank = { (text: String?) in (text ?? "").isBlank }
        switch outcome {
        case .accepted: return []
        case .acceptedWithRecommendations:
            return blank(recommendations) ? [FieldError("recommendations", "List the recommendations for the centre")] : []
        case .notAccepted:
            return blank(actions) ? [FieldError("actions", "List the actions the centre must complete before delegates are certificated")] : []
        }
    }

    /// The run's provider and every verifier see a run's verification and its evidence.
    public static func maySee(_ permissions: Permissions, ownCentre: UUID?, runCentre: UUID?) -> Bool {
        permissions.provides(runCentre: runCentre, ownCentre: ownCentre) || permissions.has(.verifier)
    }

    /// A verifier may not verify a delivery of a centre they belong to.
    public static func mayVerify(_ permissions: Permissions, ownCentre: UUID?, runCentre: UUID) -> Bool {
        permissions.has(.verifier) && ownCentre != runCentre
    }
}
