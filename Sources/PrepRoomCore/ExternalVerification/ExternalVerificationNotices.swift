import Foundation

/// The wording of messages about the external verification of centres' deliveries.
public enum ExternalVerificationNotices {
    private static let signOff = EmailMessage.signOff

    public static func verificationRequested(to email: String, centre: String, course: String, reasons: [String], url: String) -> EmailMessage {
        EmailMessage(to: email, subject: "Verification needed: \(course) at \(centre)",
                     body: "\(centre) has submitted the results of \(course), and the delivery was selected for external verification:\n"
                        + reasons.map { "- \($0)" }.joined(separator: "\n") + "\n\nReview the evidence and record the outcome: \(url)" + signOff)
    }

    public static func verificationDecided(to email: String, centre: String, course: String, outcome: ExternalVerificationOutcome,
                                           recommendations: String?, actions: String?, url: String) -> EmailMessage {
        var body = "The verification of \(centre)'s delivery of \(course) is complete: \(outcome.label)."
        if let recommendations { body += "\n\nRecommendations:\n\(recommendations)" }
        if let actions { body += "\n\nActions to complete before delegates are certificated:\n\(actions)" }
        body += outcome.releasesCertificates ? "\n\nThe delegates who completed have been certificated." : "\n\nWhen the actions are complete, say so on the run's verification page: \(url)"
        return EmailMessage(to: email, subject: "Verification \(outcome.label): \(course) at \(centre)", body: body + signOff)
    }
}
